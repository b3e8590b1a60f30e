"""Where Alchemist keeps files outside a run directory (models, caches)."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """``$ALCHEMIST_HOME``, else ``~/.cache/alchemist``: embedded models live in ``models/``,
    the LLM response and vote caches in ``cache/``, sentence embeddings in ``features/``."""
    value = os.environ.get("ALCHEMIST_HOME")
    return Path(value) if value else Path.home() / ".cache" / "alchemist"
