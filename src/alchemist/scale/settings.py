"""How a run over data larger than memory is cut and where it executes: ``ScaleSettings``, and
``CHUNK_ROWS``, the rows of a chunk (and of a cluster partition) wherever none is given."""

from __future__ import annotations

from dataclasses import dataclass

from alchemist.errors import RunError

#: Rows per chunk unless told otherwise: one chunk is what a streamed stage holds in memory.
CHUNK_ROWS = 100_000
#: ``ScaleSettings.cluster`` value that starts a local Dask cluster for the run.
LOCAL_CLUSTER = "local"


@dataclass(frozen=True)
class ScaleSettings:
    """How a streamed run is cut and where it executes.

    ``chunk_rows``: rows per chunk, and per partition on a cluster. ``cluster``: None runs on
    this machine (one process and the executor's workers); ``"local"`` starts a local Dask
    cluster of ``local_workers`` processes; any other value is a scheduler address
    (``tcp://host:8786``) to connect to. ``epochs``: passes of the distilled model's minibatch
    training over the data (None: as many as make ``streaming.MIN_STEPS`` steps).
    """

    chunk_rows: int = CHUNK_ROWS
    cluster: str | None = None
    local_workers: int = 2
    epochs: int | None = None

    def __post_init__(self) -> None:
        for name in ("chunk_rows", "local_workers", "epochs"):
            if (getattr(self, name) or 1) < 1:
                raise RunError(
                    f"The '{name}' setting must be an int >= 1. "
                    f"Got {getattr(self, name)!r} instead."
                )


__all__ = ["CHUNK_ROWS", "LOCAL_CLUSTER", "ScaleSettings"]
