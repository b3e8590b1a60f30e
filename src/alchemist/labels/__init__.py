"""The user's labels: the dev split as it grows.

Owns the append-only label store in the run folder (``store``), the merge of the labels into
the splits a run reads (``dev``), which rows to label next (``suggest``), and CSV / Label Studio
import and export (``transfer``). It sits below ``run/``: it reads data, votes and model
outputs it is given, and never a run folder's other files; ``run/labeling.py`` wires it to a
run, and the workbench and the command line call that.
"""

from alchemist.labels.dev import labeled_count, with_labels
from alchemist.labels.store import LabelEvent, LabelStore, Written, fold, row_id, row_ids
from alchemist.labels.suggest import FAIR_REASON, FAIR_SHARE, Evidence, Suggestion, rank
from alchemist.labels.transfer import (
    label_config,
    label_studio_tasks,
    labels_frame,
    read_csv,
    read_label_studio,
    write_csv,
    write_label_studio,
)

__all__ = [
    "FAIR_REASON",
    "FAIR_SHARE",
    "Evidence",
    "LabelEvent",
    "LabelStore",
    "Suggestion",
    "Written",
    "fold",
    "label_config",
    "label_studio_tasks",
    "labeled_count",
    "labels_frame",
    "rank",
    "read_csv",
    "read_label_studio",
    "row_id",
    "row_ids",
    "with_labels",
    "write_csv",
    "write_label_studio",
]
