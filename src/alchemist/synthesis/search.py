"""Program search: many cheap candidates, scored on the dev split, refined, a small set kept.

``search`` spends a fixed budget of model calls, independent of the number of rows:

1. **Candidates** (``SearchPolicy.candidates`` calls): the program prompt of
   ``synthesis.build_messages`` (strategies in turn, or for tables one column in turn),
   preceded by one seeded sample of real unlabeled items, so programs use the data's own
   vocabulary and formats. Every candidate prompt of a round shows the same sample and ends with
   what differs (the strategy's hint), so the embedded model evaluates their long common head
   once and keeps it cached: on a CPU, reading a long prompt is much of a call's time.
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
   what they returned, the gold class; first those the labels alone miss, below); each answer
   is a new candidate, run and gated the same.
4. **Select** a small, accurate, diverse set: survivors ranked by the lower bound of a 90%
   Wilson interval of their dev accuracy (a program right on 9 of 10 dev votes ranks below one
   right on 90 of 100: few votes give little evidence), a candidate that gives the same output
   as one already kept on at least ``duplicate_agreement`` of the items either votes on is
   skipped, up to ``n_programs``. Without a dev split nothing is ranked: the first
   ``n_programs`` survivors are kept in the order they were written, and nothing is refined.

What the labels alone teach: the end model must beat a classifier trained on the dev labels
alone, so a program earns its place by what it adds to that classifier. Given its out-of-fold
answers on dev (``Rows.dev_reference``; ``run.synthesize`` computes them), a candidate counts the
dev rows it fixes (right where the classifier gives the gold class under one half) and breaks
(wrong where it does not); those that reliably fix more than they break rank first
(``Candidate.adds``), the rest by accuracy as above, and the same order picks what to refine.

Guarding the small dev split against being fitted: the ranking uses a lower confidence bound,
not the raw accuracy; and ``SearchResult.check`` repeats the selection on one seeded half of
dev and scores the majority vote of what it keeps on the other half, beside the majority vote
of every survivor, so the run records whether selecting helped on rows it did not see.

Prompts: ``alchemist.synthesis.search_prompts``; the candidates, their calls, scores and gate:
``alchemist.synthesis.search_pool``; scores, ranking, selection, the half-dev check:
``alchemist.synthesis.search_ranking``. The executor is passed in: no model-written code runs here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from alchemist.llm.base import Provider
from alchemist.programs import Program, ProgramRunner, ProgramStore
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.oneshot import Progress
from alchemist.synthesis.search_pool import CandidatePool, Request, SearchPolicy
from alchemist.synthesis.search_prompts import data_aware_messages, refine_messages
from alchemist.synthesis.search_ranking import Candidate, holdout_check, select
from alchemist.task import Task

_ASKING = Asking()
_POLICY = SearchPolicy()


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
                    "fixes": c.dev_fixes,
                    "breaks": c.dev_breaks,
                    "adds": c.adds,
                    "dropped": c.dropped,
                }
                for c in self.candidates
            ],
        }


def search(
    task: Task,
    provider: Provider,
    executor: ProgramRunner,
    rows: Rows | Sequence[Any],
    *,
    policy: SearchPolicy = _POLICY,
    asking: Asking = _ASKING,
    store: ProgramStore | None = None,
    progress: Progress | None = None,
) -> SearchResult:
    """Candidates, gate, refinement and selection as the module docstring says.

    ``rows``: the unlabeled items (shown in prompts, used for coverage) and the labeled dev
    split, optional (a plain sequence: items alone). The model is asked as ``asking`` says: call
    ``k`` of the search is its call ``k``. With ``asking.focus`` the per-column prompts are used
    in turn instead of ``task``'s own prompt and the strategies; the label is recorded as the
    candidate's strategy, the column as its ``provenance["attribute"]``, an answer that reads
    another column is refused, and a refinement keeps to its column. With a ``store``, every
    candidate is written: kept ones enabled, the others disabled with ``provenance["dropped"]``.
    """
    rows = Rows.of(rows)
    items, gold, focus = rows.items, rows.gold, asking.focus
    rng = np.random.default_rng(asking.seed)
    number = asking.first_number(store)
    state = CandidatePool(task, executor, rows, policy, asking)
    # One sample for the round (none without items): the prompts share their head, read once.
    picked = rng.choice(len(items), min(policy.sample_items, len(items)), replace=False)
    sample = [items[i] for i in picked]
    strategies = asking.strategies_for(task)
    requests = []
    for k in range(policy.candidates):
        if focus:  # the column is the strategy
            label, prompt_task = focus[k % len(focus)]
            strategy, attribute = "default", prompt_task.input_fields[0]
        else:
            label = strategy = strategies[k % len(strategies)]
            prompt_task, attribute = task, None
        messages = data_aware_messages(
            prompt_task,
            sample,
            strategy=strategy,
            chars=policy.sample_chars,
            supplementary=asking.supplementary,
        )
        requests.append(Request(messages, label, attribute))
    number = state.add_answers(provider, requests, 0, number, "search", progress)
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
        focused = {t.input_fields[0]: t for _, t in focus}
        requests = []
        for c in state.to_refine():  # a per-column candidate sees and keeps to its column
            attribute = c.program.provenance.get("attribute")
            wrong, prompt_task = state.wrong_rows(c), task
            if attribute in focused:
                prompt_task = focused[attribute]
                wrong = [({attribute: row[attribute]}, v, g) for row, v, g in wrong]
            messages = refine_messages(prompt_task, c.program, wrong)
            requests.append(Request(messages, f"refine:{c.program.id}", attribute))
        number = state.add_answers(provider, requests, state.calls, number, "refine", progress)
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
        duplicate_agreement=policy.gate.near_duplicate_agreement,
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
            rows,
            n_classes=task.n_classes,
            n_programs=policy.n_programs,
            duplicate_agreement=policy.gate.near_duplicate_agreement,
            seed=asking.seed,
        )
    if store is not None:
        for c in state.candidates:
            scores = {
                "coverage": c.coverage,
                "dev_accuracy": c.dev_accuracy,
                "dev_votes": c.dev_votes,
                "rank": c.rank,
                "fixes": c.dev_fixes,
                "breaks": c.dev_breaks,
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


__all__ = ["SearchPolicy", "SearchResult", "search"]
