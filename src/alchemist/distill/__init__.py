"""Distillation: a small classifier trained on the label model's pseudolabels.

Featurizers turn the task's input columns into numbers; the classifier (the paper's MLP by
default; with a dev split, possibly an average of a few; with a handful of gold rows, the
programs' model and the reference weighed by them) learns from soft pseudolabels;
``DistilledModel`` keeps both and saves them together so that new raw rows can be labeled with no
LLM and no programs.
"""

from alchemist.distill.averaged import AveragedClassifier
from alchemist.distill.classifiers import LogisticClassifier, MLPClassifier, make_classifier
from alchemist.distill.featurizers import (
    Featurizer,
    SentenceEmbeddingFeaturizer,
    TabularFeaturizer,
    TfidfFeaturizer,
    default_featurizer,
    featurizer_candidates,
    make_featurizer,
)
from alchemist.distill.hashing import HashingFeaturizer
from alchemist.distill.minibatch import fit_in_batches
from alchemist.distill.model import DistilledModel
from alchemist.distill.nomic import NomicFeaturizer
from alchemist.distill.reference import BalancedLogistic
from alchemist.distill.stacked import StackedClassifier, fit_stacked

__all__ = [
    "AveragedClassifier",
    "BalancedLogistic",
    "DistilledModel",
    "Featurizer",
    "HashingFeaturizer",
    "LogisticClassifier",
    "MLPClassifier",
    "NomicFeaturizer",
    "SentenceEmbeddingFeaturizer",
    "StackedClassifier",
    "TabularFeaturizer",
    "TfidfFeaturizer",
    "default_featurizer",
    "featurizer_candidates",
    "fit_in_batches",
    "fit_stacked",
    "make_classifier",
    "make_featurizer",
]
