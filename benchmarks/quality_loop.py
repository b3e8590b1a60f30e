"""Label quality before and after the program quality loop, with the embedded model.

"Raw": the first ``--target`` valid programs of the paper's plain template (default strategy,
no supplementary information, nothing dropped). "Loop": supplementary information drafted by
the model, strategies pooled, programs gated on the dev split (coverage, errors, constant
output, accuracy, near-duplicates), crashing ones repaired, and regenerated up to the target
or the call cap. Both sets are scored on the test split by majority vote (ties and uncovered
items abstain), beside the 10 human labeling functions where the data ships them (WRENCH).
Programs run in the isolated executor (``alchemist.execution``), never in this process.

From the repository root, with ``../shared/datasets`` beside it::

    PYTHONPATH=src python benchmarks/quality_loop.py examples/youtube.yaml \\
        --dev ../shared/datasets/youtube/valid.json --test ../shared/datasets/youtube/test.json
    PYTHONPATH=src python benchmarks/quality_loop.py examples/sms.yaml \\
        --dev ../shared/datasets/sms/SMSSpamCollection.tsv --limit 2000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from alchemist import execution
from alchemist.data.dataset import load_dataset
from alchemist.label_matrix import LabelMatrix
from alchemist.llm.base import SamplingParams
from alchemist.llm.embedded import EmbeddedProvider
from alchemist.programs import ProgramStore
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.gate import GATES, ProgramGate
from alchemist.synthesis.oneshot import synthesize
from alchemist.synthesis.quality import improve
from alchemist.synthesis.quality_settings import ImproveSettings
from alchemist.synthesis.supplementary import generate_supplementary
from alchemist.task import load_task


def majority(votes: np.ndarray, k: int) -> np.ndarray:
    """Majority vote per row; -1 where no program votes or the top classes tie."""
    counts = np.stack([(votes == c).sum(axis=1) for c in range(k)], axis=1)
    top = counts.max(axis=1)
    winner = counts.argmax(axis=1)
    tied = (counts == top[:, None]).sum(axis=1) > 1
    return np.where((top > 0) & ~tied, winner, -1)


def score(votes: np.ndarray, gold: np.ndarray, k: int) -> str:
    predicted = majority(votes, k)
    covered = predicted >= 0
    accuracy = np.mean(predicted[covered] == gold[covered]) if covered.any() else float("nan")
    overall = np.mean(predicted == gold)
    return (
        f"coverage {covered.mean():6.1%}  accuracy on covered {accuracy:6.1%}  "
        f"accuracy overall (abstain = wrong) {overall:6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("task")
    parser.add_argument("--dev", required=True, help="labeled split the loop gates on")
    parser.add_argument(
        "--test",
        help="labeled split both sets are scored on; without it, "
        "half of --dev (seed 0) is held out for the test",
    )
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--target", type=int, default=8)
    parser.add_argument("--max-calls", type=int, default=24)
    parser.add_argument("--min-accuracy", type=float, default=0.6)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=400)
    parser.add_argument("--limit", type=int, default=None, help="rows read per split")
    parser.add_argument(
        "--no-supplementary",
        action="store_true",
        help="loop without model-drafted supplementary information",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to keep the drafted "
        "supplementary.yaml and every program (raw/, loop/) for inspection",
    )
    args = parser.parse_args()

    task = load_task(args.task)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    dev = load_dataset(args.dev, task, limit=args.limit, require_gold=True)
    if args.test:
        test = load_dataset(args.test, task, limit=args.limit, require_gold=True)
    else:
        dev, test = dev.hold_out(len(dev) // 2, seed=0)
    provider = EmbeddedProvider(args.model, threads=args.threads, n_ctx=3072)
    params = SamplingParams(temperature=0.7, max_tokens=args.max_tokens, repeat_penalty=1.1)
    k = task.n_classes
    with execution.Executor() as executor:
        start = time.perf_counter()
        raw = synthesize(
            task,
            provider,
            n=args.target,
            max_attempts=args.max_calls,
            asking=Asking(params=params, strategies=("default",)),
        )
        raw_seconds = time.perf_counter() - start
        raw_test = executor.run(raw.programs, test.items, task.class_ids)
        if args.out:
            for program in raw.programs:
                ProgramStore(args.out / "raw").add(program)

        start = time.perf_counter()
        draft = None if args.no_supplementary else generate_supplementary(task, provider)
        rich = draft.apply(task) if draft else task
        if args.out and draft:
            draft.save(args.out / "supplementary.yaml")
        settings = ImproveSettings(
            target=args.target,
            max_llm_calls=args.max_calls,
            asking=Asking(params=params, seed=1000),
            gate=(GATES["loop"] or ProgramGate()).with_settings(min_accuracy=args.min_accuracy),
        )
        loop = improve(
            rich,
            provider,
            executor,
            Rows(dev_items=dev.items, dev_gold=dev.gold),
            settings,
            store=ProgramStore(args.out / "loop") if args.out else None,
        )
        loop_seconds = time.perf_counter() - start
        loop_test = executor.run(loop.programs, test.items, task.class_ids)

    print(
        f"\n## {task.name}: {args.model}, target {args.target} programs, "
        f"cap {args.max_calls} calls, gate on {len(dev)} dev rows, scored on {len(test)} "
        "test rows (majority vote)\n"
    )
    print(
        f"raw   {len(raw.programs):2d} programs, {raw.n_calls:2d} LLM calls, "
        f"{raw_seconds:5.0f} s: {score(raw_test.votes, test.gold, k)}"
    )
    calls = loop.n_llm_calls + (len(draft.provenance["calls"]) if draft else 0)
    print(
        f"loop  {len(loop.programs):2d} programs, {calls:2d} LLM calls, {loop_seconds:5.0f} s: "
        f"{score(loop_test.votes, test.gold, k)}"
    )
    if test.reference_votes is not None:
        human = LabelMatrix(
            test.reference_votes, [f"h{i}" for i in range(test.reference_votes.shape[1])]
        )
        print(
            f"human {human.shape[1]:2d} labeling functions             : "
            f"{score(human.votes, test.gold, k)}"
        )
    parsed = [kd for kd, c in draft.provenance["calls"].items() if c["parsed"]] if draft else []
    print(
        f"\nloop: {loop.n_repairs} repaired, {len(loop.dropped)} dropped, "
        f"{len(loop.failures)} answers refused; drafted supplementary kinds used: {parsed}"
    )
    for program_id, reason in loop.dropped.items():
        print(f"  dropped {program_id}: {reason}")
    print("\n" + loop.diagnostics.to_markdown(task.class_names))


if __name__ == "__main__":
    main()
