"""Our label models side by side with Snorkel 0.10 and FlyingSquid, on the same vote matrices.

Prints, per matrix and method: fit + predict_proba time, peak memory, and accuracy (argmax of
predict_proba over all rows, ties to the lower class index, the same rule for every method).

Environment (its own venv, with this package's dependencies plus the references)::

    python3.11 -m venv /tmp/venv-bench
    /tmp/venv-bench/bin/pip install -e . -r benchmarks/requirements-labelmodels.txt
    PYTHONPATH=src /tmp/venv-bench/bin/python benchmarks/bench_labelmodels.py [--quick]

Matrices: conditionally independent synthetic votes (``simulate_votes``; accuracies drawn in
[0.55, 0.9], coverage 0.5, seed 0) with 1e5 and 1e6 rows x 10 and 50 programs x 2 and 4
classes (``--quick``: 1e5 rows only), then the YouTube test split with its 10 human labeling
functions (../shared/datasets/youtube; fit on train votes, scored on test). Peak memory is
tracemalloc's peak during a second fit + predict (numpy and Python allocations, for every
method alike; torch's own tensors are not traced, but Snorkel keeps its n-sized arrays in
numpy). BLAS runs
on ``--threads`` threads (default 1: on a shared, busy machine multi-threaded BLAS makes
every timing erratic); the setting applies to both sides. FlyingSquid's reference runs only
for two classes and at most 1e6 votes (it takes ~9 s at 1e5 x 10 already).
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from alchemist.labelmodels import LABEL_MODELS, make_label_model, simulate_votes

YOUTUBE = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "youtube"


def measure(run: Callable[[], np.ndarray], y: np.ndarray) -> tuple[float, float, float]:
    """(seconds, peak MiB, accuracy) of ``run`` returning (n, k) probabilities.

    Timed untraced, then run again under tracemalloc for the peak (tracing slows Python-heavy
    code such as Snorkel's training loop several-fold).
    """
    start = time.perf_counter()
    proba = run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, float((np.argmax(proba, axis=1) == y).mean())


def references(L: np.ndarray, k: int) -> dict[str, Callable[[], np.ndarray]]:
    from snorkel.labeling.model import LabelModel, MajorityLabelVoter

    def snorkel() -> np.ndarray:
        model = LabelModel(cardinality=k, verbose=False)
        model.fit(L, seed=0, progress_bar=False)
        return model.predict_proba(L)

    def snorkel_majority() -> np.ndarray:
        return MajorityLabelVoter(cardinality=k).predict_proba(L)

    runs = {"snorkel LabelModel": snorkel, "snorkel MajorityLabelVoter": snorkel_majority}
    if k == 2 and L.size <= 1_000_000:
        runs["flyingsquid (reference)"] = lambda: flyingsquid(L)
    return runs


def flyingsquid(L: np.ndarray) -> np.ndarray:
    np.product = np.prod  # flyingsquid 0.0.0a0 still calls np.product, removed in numpy 2
    from flyingsquid.label_model import LabelModel

    signed = np.where(L < 0, 0, 2 * L.astype(np.int64) - 1)     # {-1, +1}, 0 = abstain
    model = LabelModel(L.shape[1])
    model.fit(signed)
    positive = model.predict_proba_marginalized(signed)
    return np.column_stack([1 - positive, positive])


def report(title: str, L: np.ndarray, y: np.ndarray, k: int) -> None:
    runs = {f"ours {name}": _fit_eval(name, L, L, k) for name in LABEL_MODELS}
    print_runs(title, {**runs, **references(L, k)}, y)


def print_runs(title: str, runs: dict[str, Callable[[], np.ndarray]], y: np.ndarray) -> None:
    print(f"\n{title}")
    print(f"  {'method':<28}{'fit+predict s':>14}{'peak MiB':>10}{'accuracy':>10}")
    for name, run in runs.items():
        seconds, peak, accuracy = measure(run, y)
        print(f"  {name:<28}{seconds:>14.3f}{peak:>10.1f}{accuracy:>10.4f}", flush=True)


def _fit_eval(name: str, L_fit: np.ndarray, L_eval: np.ndarray,
              k: int) -> Callable[[], np.ndarray]:
    return lambda: make_label_model(name).fit(L_fit, k).predict_proba(L_eval)


def youtube() -> None:
    from snorkel.labeling.model import LabelModel, MajorityLabelVoter

    from alchemist.data import load_dataset
    from alchemist.task import task_from_dict

    task = task_from_dict({"name": "youtube", "description": "spam or not",
                           "classes": {0: "HAM", 1: "SPAM"}, "label_field": "label"})
    train, test = (load_dataset(YOUTUBE / f"{s}.json", task) for s in ("train", "test"))
    L_train, L_test, y = train.reference_votes, test.reference_votes, test.gold
    def snorkel() -> np.ndarray:
        model = LabelModel(cardinality=2, verbose=False)
        model.fit(L_train, seed=0, progress_bar=False)
        return model.predict_proba(L_test)

    runs = {f"ours {name}": _fit_eval(name, L_train, L_test, 2) for name in LABEL_MODELS}
    runs["snorkel LabelModel"] = snorkel
    runs["snorkel MajorityLabelVoter"] = lambda: MajorityLabelVoter(2).predict_proba(L_test)
    print_runs("YouTube: fit on train votes (1586 x 10), scored on test (250)", runs, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1e5-row matrices only")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for both sides")
    parser.add_argument("--only", nargs=3, type=int, metavar=("ROWS", "PROGRAMS", "CLASSES"),
                        help="one synthetic matrix instead of the grid")
    args = parser.parse_args()
    grid = [(n, m, k) for n in ((100_000,) if args.quick else (100_000, 1_000_000))
            for m in (10, 50) for k in (2, 4)]
    with threadpool_limits(limits=args.threads):
        for n, m, k in [tuple(args.only)] if args.only else grid:
            accuracies = np.random.default_rng(0).uniform(0.55, 0.9, m)
            L, y = simulate_votes(n, accuracies, n_classes=k, coverage=0.5, seed=0)
            report(f"synthetic n={n:,} m={m} k={k}", L, y, k)
        if YOUTUBE.is_dir():
            youtube()
        else:
            print(f"\nYouTube skipped: {YOUTUBE} not found")


if __name__ == "__main__":
    main()
