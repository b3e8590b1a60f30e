"""Label models: turn the (n, m) vote matrix of m programs into class probabilities.

Every model has the same small interface (see ``LabelModel``)::

    model = make_label_model("dawid_skene").fit(L_train, n_classes)
    proba = model.predict_proba(L)      # (n, k); class_balance_ where no program voted
    pred = model.predict(L)             # (n,); -1 where no program voted
    model.accuracies_, model.class_balance_

Fitting needs the training votes only as counts of distinct vote patterns: reduce chunks or
partitions with ``VotePatterns.of(L_chunk, n_classes)``, combine them with ``merge``, and pass
the result to ``fit`` in place of the matrix (the same parameters as fitting the whole matrix).
When the votes hold more than ``MAX_FIT_ROWS`` distinct rows, ``fit`` reads a seeded sample of
that many rows (``max_fit_rows=None`` reads all): the estimates move by sampling error only.

Internally rows are collapsed to distinct patterns where they repeat, and the votes of small
groups of programs are packed into one code each, so scoring a row takes one table look-up per
group of programs (``benchmarks/bench_labelmodels.py`` measures it against Snorkel).

``select_label_model`` picks the model and its hyperparameters on a labeled dev split among
the single models (``DEV_CANDIDATES``), or returns ``DEFAULT_LABEL_MODEL`` when there is none:
"average", the geometric mean of the Dawid-Skene, Snorkel-style and FlyingSquid probabilities.
Label models know nothing of programs: they see votes only.
"""

from alchemist.labelmodels._average import AveragedLabelModel
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._dawid_skene import DawidSkene
from alchemist.labelmodels._flyingsquid import FlyingSquid
from alchemist.labelmodels._patterns import VotePatterns
from alchemist.labelmodels._selection import (
    DEFAULT_LABEL_MODEL,
    DEV_CANDIDATES,
    LABEL_MODELS,
    TAKE_CLASS_BALANCE,
    Selection,
    make_label_model,
    select_label_model,
)
from alchemist.labelmodels._snorkel import SnorkelStyle
from alchemist.labelmodels._stacked import (
    CrossValidatedChoice,
    StackedLabelModel,
    choose_label_model,
)
from alchemist.labelmodels._synthetic import simulate_votes
from alchemist.labelmodels._voting import MajorityVote, WeightedMajorityVote

__all__ = [
    "DEFAULT_LABEL_MODEL",
    "DEV_CANDIDATES",
    "LABEL_MODELS",
    "MAX_FIT_ROWS",
    "AveragedLabelModel",
    "CrossValidatedChoice",
    "DawidSkene",
    "FlyingSquid",
    "LabelModel",
    "MajorityVote",
    "Selection",
    "SnorkelStyle",
    "StackedLabelModel",
    "TAKE_CLASS_BALANCE",
    "VotePatterns",
    "WeightedMajorityVote",
    "choose_label_model",
    "make_label_model",
    "select_label_model",
    "simulate_votes",
]
