"""Length-prefixed frames over pipes and sockets, read and written against a deadline.

Standard library only: the worker loads it from source without the ``alchemist`` package
(``_pool._BOOTSTRAP``); the executor imports it. Every frame is an 8-byte little-endian length
and that many bytes; a reader names the largest frame it accepts, in bytes, and a longer one is
refused (``FrameError``) before any of its body is read. Readers and writers wait with
``select`` until a deadline (``time.monotonic``; ``None``: the peer is trusted to be there), so
that a peer that stops mid-frame costs at most the time left, never a blocked process.
"""

from __future__ import annotations

import os
import select
import struct
import time

LENGTH = struct.Struct("<Q")
_CHUNK = 1 << 20


class FrameError(Exception):
    """A frame longer than the reader accepts, or one that ended early."""


class Timeout(Exception):
    """The deadline passed before the whole frame was read or written."""


def frame(payload: bytes) -> bytes:
    return LENGTH.pack(len(payload)) + payload


def _wait(fd: int, write: bool, deadline: float | None) -> None:
    """Until ``fd`` is ready; ``Timeout`` when it is not by ``deadline`` (looked at once even
    when the deadline has passed)."""
    timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
    ready = select.select([], [fd], [], timeout) if write else select.select([fd], [], [], timeout)
    if not ready[1 if write else 0]:
        raise Timeout


def read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    """``size`` bytes from ``fd``; ``EOFError`` when it closes first, ``Timeout`` past
    ``deadline``. Reads only what ``select`` says is there, so a stalled peer cannot block."""
    parts, got = [], 0
    while got < size:
        _wait(fd, False, deadline)
        try:
            chunk = os.read(fd, min(size - got, _CHUNK))
        except BlockingIOError:
            continue
        if not chunk:
            raise EOFError
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def write_all(fd: int, data: bytes, deadline: float | None) -> None:
    """Write all of ``data`` to ``fd`` (non-blocking), ``Timeout`` past ``deadline``."""
    view = memoryview(data)
    while view:
        _wait(fd, True, deadline)
        try:
            view = view[os.write(fd, view[:_CHUNK]) :]
        except BlockingIOError:
            continue


def read_frame(fd: int, limit: int, deadline: float | None) -> bytes:
    """One frame of at most ``limit`` bytes from ``fd``."""
    (size,) = LENGTH.unpack(read_exact(fd, LENGTH.size, deadline))
    if size > limit:
        raise FrameError(f"a frame of {size} bytes; at most {limit} are accepted")
    return read_exact(fd, size, deadline)


class Inbox:
    """Frames arriving on a non-blocking socket, taken whole as they complete."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._buffer = bytearray()

    def fill(self, fd: int) -> None:
        """Read what is there now; ``EOFError`` when the peer closed."""
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:
                return
            if not chunk:
                raise EOFError
            self._buffer += chunk
            if len(chunk) < _CHUNK:
                return

    def take(self) -> bytes | None:
        """The next complete frame, or None; ``FrameError`` for one longer than the limit."""
        if len(self._buffer) < LENGTH.size:
            return None
        (size,) = LENGTH.unpack_from(self._buffer)
        if size > self.limit:
            raise FrameError(f"a frame of {size} bytes; at most {self.limit} are accepted")
        if len(self._buffer) < LENGTH.size + size:
            return None
        payload = bytes(self._buffer[LENGTH.size : LENGTH.size + size])
        del self._buffer[: LENGTH.size + size]
        return payload


class Outbox:
    """Frames waiting to leave on a non-blocking socket; ``flush`` never blocks."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def __bool__(self) -> bool:
        return bool(self._buffer)

    def put(self, payload: bytes) -> None:
        self._buffer += frame(payload)

    def flush(self, fd: int) -> None:
        """Send what the socket takes now; ``OSError`` when the peer is gone."""
        while self._buffer:
            try:
                sent = os.write(fd, self._buffer[:_CHUNK])
            except BlockingIOError:
                return
            del self._buffer[:sent]
