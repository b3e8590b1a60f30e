"""Aggregate decoding speed of the embedded model: one stream vs several decoded together.

Sends ``--parallel`` chat requests at once from as many threads to one ``EmbeddedProvider``
with that many slots (llama.cpp batches them), each asked for exactly ``--tokens`` tokens, and
prints the tokens per second in all beside one request alone, with the machine's load average
(another process on the cores changes everything: report it beside the figures).

Run from the repository root:
    PYTHONPATH=src python benchmarks/bench_parallel.py [--parallel 1 4 8] [--tokens 128]
        [--threads 2] [--model qwen2.5-coder-1.5b]
Measured here (2 cores, load 1.4-2.0, 2 threads, 1.5B): 12.3 tokens/s for one stream, 22.0 in
all for 8 (1.8x); 4 streams of 64 tokens: 22.0 vs 14.7 (1.5x).
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor

from alchemist.llm import SamplingParams
from alchemist.llm.embedded import EmbeddedProvider


def measure(model: str, parallel: int, tokens: int, threads: int | None) -> tuple[int, float]:
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
        for i in range(parallel)
    ]
    params = [SamplingParams(max_tokens=tokens, temperature=0.7, seed=i) for i in range(parallel)]
    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        answers = list(pool.map(provider.complete, requests, params))
    return sum(a.output_tokens for a in answers), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallel", nargs="+", type=int, default=[1, 4, 8])
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    args = parser.parse_args()
    print("| streams | tokens | wall s | tokens/s in all | load average (1, 5, 15 min) |")
    print("|---|---|---|---|---|")
    for n in args.parallel:
        tokens, seconds = measure(args.model, n, args.tokens, args.threads)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"| {n} | {tokens} | {seconds:.1f} | {tokens / seconds:.1f} | {load} |")


if __name__ == "__main__":
    main()
