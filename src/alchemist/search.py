"""Program search: many cheap candidates, scored on the dev split, refined, a small set kept.

``search`` spends a fixed budget of model calls, independent of the number of rows:

1. **Candidates** (``SearchPolicy.candidates`` calls, decoded concurrently): the program prompt
   of ``synthesis.build_messages`` (strategies in turn), preceded by a seeded sample of real
   unlabeled items, so programs use the data's own vocabulary and formats.
2. **Run and gate**: every candidate runs once (through the executor it is given) over the
   training items and the dev items. Dead programs are dropped with a reason: too many errors,
   constant output, coverage under ``min_coverage``, and with a dev split, dev accuracy at or
   below chance (1/k) on at least ``min_gold_votes`` votes.
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

The executor is passed in: this module never runs model-written code itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from alchemist import prompts
from alchemist.errors import BudgetExceeded, LLMError, SynthesisError
from alchemist.extraction import clean_answer, same_code
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.llm.base import Completion, Message, Provider, SamplingParams
from alchemist.programs import Program, ProgramStore
from alchemist.synthesis import build_messages, clip_text, provenance
from alchemist.task import Task

Progress = Callable[[dict[str, Any]], None]
_Z90 = 1.645  # one-sided 95%, i.e. the lower end of a 90% interval
_PARAMS = SamplingParams()


class ProgramRunner(Protocol):
    """What ``search`` needs of an executor (``alchemist.execution.Executor`` is one)."""

    def run(self, programs: list[Program], items: Sequence[Any],
            class_ids: Sequence[int]) -> LabelMatrix: ...


@dataclass(frozen=True, kw_only=True)
class SearchPolicy:
    """The budget and the rules of ``search``; ``budget`` is the most model calls it makes."""

    n_programs: int = 10
    candidates: int = 12
    refinements: int = 4
    sample_items: int = 6          # unlabeled items shown in each candidate prompt
    sample_chars: int = 160        # each clipped to this many characters
    wrong_examples: int = 4        # dev rows shown in a refinement prompt
    min_coverage: float = 0.02
    max_error_rate: float = 0.5
    min_gold_votes: int = 5
    duplicate_agreement: float = 0.95
    concurrency: int = 4

    def __post_init__(self) -> None:
        counts = {"n_programs": self.n_programs, "candidates": self.candidates,
                  "concurrency": self.concurrency}
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
class Candidate:
    program: Program
    coverage: float = 0.0
    error_rate: float = 0.0
    dev_votes: int = 0
    dev_correct: int = 0
    dropped: str | None = None

    @property
    def dev_accuracy(self) -> float | None:
        return self.dev_correct / self.dev_votes if self.dev_votes else None

    @property
    def rank(self) -> float:
        """Lower end of the 90% Wilson interval of the dev accuracy (0 without votes)."""
        return wilson_lower(self.dev_correct, self.dev_votes)


@dataclass
class SearchResult:
    programs: list[Program]                 # kept, in rank order
    candidates: list[Candidate]             # every candidate, with its scores and verdict
    n_llm_calls: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kept": [p.id for p in self.programs], "n_llm_calls": self.n_llm_calls,
                "failures": self.failures, "check": self.check,
                "candidates": [{"id": c.program.id, "strategy": c.program.provenance.get(
                    "strategy"), "coverage": c.coverage, "error_rate": c.error_rate,
                    "dev_votes": c.dev_votes, "dev_accuracy": c.dev_accuracy,
                    "rank": c.rank, "dropped": c.dropped} for c in self.candidates]}


def wilson_lower(correct: int, n: int, z: float = _Z90) -> float:
    """The lower end of the Wilson score interval of ``correct`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0
    p = correct / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def data_aware_messages(task: Task, sample: Sequence[Any], *, strategy: str = "default",
                        chars: int = 160) -> list[Message]:
    """The program prompt with a sample of real (unlabeled) inputs placed before it."""
    messages = build_messages(task, strategy=strategy)
    if sample:
        shown = "\n".join(f"- {clip_text(item, chars)!r}" for item in sample)
        messages[-1] = {"role": "user", "content": "Some inputs from the data to label "
                        f"(unlabeled):\n{shown}\n(They show the data's words and formats: "
                        "write rules that generalise to inputs like them, not checks for these "
                        f"exact texts.)\n\n{messages[-1]['content']}"}
    return messages


def refine_messages(task: Task, program: Program, wrong: Sequence[tuple[Any, int, int]],
                    *, chars: int = 200) -> list[Message]:
    """A prompt showing ``program`` the dev rows it gets wrong: (input, its vote, gold), votes
    and gold as class indices."""
    ids = task.class_ids

    def said(vote: int) -> str:
        return "-1 (abstain)" if vote < 0 else f"{ids[vote]} ({task.classes[vote].name})"

    examples = "\n".join(f"- {clip_text(x, chars)!r} -> returned {said(v)}; correct: "
                         f"{ids[g]} ({task.classes[g].name})" for x, v, g in wrong)
    return [{"role": "system", "content": prompts.render("system")},
            {"role": "user", "content": prompts.render(
                "refine", description=task.description, source=program.source.strip(),
                examples=examples, signature=task.signature, class_ids=str(list(ids)))}]


def search(task: Task, provider: Provider, executor: ProgramRunner, items: Sequence[Any], *,
           dev_items: Sequence[Any] = (), dev_gold: np.ndarray | None = None,
           policy: SearchPolicy = SearchPolicy(), params: SamplingParams = _PARAMS,
           strategies: Sequence[str] = ("default",), seed: int = 0,
           store: ProgramStore | None = None, progress: Progress | None = None) -> SearchResult:
    """Candidates, gate, refinement and selection as the module docstring says.

    ``items``: unlabeled inputs (shown in prompts, used for coverage); ``dev_items`` /
    ``dev_gold`` (class indices, -1 unknown): the labeled dev split, optional. Call ``k`` uses
    seed ``seed + k``. With a ``store``, every candidate is written: kept ones enabled, the
    others disabled with ``provenance["dropped"]``.
    """
    gold = None if dev_gold is None or not len(dev_items) else np.asarray(dev_gold)
    rng = np.random.default_rng(seed)
    number = store.next_number("p") if store is not None else 1
    state = _State(task, executor, list(items), list(dev_items), gold, policy)
    requests = []
    for k in range(policy.candidates):
        sample = [items[i] for i in rng.choice(len(items), min(policy.sample_items, len(items)),
                                               replace=False)] if len(items) else []
        strategy = strategies[k % len(strategies)]
        requests.append((data_aware_messages(task, sample, strategy=strategy,
                                             chars=policy.sample_chars), strategy))
    number = state.add_answers(provider, requests, params, seed, number, "search")
    if progress is not None:
        progress({"stage": "search", "round": "candidates", "llm_calls": state.calls,
                  "alive": len(state.alive())})
    if gold is not None and policy.refinements:
        requests = [(refine_messages(task, c.program, state.wrong_rows(c)),
                     f"refine:{c.program.id}") for c in state.to_refine()]
        number = state.add_answers(provider, requests, params, seed + state.calls, number,
                                   "refine")
        if progress is not None:
            progress({"stage": "search", "round": "refinements", "llm_calls": state.calls,
                      "alive": len(state.alive())})
    kept = select(state.alive(), state.votes, policy, ranked=gold is not None)
    kept_ids = {c.program.id for c in kept}
    for c in state.alive():
        if c.program.id not in kept_ids:
            c.dropped = "not selected (ranked lower, or a near-duplicate of a kept program)"
    check = _holdout_check(state, seed) if gold is not None else {}
    if store is not None:
        for c in state.candidates:
            scores = {"coverage": c.coverage, "dev_accuracy": c.dev_accuracy,
                      "dev_votes": c.dev_votes, "rank": c.rank}
            extra: dict[str, Any] = {"search": scores}
            if c.dropped:
                extra["dropped"] = c.dropped
            store.add(replace(c.program, enabled=c.dropped is None,
                              provenance={**c.program.provenance, **extra}))
    return SearchResult([c.program for c in kept], state.candidates, state.calls,
                        state.failures, check)


def select(alive: list[Candidate], votes: dict[str, np.ndarray], policy: SearchPolicy, *,
           ranked: bool = True) -> list[Candidate]:
    """Up to ``policy.n_programs`` candidates, best rank first (or in the given order when not
    ``ranked``), skipping near-duplicates of one already kept (``votes``: id -> column)."""
    order = sorted(alive, key=lambda c: (-c.rank, -c.coverage)) if ranked else list(alive)
    kept: list[Candidate] = []
    for c in order:
        if len(kept) >= policy.n_programs:
            break
        if not any(_agreement(votes[c.program.id], votes[k.program.id])
                   >= policy.duplicate_agreement for k in kept):
            kept.append(c)
    return kept


class _State:
    """The candidates so far, their votes on train + dev items, and the calls spent."""

    def __init__(self, task: Task, executor: ProgramRunner, items: list[Any],
                 dev_items: list[Any], gold: np.ndarray | None, policy: SearchPolicy) -> None:
        self.task, self.executor, self.policy = task, executor, policy
        self.items, self.dev_items, self.gold = items, dev_items, gold
        self.candidates: list[Candidate] = []
        self.votes: dict[str, np.ndarray] = {}       # id -> votes on items + dev items
        self.failures: list[dict[str, Any]] = []
        self.calls = 0

    def alive(self) -> list[Candidate]:
        return [c for c in self.candidates if c.dropped is None]

    def add_answers(self, provider: Provider, requests: list[tuple[list[Message], str]],
                    params: SamplingParams, seed: int, number: int, kind: str) -> int:
        answers = _complete_all(provider, [(m, replace(params, seed=seed + i))
                                           for i, (m, _) in enumerate(requests)],
                                self.policy.concurrency)
        new: list[Program] = []
        for i, ((messages, strategy), answer) in enumerate(zip(requests, answers, strict=True)):
            record = {"attempt": self.calls + i, "strategy": strategy, "seed": seed + i}
            if isinstance(answer, Exception):
                self.failures.append({**record, "raw": "", "reason": str(answer)})
                continue
            try:
                source, fixes = clean_answer(answer.text, self.task)
                twin = next((c.program.id for c in self.candidates + [Candidate(p) for p in new]
                             if same_code(source, c.program.source)), None)
                if twin:
                    raise SynthesisError(f"duplicate of {twin}")
            except SynthesisError as exc:
                self.failures.append({**record, "raw": answer.text, "reason": str(exc)})
                continue
            new.append(Program(id=f"p{number:03d}", source=source,
                               function_name=self.task.function_name,
                               provenance={**provenance(answer, messages,
                                                        replace(params, seed=seed + i),
                                                        strategy=strategy, fixes=fixes),
                                           "search_round": kind}))
            number += 1
        self.calls += sum(not isinstance(a, BudgetExceeded) for a in answers)
        if new:
            self._score(new)
        return number

    def _score(self, programs: list[Program]) -> None:
        matrix = self.executor.run(programs, self.items + self.dev_items, self.task.class_ids)
        n = len(self.items)
        for j, program in enumerate(programs):
            column = matrix.votes[:, j].astype(np.int64)
            errors = np.asarray(matrix.errors)[:, j]
            self.votes[program.id] = column
            c = Candidate(program, coverage=float((column[:n] >= 0).mean()) if n else 0.0,
                          error_rate=float((errors != CellError.OK).mean()))
            if self.gold is not None:
                dev, known = column[n:], self.gold >= 0
                voted = known & (dev >= 0)
                c.dev_votes = int(voted.sum())
                c.dev_correct = int((dev[voted] == self.gold[voted]).sum())
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
        accuracy = c.dev_accuracy
        if (accuracy is not None and c.dev_votes >= p.min_gold_votes
                and accuracy <= 1 / self.task.n_classes):
            return f"dev accuracy {accuracy:.0%} on {c.dev_votes} votes: no better than chance"
        return None

    def wrong_rows(self, c: Candidate) -> list[tuple[Any, int, int]]:
        assert self.gold is not None
        dev = self.votes[c.program.id][len(self.items):]
        wrong = np.flatnonzero((self.gold >= 0) & (dev >= 0) & (dev != self.gold))
        return [(self.dev_items[i], int(dev[i]), int(self.gold[i]))
                for i in wrong[:self.policy.wrong_examples]]

    def to_refine(self) -> list[Candidate]:
        """The best-ranked survivors that still get some dev rows wrong."""
        erring = [c for c in self.alive() if c.dev_votes > c.dev_correct]
        erring.sort(key=lambda c: (-c.rank, -c.coverage))
        return erring[:self.policy.refinements]


def _complete_all(provider: Provider, requests: list[tuple[list[Message], SamplingParams]],
                  concurrency: int) -> list[Completion | Exception]:
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


def _agreement(a: np.ndarray, b: np.ndarray) -> float:
    either = (a >= 0) | (b >= 0)
    return float((a[either] == b[either]).mean()) if either.any() else 1.0


def _holdout_check(state: _State, seed: int) -> dict[str, Any]:
    """Select on one half of dev, score on the other: majority vote of the kept set vs that of
    every survivor (fraction of the half's rows right; abstain counts as wrong)."""
    assert state.gold is not None
    n = len(state.items)
    rows = np.random.default_rng(seed).permutation(len(state.gold))
    fit, held = rows[: len(rows) // 2], rows[len(rows) // 2:]
    alive = state.alive() + [c for c in state.candidates
                             if c.dropped and c.dropped.startswith("not selected")]
    scored = []
    for c in alive:
        dev = state.votes[c.program.id][n:]
        voted = fit[(dev[fit] >= 0) & (state.gold[fit] >= 0)]
        scored.append(replace(c, dev_votes=len(voted),
                              dev_correct=int((dev[voted] == state.gold[voted]).sum())))
    kept = select(scored, state.votes, state.policy)

    def vote_accuracy(chosen: list[Candidate]) -> float | None:
        if not chosen or not len(held):
            return None
        V = np.stack([state.votes[c.program.id][n:][held] for c in chosen], axis=1)
        counts = np.stack([(V == k).sum(axis=1) for k in range(state.task.n_classes)], axis=1)
        guess = np.where(counts.max(axis=1) > 0, counts.argmax(axis=1), -1)
        return float((guess == np.asarray(state.gold)[held]).mean())

    return {"selected_on_rows": len(fit), "scored_on_rows": len(held),
            "kept_majority_vote_accuracy": vote_accuracy(kept),
            "all_majority_vote_accuracy": vote_accuracy(scored)}


__all__ = ["Candidate", "SearchPolicy", "SearchResult", "data_aware_messages",
           "refine_messages", "search", "select", "wilson_lower"]
