"""Seconds per stage after the last LLM call, with committed programs (no LLM).

For each dataset of ``--datasets`` (committed programs of ``--program-seed`` under
``benchmarks/results/programs``, splits as ``paper_table.py`` makes them): executing the
programs (the vote cache of ``--cache`` may answer), the votes the label model reads (chance-level
votes silenced, the dev classifier's), the label model and its choice on dev, the end model's
cross-validation on dev (folds' pseudolabels, featurizers, classifiers, gold shares, the
reference) and fit, the dev-only twin, and the scores. With ``--synthetic-classes K``, also the
end model's cross-validation alone on ``--rows`` synthetic texts of ``K`` classes with noisy
pseudolabels (no shared dataset has 8 classes). With ``--rerun N [N ...]``, also a labeling
round's re-run on the first dataset's pool as ``bench_active.py`` builds it (training and dev
rows, no dev split; the committed programs the search kept without one): N random labels, a
first re-run (programs executed, embeddings computed), then 20 labels more and the re-run timed,
as the workbench re-runs after a round of labels (votes come from the vote cache; the dev
classifier, the label model's choice, the folds' pseudolabels and the end model's
cross-validation and fit are recomputed). Prints one line per stage and a total, in wall and
CPU seconds (on a shared machine, CPU seconds compare; wall seconds are what a user waits).

    PYTHONPATH=src python benchmarks/bench_after_generation.py --datasets sms \\
        --synthetic-classes 8 --rows 5000 --rerun 100 180
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import paper_table
import psutil

from alchemist.run.aggregation import aggregate, fold_pseudolabels, label_model_votes
from alchemist.run.distillation import dev_only_baseline, distill_with_gold
from alchemist.run.pipeline import apply_programs
from alchemist.run.scoring import evaluate

ROOT = Path(__file__).resolve().parents[1]


def _cpu_seconds() -> float:
    """CPU seconds of this process (all its threads) and of its live child processes: the
    worker processes that train a fold's candidates side by side stay up between stages."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:  # ended meanwhile
            pass
    return total


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Wall seconds of the stage into ``seconds[stage]``, CPU seconds of this process and its
    workers into ``seconds[stage + " (cpu)"]``: on a shared machine the CPU figure is the one
    that compares."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    yield
    seconds[stage] = time.perf_counter() - started
    seconds[f"{stage} (cpu)"] = _cpu_seconds() - cpu
    print(f"  {stage:28} {seconds[stage]:7.1f} s wall {seconds[stage + ' (cpu)']:7.1f} s cpu")


def real(name: str, seed: int, cache: Path) -> dict[str, float]:
    """The stages after generation on a shared dataset with its committed programs."""
    args = paper_table.parse_args(
        ["--datasets", name, "--cache", str(cache), "--programs-from", str(ROOT / "benchmarks")]
    )
    args.programs_from = ROOT / "benchmarks" / "results" / "programs"
    bench = paper_table.prepare(name, args, seed)
    task, splits, config, run = bench.task, bench.splits, bench.config, bench.run
    print(f"{name} s{seed}: {len(splits['train'])} training rows, {task.n_classes} classes")
    seconds: dict[str, float] = {}
    programs = [p for p in run.programs.load() if p.enabled]
    with timed(seconds, "execute"):
        matrices = apply_programs(run, task, programs, splits, config)
    with timed(seconds, "votes (+ dev classifier)"):
        voting, _ = label_model_votes(task, matrices, splits, config)
    with timed(seconds, "label model"):
        fitted = aggregate(task, voting, splits, config)
    covered = voting["train"].covered()
    folds = fold_pseudolabels(task, voting, splits, config, (fitted.name, fitted.params), covered)
    with timed(seconds, "end model (CV + fit)"):
        model = distill_with_gold(run, splits, covered, fitted.proba, config, folds)
    assert model is not None
    with timed(seconds, "dev-only twin"):
        twin = dev_only_baseline(
            task, splits, config, model.classifier_.kinds, model.featurizer_.name
        )
    with timed(seconds, "scores"):
        evaluate(task, splits, voting, fitted.model, model, twin)
    return seconds


