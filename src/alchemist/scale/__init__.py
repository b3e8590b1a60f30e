"""Data larger than memory: every stage after synthesis in chunks on one machine, and execution
on a Dask cluster.

- ``reading``: fixed-size chunks of CSV, TSV, JSONL and Parquet (``iter_chunks``, ``read_rows``);
- ``parts``: the label matrix written as it grows, one Parquet part per chunk (``MatrixParts``);
- ``streaming``: ``stream_execute``, ``fit_from_parts``, ``write_pseudolabels``,
  ``stream_distill``, ``stream_predict``;
- ``distributed``: ``distributed_execute`` over Parquet partitions on Dask;
- ``settings``: ``ScaleSettings`` (chunk rows, cluster, workers, epochs) and ``CHUNK_ROWS``;
- ``run``: ``run_streamed``, the whole run (``alchemist run ... --stream`` / ``--cluster``);
- ``progress``: the ``Progress`` snapshots (rows, rows/s, ETA) every stage reports.

Lower stages never import this package; it composes them.
"""

from alchemist.scale.distributed import distributed_execute
from alchemist.scale.parts import MatrixParts
from alchemist.scale.progress import Progress
from alchemist.scale.reading import count_rows, iter_chunks, read_rows
from alchemist.scale.run import run_streamed
from alchemist.scale.settings import CHUNK_ROWS, LOCAL_CLUSTER, ScaleSettings
from alchemist.scale.streaming import (
    fit_from_parts,
    stream_distill,
    stream_execute,
    stream_predict,
    write_pseudolabels,
)

__all__ = [
    "CHUNK_ROWS",
    "LOCAL_CLUSTER",
    "MatrixParts",
    "Progress",
    "ScaleSettings",
    "count_rows",
    "distributed_execute",
    "fit_from_parts",
    "iter_chunks",
    "read_rows",
    "run_streamed",
    "stream_distill",
    "stream_execute",
    "stream_predict",
    "write_pseudolabels",
]
