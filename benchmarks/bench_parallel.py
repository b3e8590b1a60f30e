"""Aggregate decoding speed of the embedded model: one stream vs several decoded together.

The same ``--requests`` chat requests (up to ``--tokens`` tokens each) go through one
``EmbeddedProvider`` with ``P`` slots for each ``P`` of ``--parallel``, sent from ``P`` threads
(llama.cpp decodes the requests in its slots together, in one batch); it prints the tokens per
second in all for each ``P``, with the machine's load average (another process on the cores
changes everything: report it beside the figures).

Run from the repository root:
    PYTHONPATH=src python benchmarks/bench_parallel.py [--parallel 1 4 8] [--requests 8]
        [--tokens 128] [--threads 2] [--model qwen2.5-coder-1.5b]
Measured here (2026-12-03, idle, 2 cores, 2 threads, 1.5B, the same 8 requests): 13.9 tokens/s
through 1 slot, 17.4 through 4 (1.25x), 18.0 through 8 (1.29x). Speculative decoding was tried
beside it, one slot, 8 requests in turn: 15.0 tokens/s plain, 9.2 with the 0.5B model as draft
(up to 16 tokens, p_min 0.75), 14.3 and 14.7 with llama.cpp's n-gram drafts: no gain on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor

from alchemist.llm import SamplingParams
from alchemist.llm.embedded import EmbeddedProvider


def measure(
    model: str, parallel: int, n_requests: int, tokens: int, threads: int | None
) -> tuple[int, float]:
    provider = EmbeddedProvider(model, threads=threads, parallel=parallel)
    provider.complete([{"role": "user", "content": "hi"}], SamplingParams(max_tokens=2))
    requests = [
        [
            {
                "role": "user",
                "content": f"Write Python function number {i} that "
                "tells whether a comment is spam.",
            }
        ]
        for i in range(n_requests)
    ]
    params = [SamplingParams(max_tokens=tokens, temperature=0.7, seed=i) for i in range(n_requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        answers = list(pool.map(provider.complete, requests, params))
    return sum(a.output_tokens for a in answers), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", nargs="+", type=int, default=[1, 4, 8])
    parser.add_argument("--requests", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    args = parser.parse_args()
    print("| slots | requests | tokens | wall s | tokens/s in all | load average (1, 5, 15 min) |")
    print("|---|---|---|---|---|---|")
    for n in args.parallel:
        tokens, seconds = measure(args.model, n, args.requests, args.tokens, args.threads)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"| {n} | {args.requests} | {tokens} | {seconds:.1f} | {tokens / seconds:.1f} "
            f"| {load} |"
        )


if __name__ == "__main__":
    main()