def synthetic(classes: int, rows: int, seed: int) -> dict[str, float]:
    """The end model's cross-validation and fit alone, on synthetic texts of ``classes``."""
    from alchemist.distill import gold as gold_module

    rng = np.random.default_rng(seed)
    words = {c: [f"c{c}w{i}" for i in range(80)] for c in range(classes)}
    common = [f"common{i}" for i in range(300)]

    def texts(n: int) -> tuple[pd.DataFrame, np.ndarray]:
        y = rng.integers(0, classes, n)
        rows_ = [" ".join([*rng.choice(words[c], 3), *rng.choice(common, 8)]) for c in y]
        return pd.DataFrame({"text": rows_}), y

    frame, y = texts(rows)
    dev, dev_y = texts(200)
    noisy = np.where(rng.random(rows) < 0.3, rng.integers(0, classes, rows), y)
    soft = 0.2 / classes + 0.8 * np.eye(classes)[noisy]
    print(f"synthetic: {rows} training rows, {classes} classes")
    seconds: dict[str, float] = {}
    with timed(seconds, "end model (CV + fit)"):
        if hasattr(gold_module, "GoldSettings"):
            settings: Any = gold_module.GoldSettings(["tfidf"], seed=seed)
            kwargs: dict[str, Any] = {"settings": settings}
        else:  # before the settings object
            kwargs = {"featurizers": ["tfidf"], "seed": seed}
        gold_module.fit_with_gold(frame, soft, dev, dev_y, n_classes=classes, **kwargs)
    return seconds


def rerun(name: str, labels: int, seed: int, work: Path) -> dict[str, float]:
    """A labeling round's re-run: ``labels`` random labels of ``name``'s pool, then 20 more."""
    import bench_active

    from alchemist.labels import LabelStore
    from alchemist.run import pipeline

    pool = bench_active.make_pool(name, work / "data")
    run = bench_active.new_run(work / "run", pool, seed, 0, "auto")
    answerable = [r for r in pool.position if r in pool.answers and r not in pool.test_ids]
    order = np.random.default_rng(seed).permutation(answerable).tolist()
    store = LabelStore(run.labels_dir, classes=pool.task.class_names)

    def label(rows: list[str]) -> None:
        store.label_many({r: pool.task.class_names[pool.answers[r]] for r in rows})

    label(order[:labels])
    pipeline.rerun(run)
    label(order[labels : labels + 20])
    print(f"{name}: {len(pool.frame)} rows to label, {labels} labels, then 20 more")
    seconds: dict[str, float] = {}
    with timed(seconds, f"re-run at {labels + 20} labels"):
        pipeline.rerun(run)
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="*", default=["sms"], choices=paper_table.ALL)
    parser.add_argument("--program-seed", type=int, default=0)
    parser.add_argument("--synthetic-classes", type=int, nargs="*", default=[])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--cache", type=Path, default=paper_table.DEFAULT_CACHE)
    parser.add_argument("--rerun", type=int, nargs="*", default=[], metavar="LABELS")
    parser.add_argument("--json", type=Path, default=None, help="also write the seconds here")
    args = parser.parse_args(argv)
    print(f"load average at the start: {os.getloadavg()}")
    results: dict[str, dict[str, float]] = {}
    for name in args.datasets:
        results[name] = real(name, args.program_seed, args.cache)
    for classes in args.synthetic_classes:
        results[f"synthetic-{classes}"] = synthetic(classes, args.rows, 0)
    for labels in args.rerun:
        with tempfile.TemporaryDirectory(prefix="bench-rerun-") as work:
            results[f"re-run {labels}+20"] = rerun(args.datasets[0], labels, 0, Path(work))
    for name, seconds in results.items():
        wall = sum(v for k, v in seconds.items() if not k.endswith("(cpu)"))
        cpu = sum(v for k, v in seconds.items() if k.endswith("(cpu)"))
        print(f"{name}: {wall:.1f} s wall, {cpu:.1f} s cpu after generation")
    print(f"load average at the end: {os.getloadavg()}")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
