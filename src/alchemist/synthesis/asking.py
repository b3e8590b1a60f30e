"""What every program generator is given besides the task and the model: how to ask the model
(``Asking``) and which rows to judge programs on (``Rows``).

The one-shot synthesis, the program search, the per-column synthesis of tables and the quality
loop all ask the same way: call ``k`` of a generator uses seed ``seed + k`` and the prompt
strategies and temperatures in turn, so that a re-run with the same settings asks the same
questions in the same order. Their settings live here once, with their defaults, instead of as a
dozen keyword arguments of each generator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from alchemist import prompts
from alchemist.llm.base import SamplingParams
from alchemist.programs import ProgramStore, next_number
from alchemist.task import Supplementary, Task

STRATEGIES: tuple[str, ...] = tuple(prompts.table("strategies"))
# The strategies a run uses unless told otherwise: keywords and patterns suit text; records of
# fields (tables, and the concept scores images and signals become) get thresholds and values.
_DEFAULT_STRATEGIES = {
    "text": ("default", "keywords", "regex"),
    "tabular": ("default", "thresholds", "categories"),
}


def default_strategies(modality: str) -> tuple[str, ...]:
    """The prompt strategies used in turn for a task of ``modality`` when a run names none."""
    return _DEFAULT_STRATEGIES.get(modality, ("default", "thresholds"))


@dataclass(frozen=True, kw_only=True)
class Asking:
    """How a generator asks the model for programs.

    Call ``k`` uses seed ``seed + k``, prompt strategy ``strategies[k % len]`` (when empty, the
    task's modality's: ``default_strategies``, as a run that names none) and temperature
    ``temperatures[k % len]`` (``params.temperature`` when empty); the other sampling settings
    are ``params``. ``supplementary`` replaces the task's own supplementary information in the
    prompts. New programs are numbered ``<id_prefix><number>`` from ``start``, or after the
    highest such id in the store they are written to.

    ``focus``: ``(label, prompt task)`` pairs used in turn instead of the task's own prompt and
    the strategies, each prompt task with one input field (``search_prompts.column_prompts``: one
    per column of a table); the program search and ``synthesize_per_attribute`` take it, and an
    answer that reads another column is refused.
    """

    params: SamplingParams = field(default_factory=SamplingParams)
    seed: int = 0
    strategies: Sequence[str] = ()
    temperatures: Sequence[float] = ()
    supplementary: Supplementary | None = None
    id_prefix: str = "p"
    start: int | None = None
    focus: Sequence[tuple[str, Task]] = ()

    def __post_init__(self) -> None:
        for name in ("strategies", "temperatures", "focus"):  # stored as tuples
            object.__setattr__(self, name, tuple(getattr(self, name)))
        unknown = [s for s in self.strategies if s not in STRATEGIES]
        if unknown:
            raise ValueError(
                f"strategies must name prompt strategies among {list(STRATEGIES)}, or none for "
                f"the modality's; got {list(self.strategies)}."
            )

    def strategies_for(self, task: Task) -> tuple[str, ...]:
        """The strategies used in turn for ``task``."""
        return tuple(self.strategies) or default_strategies(task.modality)

    def params_for(self, k: int) -> SamplingParams:
        """The sampling settings of call ``k``: its seed and its temperature in turn."""
        temperatures = self.temperatures
        temperature = temperatures[k % len(temperatures)] if temperatures else None
        return replace(
            self.params,
            seed=self.seed + k,
            temperature=self.params.temperature if temperature is None else temperature,
        )

    def first_number(self, store: ProgramStore | None, after: Iterable[Any] = ()) -> int:
        """The number of the first new program: ``start``, else the one after the highest
        ``<id_prefix><number>`` id in ``store`` and among the programs ``after``."""
        if self.start is not None:
            return self.start
        stored = store.next_number(self.id_prefix) if store is not None else 1
        return max(stored, next_number((p.id for p in after), self.id_prefix))

    def program_id(self, number: int) -> str:
        return f"{self.id_prefix}{number:03d}"


@dataclass(frozen=True, eq=False)
class Rows:
    """The rows a generator judges programs on.

    ``items``: unlabeled inputs (shown in prompts, used for coverage); ``dev_items`` and
    ``dev_gold`` (their class indices, -1 unknown): the labeled dev split, optional. A generator
    given a plain sequence of inputs takes it as ``Rows(items)``. ``dev_reference``, optional:
    per dev item, the probability that the strongest simple model trained on the other dev
    labels gives its gold class (out of fold; NaN where the gold is unknown): where it is under
    one half the labels alone do not teach the row, and a program right there adds to them.
    """

    items: Sequence[Any] = ()
    dev_items: Sequence[Any] = ()
    dev_gold: np.ndarray | None = None
    dev_reference: np.ndarray | None = None

    def __post_init__(self) -> None:
        for name, what in (("dev_gold", "class index"), ("dev_reference", "probability")):
            values = getattr(self, name)
            if values is not None and len(values) != len(self.dev_items):
                raise ValueError(
                    f"{name} must hold one {what} per dev item; got {len(values)} "
                    f"for {len(self.dev_items)} items."
                )

    @property
    def reference_misses(self) -> np.ndarray | None:
        """Per dev item, whether the reference (``dev_reference``) gives its gold class under
        one half: wrong, or right without conviction. None without a reference."""
        if self.dev_reference is None or self.gold is None:
            return None
        return ~(np.asarray(self.dev_reference, dtype=np.float64) >= 0.5)

    @classmethod
    def of(cls, rows: Rows | Sequence[Any]) -> Rows:
        return rows if isinstance(rows, Rows) else cls(rows)

    @property
    def gold(self) -> np.ndarray | None:
        """The dev split's class indices, or None without a labeled dev split."""
        if self.dev_gold is None or not len(self.dev_items):
            return None
        return np.asarray(self.dev_gold)

    @property
    def together(self) -> list[Any]:
        """The items, then the dev items."""
        return list(self.items) + list(self.dev_items)

    @property
    def together_gold(self) -> np.ndarray | None:
        """Class indices of ``together``: -1 for the items, the dev split's after them; None
        without a labeled dev split."""
        if self.dev_gold is None:
            return None
        return np.concatenate([np.full(len(self.items), -1), self.dev_gold])


__all__ = ["Asking", "Rows", "STRATEGIES", "default_strategies"]
