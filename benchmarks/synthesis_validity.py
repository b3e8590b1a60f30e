"""How many model answers give a valid labeling program, and what the programs then do.

From the repository root, with ``../shared/datasets`` beside it::

    PYTHONPATH=src python benchmarks/synthesis_validity.py --model qwen2.5-coder-1.5b -n 8 \\
        examples/youtube.yaml=../shared/datasets/youtube/valid.json \\
        examples/sms.yaml=../shared/datasets/sms/SMSSpamCollection.tsv

For each task: the validity rate (valid programs / model calls), why the other answers were
refused, the fixes applied, tokens/s; then, for every valid program, its coverage, accuracy
on the gold labels it votes on, and cells lost to errors or invalid values on up to
``--rows`` items. The programs run in a separate Python process with a time limit, never in
this one (the project's isolated executor is a separate module; this script needs none of it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter

import numpy as np

from alchemist.data.dataset import load_dataset
from alchemist.llm.base import SamplingParams
from alchemist.llm.embedded import EmbeddedProvider
from alchemist.synthesis.asking import Asking
from alchemist.synthesis.oneshot import STRATEGIES, synthesize
from alchemist.task import load_task

# Runs one program over JSON items in a child process; prints one JSON result per item.
_RUNNER = """
import json, sys
payload = json.load(sys.stdin)
namespace = {}
exec(compile(payload["source"], "program", "exec"), namespace)
function = namespace[payload["function"]]
out = []
for item in payload["items"]:
    try:
        value = function(item)
        out.append(value if isinstance(value, int) and not isinstance(value, bool) else "invalid")
    except Exception as exc:
        out.append("error")
print(json.dumps(out))
"""


def run_outside(source: str, function: str, items: list, timeout: float) -> list:
    payload = json.dumps({"source": source, "function": function, "items": items})
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _RUNNER],
            input=payload,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return ["timeout"] * len(items)
    if done.returncode != 0:
        return ["error"] * len(items)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="+", help="TASK_FILE=DATA_FILE pairs")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("-n", type=int, default=8, help="model calls per task")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=400)
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--show", type=int, default=2, help="programs printed per task")
    args = parser.parse_args()

    provider = EmbeddedProvider(args.model, threads=args.threads, n_ctx=2048)
    params = SamplingParams(temperature=0.7, max_tokens=args.max_tokens, repeat_penalty=1.1)
    for pair in args.tasks:
        task_file, data_file = pair.split("=", 1)
        task = load_task(task_file)
        data = load_dataset(data_file, task, limit=args.rows)
        result = synthesize(
            task,
            provider,
            n=args.n,
            max_attempts=args.n,
            asking=Asking(params=params, strategies=STRATEGIES),
        )
        tps = result.output_tokens / result.seconds if result.seconds else 0.0
        print(
            f"\n## {task.name} with {args.model}: {len(result.programs)}/{result.n_calls} "
            f"valid ({result.validity_rate:.0%}), {result.output_tokens} tokens in "
            f"{result.seconds:.0f} s ({tps:.1f} tokens/s)"
        )
        for reason, count in Counter(f["reason"] for f in result.failures).most_common():
            print(f"  refused x{count}: {reason}")
        fixes = Counter(f.split(" (")[0] for p in result.programs for f in p.provenance["fixes"])
        for fix, count in fixes.most_common():
            print(f"  fixed x{count}: {fix}")
        index = {c.id: i for i, c in enumerate(task.classes)}
        gold = data.gold if data.gold is not None else np.full(len(data), -1)
        for program in result.programs:
            outputs = run_outside(program.source, task.function_name, data.items, timeout=60)
            votes = np.array([index.get(o, -1) if isinstance(o, int) else -1 for o in outputs])
            lost = np.mean(
                [o != -1 and (not isinstance(o, int) or o not in index) for o in outputs]
            )
            voted = votes >= 0
            scored = voted & (gold >= 0)
            accuracy = f"{np.mean(votes[scored] == gold[scored]):.0%}" if scored.any() else "-"
            print(
                f"  {program.id} [{program.provenance['strategy']}] coverage "
                f"{voted.mean():.0%}, accuracy {accuracy} on {scored.sum()} gold votes, "
                f"errors/invalid {lost:.0%}, votes {sorted(Counter(votes[voted]).items())}"
            )
        for program in result.programs[: args.show]:
            print(
                f"\n```python\n# {program.id} ({program.provenance['strategy']})\n"
                f"{program.source.rstrip()}\n```"
            )


if __name__ == "__main__":
    main()
