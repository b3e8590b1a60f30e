"""The candidates of a program search (``alchemist.synthesis.search``) under its ``SearchPolicy``.

``CandidatePool`` sends a round of prompts (``llm.complete_many``, one seed per request), turns
the answers into programs (refusing unusable answers and duplicates, each recorded with its
reason), runs them through the executor it is given over the training and dev items, and gates
them; with two classes a program reliably wrong on dev gets a twin with the ids swapped
(``search_ranking.swap_reliably_wrong``). It also says which survivors to refine and the dev
rows each gets wrong. No model-written code runs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alchemist.errors import SynthesisError
from alchemist.llm.base import Message, Provider
from alchemist.llm.batch import complete_many
from alchemist.programs import Program, ProgramRunner
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.extract import clean_answer, same_code
from alchemist.synthesis.gate import GATES, ProgramGate, ProgramStats
from alchemist.synthesis.oneshot import Progress, provenance
from alchemist.synthesis.search_prompts import other_attributes
from alchemist.synthesis.search_ranking import (
    Candidate,
    accuracy_ceiling,
    class_shares,
    swap_reliably_wrong,
)
from alchemist.task import Task


@dataclass(frozen=True, kw_only=True)
class SearchPolicy:
    """The budget and the rules of ``search``; ``budget`` is the most model calls it makes."""

    n_programs: int = 10
    candidates: int = 12
    refinements: int = 4
    sample_items: int = 12  # unlabeled items shown in the candidate prompts (one sample)
    sample_chars: int = 160  # each clipped to this many characters
    wrong_examples: int = 4  # dev rows shown in a refinement prompt
    gate: ProgramGate = field(default_factory=lambda: GATES["search"] or ProgramGate())
    concurrency: int = 4

    def __post_init__(self) -> None:
        counts = {
            "n_programs": self.n_programs,
            "candidates": self.candidates,
            "concurrency": self.concurrency,
        }
        bad = [f"{k}={v}" for k, v in counts.items() if v < 1]
        bad += [f"refinements={self.refinements}"] if self.refinements < 0 else []
        if bad:
            raise ValueError(f"SearchPolicy settings out of range: {', '.join(bad)}.")

    @property
    def budget(self) -> int:
        return self.candidates + self.refinements


@dataclass(frozen=True)
class Request:
    """One prompt of a round: its messages, the strategy recorded with the answer, and for a
    per-column prompt the one attribute the answer may read."""

    messages: list[Message]
    strategy: str
    attribute: str | None = None


class CandidatePool:
    """The candidates so far, their votes on train + dev items, and the calls spent."""

    def __init__(
        self, task: Task, executor: ProgramRunner, rows: Rows, policy: SearchPolicy, asking: Asking
    ) -> None:
        self.task, self.executor, self.policy, self.asking = task, executor, policy, asking
        self.items, self.dev_items, self.gold = list(rows.items), list(rows.dev_items), rows.gold
        self.candidates: list[Candidate] = []
        self.votes: dict[str, np.ndarray] = {}  # id -> votes on items + dev items
        self.failures: list[dict[str, Any]] = []
        self.calls = 0
        self.shares = class_shares(task.n_classes, self.gold, task.class_shares)
        self.misses = rows.reference_misses  # dev rows the labels alone do not teach

    def alive(self) -> list[Candidate]:
        return [c for c in self.candidates if c.dropped is None]

    def add_answers(
        self,
        provider: Provider,
        requests: list[Request],
        first_call: int,
        number: int,
        kind: str,
        progress: Progress | None = None,
    ) -> int:
        """Send ``requests`` as calls ``first_call``, ``first_call + 1``... of ``asking``; the
        usable answers become candidates numbered on from ``number``. Returns the next number.
        ``progress`` hears of each call as it settles: ``{"stage": "search", "split":
        "candidates" | "refinements", "done", "total", "unit": "call"}`` (an LLM call can take
        a minute on a laptop)."""
        params = [self.asking.params_for(first_call + i) for i in range(len(requests))]

        def settled(done: int, total: int) -> None:
            if progress is not None:
                split = "candidates" if kind == "search" else "refinements"
                event = {"stage": "search", "split": split, "done": done, "total": total}
                progress({**event, "unit": "call"})

        batch = complete_many(
            provider,
            [r.messages for r in requests],
            params,
            concurrency=self.policy.concurrency,
            progress=settled,
        )
        new: list[Program] = []
        for i, (request, answer) in enumerate(zip(requests, batch.completions, strict=True)):
            record = {
                "attempt": self.calls + i,
                "strategy": request.strategy,
                "seed": params[i].seed,
            }
            if answer is None:  # failed, or not sent after the budget stopped the batch
                reason = str(batch.errors.get(i) or batch.stopped)
                self.failures.append({**record, "raw": "", "reason": reason})
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
                if request.attribute and (
                    extra := other_attributes(source, request.attribute, self.task.input_fields)
                ):
                    raise SynthesisError(f"reads other attributes {extra}")
            except SynthesisError as exc:
                self.failures.append({**record, "raw": answer.text, "reason": str(exc)})
                continue
            new.append(
                Program(
                    id=self.asking.program_id(number),
                    source=source,
                    function_name=self.task.function_name,
                    provenance={
                        **provenance(
                            answer,
                            request.messages,
                            params[i],
                            strategy=request.strategy,
                            fixes=fixes,
                        ),
                        "search_round": kind,
                        **({"attribute": request.attribute} if request.attribute else {}),
                    },
                )
            )
            number += 1
        self.calls += batch.n_done + len(batch.errors)
        if new:
            self._score(new)
            if self.gold is not None:  # reliably wrong on dev: the twin with the ids swapped
                first = number
                twins = swap_reliably_wrong(
                    self.candidates[-len(new) :],
                    self.task,
                    lambda k: self.asking.program_id(first + k),
                    self.policy.gate.min_gold_votes,
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
            errors = np.asarray(matrix.errors)[:, j]
            c = Candidate.scored(program, column, errors, n, self.gold, self.misses)
            c.dropped = self._verdict(c, column[:n])
            self.candidates.append(c)

    def _verdict(self, c: Candidate, train_votes: np.ndarray) -> str | None:
        values = np.unique(train_votes)
        constant = None
        if len(values) <= 1:
            constant = "abstain" if not len(values) or values[0] < 0 else f"class {values[0]}"
        shares = self.shares
        stats = ProgramStats(
            error_rate=c.error_rate,
            coverage=c.coverage,
            constant=constant,
            accuracy=c.dev_accuracy,
            n_gold_votes=c.dev_votes,
            ceiling=None if shares is None else accuracy_ceiling(train_votes, shares),
            shares=() if shares is None else tuple(shares),
        )
        return self.policy.gate.verdict(stats, self.task.n_classes)

    def wrong_rows(self, c: Candidate) -> list[tuple[Any, int, int]]:
        """Up to ``wrong_examples`` dev rows ``c`` votes wrong on: (input, its vote, gold), those
        the reference misses too first (the program is the only hope there)."""
        assert self.gold is not None
        dev = self.votes[c.program.id][len(self.items) :]
        wrong = np.flatnonzero((self.gold >= 0) & (dev >= 0) & (dev != self.gold))
        if self.misses is not None:
            wrong = wrong[np.argsort(~self.misses[wrong], kind="stable")]
        return [
            (self.dev_items[i], int(dev[i]), int(self.gold[i]))
            for i in wrong[: self.policy.wrong_examples]
        ]

    def to_refine(self) -> list[Candidate]:
        """The best survivors (``Candidate.order``) that still get some dev rows wrong."""
        erring = [c for c in self.alive() if c.dev_votes > c.dev_correct]
        erring.sort(key=lambda c: c.order)
        return erring[: self.policy.refinements]


__all__ = ["CandidatePool", "Request", "SearchPolicy"]
