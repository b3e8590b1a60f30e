"""Alchemist: an LLM writes small labeling programs; weak supervision turns their votes into labels.

The packages are the pipeline's stages, lowest first; each imports only from those above it in
this list (no cycles; each package's docstring says what it owns)::

    errors, _util                  the exception tree; paths, atomic writes, numeric helpers
    task, programs, label_matrix   the task, the program store, the votes: the stages' contracts
    data/                          datasets from files and by name
    llm/                           providers (embedded llama.cpp, OpenAI-compatible, Anthropic),
                                   cache, ledger, cost plans
    execution/                     programs run isolated -> LabelMatrix
    diagnostics                    per-program and set diagnostics of a label matrix
    labelmodels/                   votes -> class probabilities
    evaluation/                    scores against gold; the per-item zero-shot LLM reference
    synthesis/                     stage 2: prompts, search, quality loop, the gate
    distill/                       featurizers, classifiers, the end model and its dev choice
    labels/                        the user's labels: store, suggestions, import/export,
                                   calibration; the dev split as it grows
    concepts/                      images, signals and tables scored on LLM-named concepts
    report/                        overview figures, report.md / report.html, charts
    run/                           the run folder, its settings, the pipeline and re-run
    scale/                         streaming, parts, Dask
    review/                        the browser workbench
    cli/                           the ``alchemist`` command
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
