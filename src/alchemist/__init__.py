"""Alchemist: an LLM writes small labeling programs; weak supervision turns their votes into labels.

Stages, each usable alone (one direction of flow, lower never imports higher)::

    paths, numeric, errors -> task_classes -> task, data, programs, label_matrix, llm, prompts
        -> execution, analysis -> extraction -> synthesis -> search, supplementary, quality
        -> labelmodels -> distill -> run_settings -> rundir, report -> dev_features -> devsplit
        -> synthesis_stage -> pipeline -> costs -> cli_settings, cli
"""

from alchemist.data import Dataset, load_dataset
from alchemist.errors import AlchemistError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program, ProgramStore
from alchemist.task import Task, load_task

__all__ = [
    "AlchemistError",
    "CellError",
    "Dataset",
    "LabelMatrix",
    "Program",
    "ProgramStore",
    "Task",
    "load_dataset",
    "load_task",
]
