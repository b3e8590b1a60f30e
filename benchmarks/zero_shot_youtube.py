"""Zero-shot baseline on the YouTube spam test split with an embedded model.

Prints accuracy, calls, tokens and wall time, and the side-by-side cost table with the measured
token counts priced at public GPT-3.5/GPT-4-class prices. Pass a run's ledger and accuracy to
add the programs' row. Data: ../shared/datasets/youtube (YouTube Spam Collection, Alberto et
al. 2015, CC BY 4.0; WRENCH splits, Zhang et al. 2021)::

    PYTHONPATH=src python benchmarks/zero_shot_youtube.py --model qwen2.5-coder-1.5b
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from alchemist.data.dataset import load_dataset
from alchemist.evaluation.zero_shot import comparison_table, method_cost, zero_shot
from alchemist.llm import CachedProvider, EmbeddedProvider, Ledger, ResponseCache
from alchemist.task import task_from_dict

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "youtube"
TASK = task_from_dict(
    {
        "name": "youtube-spam",
        "description": "Decide whether a comment left under a YouTube music video is spam.",
        "classes": [
            {"id": 0, "name": "HAM", "description": "a genuine comment about the video or song"},
            {
                "id": 1,
                "name": "SPAM",
                "description": "advertising, self-promotion, links, or "
                "requests to subscribe or visit a channel",
            },
        ],
    }
)
REPRICE_AS = ("gpt-3.5-turbo", "gpt-4o-mini", "gpt-4o", "gpt-4", "claude-3-haiku")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--split", default="test")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/alchemist-zero-shot"),
        help="folder for the response cache",
    )
    parser.add_argument("--programs-ledger", type=Path, default=None)
    parser.add_argument("--programs-accuracy", type=float, default=None)
    args = parser.parse_args()

    data = load_dataset(DATA / f"{args.split}.json", TASK, limit=args.limit)
    args.out.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(None)  # this run only; answers persist in the cache, so a re-run is free
    provider = CachedProvider(EmbeddedProvider(args.model), ResponseCache(args.out / "cache"))
    start = time.perf_counter()
    result = zero_shot(
        TASK,
        data.items,
        provider,
        ledger=ledger,
        concurrency=1,
        progress=lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr),
    )
    wall = time.perf_counter() - start
    accuracy = result.accuracy(data.gold)
    print(file=sys.stderr)
    print(
        json.dumps(
            {
                "model": args.model,
                "items": len(data),
                "accuracy": round(accuracy, 4),
                "calls": result.n_calls,
                "cached": result.n_cached,
                "unparseable": sum(f.kind == "unparseable" for f in result.failures),
                "failed": sum(f.kind != "unparseable" for f in result.failures),
                "input_tokens": result.input_tokens,
                "output_tokens": result.output_tokens,
                "wall_s": round(wall, 1),
                "s_per_item": round(wall / max(1, len(data)), 2),
            }
        )
    )
    rows = [
        method_cost(f"zero-shot ({args.model})", ledger, accuracy=accuracy, stages=["baseline"])
    ]
    if args.programs_ledger is not None:
        rows.append(
            method_cost("programs", Ledger(args.programs_ledger), accuracy=args.programs_accuracy)
        )
    print(comparison_table(rows, reprice_as=REPRICE_AS))


if __name__ == "__main__":
    main()
