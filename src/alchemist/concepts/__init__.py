"""Concepts for images, signals and tables: the LLM names task-specific concepts, a local
extractor scores every item on every concept, and labeling programs read the named scores.

    naming.py     the LLM names concepts (JSON), bad answers recorded and retried
    grounding.py  concept text -> nearest extractor vocabulary (MiniLM similarity)
    signals.py    time-series measurements (numpy/scipy)
    images.py     the offline ImageNet-classifier extractor (EfficientNet-Lite0)
    clip.py       the CLIP extractor (user-supplied weights)
    robust.py     RoboShot: spurious directions projected out of item embeddings
    scoring.py    ConceptScorer: items -> named scores in [0, 1]
    stage.py      concepts -> a scored task and splits (``run.pipeline`` runs it in a run)
"""

from alchemist.concepts.naming import ConceptNaming, name_concepts, parse_concepts
from alchemist.concepts.scoring import ConceptScorer, zero_shot_predict
from alchemist.concepts.signals import SignalExtractor
from alchemist.concepts.stage import (
    CONCEPT_MODALITIES,
    ConceptSettings,
    make_extractor,
    needed,
    prepare,
    rescore,
)

__all__ = [
    "CONCEPT_MODALITIES",
    "ConceptSettings",
    "ConceptNaming",
    "ConceptScorer",
    "SignalExtractor",
    "make_extractor",
    "name_concepts",
    "needed",
    "parse_concepts",
    "prepare",
    "rescore",
    "zero_shot_predict",
]
