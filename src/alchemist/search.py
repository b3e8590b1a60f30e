"""Program search: many cheap candidates, scored on the dev split, refined, a small set kept.

``search`` spends a fixed budget of model calls, independent of the number of rows:

1. **Candidates** (``SearchPolicy.candidates`` calls, decoded concurrently): the program prompt
   of ``synthesis.build_messages`` (strategies in turn, or for tables one column in turn),
   preceded by a seeded sample of real unlabeled items, so programs use the data's own
   vocabulary and formats.
2. **Run and gate**: every candidate runs once (through the executor it is given) over the
   training items and the dev items. Dead programs are dropped with a reason: too many errors,
   constant output, coverage under ``min_coverage``; votes on the training items that cannot
   beat chance (1/k) however they fall, given the classes' shares (the dev split's, else the
   task file's ``share``: a program voting the minority class on most items); and with a dev
   split, dev accuracy at or below chance on at least ``min_gold_votes`` votes.
   With two classes, a candidate whose dev votes are reliably wrong (the lower end of a 90%
   interval of its error rate above one half: a small model that mixed up the class ids) gets a
   twin with the two ids exchanged, a wrapper in plain sight in its code, run and gated alike.
3. **Refine** (``SearchPolicy.refinements`` calls, concurrently): the most promising survivors
   that still err on dev are shown back to the model with the dev rows they get wrong (input,
   what they returned, the gold class); each answer is a new candidate, run and gated the same.
4. **Select** a small, accurate, diverse set: survivors ranked by the lower bound of a 90%
   Wilson interval of their dev accuracy (a program right on 9 of 10 dev votes ranks below one
   right on 90 of 100: few votes give little evidence), a candidate that gives the same output
   as one already kept on at least ``duplicate_agreement`` of the items either votes on is
   skipped, up to ``n_programs``. Without a dev split nothing is ranked: the first
   ``n_programs`` survivors are kept in the order they were written, and nothing is refined.

Guarding the small dev split against being fitted: the ranking uses a lower confidence bound,
not the raw accuracy; and ``SearchResult.check`` repeats the selection on one seeded half of
dev and scores the majority vote of what it keeps on the other half, beside the majority vote
of every survivor, so the run records whether selecting helped on rows it did not see.

Prompts: ``alchemist.search_prompts``; scores, ranking, selection, the half-dev check:
``alchemist.search_ranking``. The executor is passed in: no model-written code runs here.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from alchemist.errors import BudgetExceeded, LLMError, SynthesisError
from alchemist.extraction import clean_answer, same_code
from alchemist.label_matrix import LabelMatrix
from alchemist.llm.base import Completion, Message, Provider, SamplingParams
from alchemist.programs import Program, ProgramStore
from alchemist.search_prompts import data_aware_messages, refine_messages
from alchemist.search_ranking import (
    Candidate,
    accuracy_ceiling,
    class_shares,
    holdout_check,
    select,
    swap_reliably_wrong,
)
from alchemist.synthesis import Progress, provenance
from alchemist.task import Task

_PARAMS = SamplingParams()


class ProgramRunner(Protocol):
    """What ``search`` needs of an executor (``alchemist.execution.Executor`` is one)."""

    def run(
        self, programs: list[Program], items: Sequence[Any], class_ids: Sequence[int]
    ) -> LabelMatrix: ...


@dataclass(frozen=True, kw_only=True)
class SearchPolicy:
    """The budget and the rules of ``search``; ``budget`` is the most model calls it makes."""

    n_programs: int = 10
    candidates: int = 12
    refinements: int = 4
    sample_items: int = 6  # unlabeled items shown in each candidate prompt
    sample_chars: int = 160  # each clipped to this many characters
    wrong_examples: int = 4  # dev rows shown in a refinement prompt
    min_coverage: float = 0.02
    max_error_rate: float = 0.5
    min_gold_votes: int = 5
    duplicate_agreement: float = 0.95
    concurrency: int = 4

    def __post_init__(self) -> None:
        counts = {
            "n_programs": self.n_programs,
            "candidates": self.candidates,
            "concurrency": self.concurrency,
        }
        bad = [f"{k}={v}" for k, v in counts.items() if v < 1]
        bad += [f"refinements={self.refinements}"] if self.refinements < 0 else []
        for name in ("min_coverage", "max_error_rate", "duplicate_agreement"):
            if not 0 <= getattr(self, name) <= 1:
                bad.append(f"{name}={getattr(self, name)}")
        if bad:
            raise ValueError(f"SearchPolicy settings out of range: {', '.join(bad)}.")

    @property
    def budget(self) -> int:
        return self.candidates + self.refinements


@dataclass
class SearchResult:
    programs: list[Program]  # kept, in rank order
    candidates: list[Candidate]  # every candidate, with its scores and verdict
    n_llm_calls: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept": [p.id for p in self.programs],
            "n_llm_calls": self.n_llm_calls,
            "failures": self.failures,
            "check": self.check,
            "candidates": [
                {
                    "id": c.program.id,
                    "strategy": c.program.provenance.get("strategy"),
                    "coverage": c.coverage,
                    "error_rate": c.error_rate,
                    "dev_votes": c.dev_votes,
                    "dev_accuracy": c.dev_accuracy,
                    "rank": c.rank,
                    "dropped": c.dropped,
                }
                for c in self.candidates
            ],
        }


def search(
    task: Task,
    provider: Provider,
    executor: ProgramRunner,
    items: Sequence[Any],
    *,
    dev_items: Sequence[Any] = (),
    dev_gold: np.ndarray | None = None,
    policy: SearchPolicy = SearchPolicy(),
    params: SamplingParams = _PARAMS,
    strategies: Sequence[str] = ("default",),
    focus: Sequence[tuple[str, Task]] = (),
    seed: int = 0,
    store: ProgramStore | None = None,
    progress: Progress | None = None,
) -> SearchResult:
    """Candidates, gate, refinement and selection as the module docstring says.

    ``items``: unlabeled inputs (shown in prompts, used for coverage); ``dev_items`` /
    ``dev_gold`` (class indices, -1 unknown): the labeled dev split, optional. Call ``k`` uses
    seed ``seed + k``. ``focus``: ``(label, prompt task)`` pairs used in turn instead of
    ``task``'s own prompt and the ``strategies`` (``search_prompts.column_prompts``: one per
    table column); the label is recorded as the candidate's strategy. With a ``store``, every
    candidate is written: kept ones enabled, the others disabled with ``provenance["dropped"]``.
    """
    gold = None if dev_gold is None or not len(dev_items) else np.asarray(dev_gold)
    rng = np.random.default_rng(seed)
    number = store.next_number("p") if store is not None else 1
    state = _State(task, executor, list(items), list(dev_items), gold, policy)
    requests = []
    for k in range(policy.candidates):
        sample = (
            [
                items[i]
                for i in rng.choice(len(items), min(policy.sample_items, len(items)), replace=False)
            ]
            if len(items)
            else []
        )
        label, prompt_task = focus[k % len(focus)] if focus else (None, task)
        strategy = "default" if focus else strategies[k % len(strategies)]
        messages = data_aware_messages(
            prompt_task, sample, strategy=strategy, chars=policy.sample_chars
        )
        requests.append((messages, label or strategy))
    number = state.add_answers(provider, requests, params, seed, number, "search")
    if progress is not None:
        progress(
            {
                "stage": "search",
                "round": "candidates",
                "llm_calls": state.calls,
                "alive": len(state.alive()),
            }
        )
    if gold is not None and policy.refinements:
        requests = [
            (refine_messages(task, c.program, state.wrong_rows(c)), f"refine:{c.program.id}")
            for c in state.to_refine()
        ]
        number = state.add_answers(provider, requests, params, seed + state.calls, number, "refine")
        if progress is not None:
            progress(
                {
                    "stage": "search",
                    "round": "refinements",
                    "llm_calls": state.calls,
                    "alive": len(state.alive()),
                }
            )
    kept = select(
        state.alive(),
        state.votes,
        n_programs=policy.n_programs,
        duplicate_agreement=policy.duplicate_agreement,
        ranked=gold is not None,
    )
    kept_ids = {c.program.id for c in kept}
    for c in state.alive():
        if c.program.id not in kept_ids:
            c.dropped = "not selected (ranked lower, or a near-duplicate of a kept program)"
    check: dict[str, Any] = {}
    if gold is not None:  # the kept and the not selected: every survivor of the gate
        pool = state.alive() + [
            c for c in state.candidates if c.dropped and c.dropped.startswith("not selected")
        ]
        check = holdout_check(
            pool,
            state.votes,
            gold,
            n_items=len(state.items),
            n_classes=task.n_classes,
            n_programs=policy.n_programs,
            duplicate_agreement=policy.duplicate_agreement,
            seed=seed,
        )
    if store is not None:
        for c in state.candidates:
            scores = {
                "coverage": c.coverage,
                "dev_accuracy": c.dev_accuracy,
                "dev_votes": c.dev_votes,
                "rank": c.rank,
            }
            extra: dict[str, Any] = {"search": scores}
            if c.dropped:
                extra["dropped"] = c.dropped
            store.add(
                replace(
                    c.program,
                    enabled=c.dropped is None,
                    provenance={**c.program.provenance, **extra},
                )
            )
    return SearchResult(
        [c.program for c in kept], state.candidates, state.calls, state.failures, check
    )


class _State:
    """The candidates so far, their votes on train + dev items, and the calls spent."""

    def __init__(
        self,
        task: Task,
        executor: ProgramRunner,
        items: list[Any],
        dev_items: list[Any],
        gold: np.ndarray | None,
        policy: SearchPolicy,
    ) -> None:
        self.task, self.executor, self.policy = task, executor, policy
        self.items, self.dev_items, self.gold = items, dev_items, gold
        self.candidates: list[Candidate] = []
        self.votes: dict[str, np.ndarray] = {}  # id -> votes on items + dev items
        self.failures: list[dict[str, Any]] = []
        self.calls = 0
        self.shares = class_shares(task.n_classes, gold, task.class_shares)

    def alive(self) -> list[Candidate]:
        return [c for c in self.candidates if c.dropped is None]

    def add_answers(
        self,
        provider: Provider,
        requests: list[tuple[list[Message], str]],
        params: SamplingParams,
        seed: int,
        number: int,
        kind: str,
    ) -> int:
        answers = _complete_all(
            provider,
            [(m, replace(params, seed=seed + i)) for i, (m, _) in enumerate(requests)],
            self.policy.concurrency,
        )
        new: list[Program] = []
        for i, ((messages, strategy), answer) in enumerate(zip(requests, answers, strict=True)):
            record = {"attempt": self.calls + i, "strategy": strategy, "seed": seed + i}
            if isinstance(answer, Exception):
                self.failures.append({**record, "raw": "", "reason": str(answer)})
                continue
            try:
                source, fixes = clean_answer(answer.text, self.task)
                twin = next(
                    (
                        c.program.id
                        for c in self.candidates + [Candidate(p) for p in new]
                        if same_code(source, c.program.source)
                    ),
                    None,
                )
                if twin:
                    raise SynthesisError(f"duplicate of {twin}")
            except SynthesisError as exc:
                self.failures.append({**record, "raw": answer.text, "reason": str(exc)})
                continue
            new.append(
                Program(
                    id=f"p{number:03d}",
                    source=source,
                    function_name=self.task.function_name,
                    provenance={
                        **provenance(
                            answer,
                            messages,
                            replace(params, seed=seed + i),
                            strategy=strategy,
                            fixes=fixes,
                        ),
                        "search_round": kind,
                    },
                )
            )
            number += 1
        self.calls += sum(not isinstance(a, BudgetExceeded) for a in answers)
        if new:
            self._score(new)
            if self.gold is not None:  # reliably wrong on dev: the twin with the ids swapped
                twins = swap_reliably_wrong(
                    self.candidates[-len(new) :], self.task, number, self.policy.min_gold_votes
                )
                number += len(twins)
                if twins:
                    self._score(twins)
        return number

    def _score(self, programs: list[Program]) -> None:
        matrix = self.executor.run(programs, self.items + self.dev_items, self.task.class_ids)
        n = len(self.items)
        for j, program in enumerate(programs):
            column = matrix.votes[:, j].astype(np.int64)
            self.votes[program.id] = column
            c = Candidate.scored(program, column, np.asarray(matrix.errors)[:, j], n, self.gold)
            c.dropped = self._verdict(c, column[:n])
            self.candidates.append(c)

    def _verdict(self, c: Candidate, train_votes: np.ndarray) -> str | None:
        p = self.policy
        if c.error_rate > p.max_error_rate:
            return f"errors or timeouts on {c.error_rate:.0%} of items"
        if len(np.unique(train_votes)) <= 1:
            return "constant output on every item"
        if c.coverage < p.min_coverage:
            return f"coverage {c.coverage:.1%} below {p.min_coverage:.0%}"
        chance = 1 / self.task.n_classes
        shares = self.shares
        if shares is not None and (ceiling := accuracy_ceiling(train_votes, shares)) <= chance:
            return (
                f"at most {ceiling:.0%} of its votes can be right given the classes' shares "
                f"({', '.join(f'{s:.0%}' for s in shares)}): no better than chance"
            )
        accuracy = c.dev_accuracy
        if accuracy is not None and c.dev_votes >= p.min_gold_votes and accuracy <= chance:
            return f"dev accuracy {accuracy:.0%} on {c.dev_votes} votes: no better than chance"
        return None

    def wrong_rows(self, c: Candidate) -> list[tuple[Any, int, int]]:
        assert self.gold is not None
        dev = self.votes[c.program.id][len(self.items) :]
        wrong = np.flatnonzero((self.gold >= 0) & (dev >= 0) & (dev != self.gold))
        return [
            (self.dev_items[i], int(dev[i]), int(self.gold[i]))
            for i in wrong[: self.policy.wrong_examples]
        ]

    def to_refine(self) -> list[Candidate]:
        """The best-ranked survivors that still get some dev rows wrong."""
        erring = [c for c in self.alive() if c.dev_votes > c.dev_correct]
        erring.sort(key=lambda c: (-c.rank, -c.coverage))
        return erring[: self.policy.refinements]


def _complete_all(
    provider: Provider, requests: list[tuple[list[Message], SamplingParams]], concurrency: int
) -> list[Completion | Exception]:
    """Every request answered (or its error), ``concurrency`` in flight; after a
    ``BudgetExceeded`` no further call is made."""
    stopped: list[BudgetExceeded] = []

    def one(request: tuple[list[Message], SamplingParams]) -> Completion | Exception:
        if stopped:
            return stopped[0]
        try:
            return provider.complete(*request)
        except BudgetExceeded as exc:
            stopped.append(exc)
            return exc
        except LLMError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, requests))


__all__ = ["SearchPolicy", "SearchResult", "search"]
