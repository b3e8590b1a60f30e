"""How good labels are: scores against gold (``metrics``: accuracy, macro-F1, paired gains with
their noise, summaries over seeds) and the per-item LLM reference every run is compared with in
cost and accuracy (``zero_shot``: one call per item).

May import: ``alchemist.task``, ``alchemist.llm``, ``alchemist._util``, ``alchemist.errors``.
"""

from alchemist.evaluation.metrics import group_accuracy, paired_gain, score, summarize_seeds
from alchemist.evaluation.zero_shot import BaselineResult, plan_zero_shot, zero_shot

__all__ = [
    "BaselineResult",
    "group_accuracy",
    "paired_gain",
    "plan_zero_shot",
    "score",
    "summarize_seeds",
    "zero_shot",
]
