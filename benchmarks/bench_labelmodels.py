"""Our label models side by side with Snorkel 0.10 and FlyingSquid, on the same vote matrices.

Three parts, each printed as a table:

* ``--grid``: synthetic, conditionally independent votes (``simulate_votes``: accuracies drawn
  in [0.55, 0.9], coverage 0.5, seed 0) with 1e5 and 1e6 rows x 10 and 50 programs x 2 and 4
  classes. Every method runs ``--repeats`` times, each time in a fresh Python process, the
  order of the methods reversed on every other repeat; fit and ``predict_proba`` are timed
  separately (min / median / max). Peak memory is the process's resident-set high-water mark
  above its size once the matrix is loaded. Accuracy uses each method's own ``predict()``
  (Snorkel's abstains on ties, FlyingSquid's takes the first class, ours the larger class
  balance; an abstention counts as wrong); ``tied`` counts rows with a vote whose two most
  probable classes are equal. BLAS, OpenMP and torch run on one thread in every process.
* ``--sampling``: on the 1e6-row matrices, our fits with the default ``MAX_FIT_ROWS`` bound
  against fits on every row: the largest change of an accuracy or class-balance estimate and
  the share of rows predicted alike.
* ``--real``: YouTube's 10 human labeling functions and hand-written ones over SMS and Census
  (``real_label_matrices.py``): fit on the train votes, scored on the test rows with each
  method's ``predict()``, tie counts, estimated class balance against the truth, and our
  FlyingSquid's probabilities against the reference's.

Environment (its own venv: this package plus the references; torch installs from the wheel on
disk)::

    python3.11 -m venv /tmp/venv-bench
    /tmp/venv-bench/bin/pip install torch==2.13.0
    /tmp/venv-bench/bin/pip install -e . -r benchmarks/requirements-labelmodels.txt
    PYTHONPATH=src /tmp/venv-bench/bin/python benchmarks/bench_labelmodels.py \\
        --grid --sampling --real [--quick] [--only ROWS PROGRAMS CLASSES] [--repeats 3]

The machine's 1-minute load average is printed beside every table: both sides run on the same
machine in alternating order, so ratios stay meaningful under load, absolute times do not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

OURS = ["snorkel", "dawid_skene", "flyingsquid", "weighted", "majority"]
REFERENCES = ["Snorkel LabelModel", "Snorkel MajorityLabelVoter", "FlyingSquid (reference)"]
ONE_THREAD = {
    name: "1"
    for name in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}
Model = tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]


def build(method: str, L_fit: np.ndarray, k: int) -> Model:
    """Fit ``method`` on ``L_fit``; return its (predict_proba, predict) on new votes."""
    return fitter(method)(L_fit, k)


def fitter(method: str) -> Callable[[np.ndarray, int], Model]:
    """The fit of ``method``, with its imports done (so that timing the fit times no import)."""
    if method in OURS:
        from alchemist.labelmodels import make_label_model

        def ours(L_fit: np.ndarray, k: int) -> Model:
            model = make_label_model(method).fit(L_fit, k)
            return model.predict_proba, model.predict

        return ours
    if method == "FlyingSquid (reference)":
        np.product = np.prod  # type: ignore[attr-defined]  # flyingsquid 0.0.0a0 calls it
        from flyingsquid.label_model import LabelModel as _  # noqa: F401

        return lambda L_fit, k: flyingsquid(L_fit)
    import torch
    from snorkel.labeling.model import LabelModel, MajorityLabelVoter

    torch.set_num_threads(1)

    def snorkel(L_fit: np.ndarray, k: int) -> Model:
        if method == "Snorkel LabelModel":
            model = LabelModel(cardinality=k, verbose=False)
            model.fit(L_fit, seed=0, progress_bar=False)
            return model.predict_proba, model.predict
        voter = MajorityLabelVoter(cardinality=k)
        return voter.predict_proba, voter.predict

    return snorkel


def flyingsquid(L_fit: np.ndarray) -> Model:
    np.product = np.prod  # type: ignore[attr-defined]  # flyingsquid 0.0.0a0 calls np.product
    from flyingsquid.label_model import LabelModel

    def signed(L: np.ndarray) -> np.ndarray:
        return np.where(L < 0, 0, 2 * L.astype(np.int64) - 1)  # {-1, +1}, 0 = abstain

    model = LabelModel(L_fit.shape[1])
    model.fit(signed(L_fit))

    def proba(L: np.ndarray) -> np.ndarray:
        positive = model.predict_proba_marginalized(signed(L))
        return np.column_stack([1 - positive, positive])

    return proba, lambda L: (model.predict(signed(L)).ravel() + 1) // 2


def scores(pred: np.ndarray, proba: np.ndarray, L: np.ndarray, y: np.ndarray) -> dict[str, float]:
    top = np.sort(proba, axis=1)[:, -2:]
    covered = (L >= 0).any(axis=1)
    return {
        "accuracy": float((pred == y).mean()),
        "abstained": int((pred < 0).sum()),
        "tied": int((np.abs(top[:, 1] - top[:, 0]) < 1e-9)[covered].sum()),
    }


def worker(method: str, matrix: str, k: int) -> None:
    """One timed fit + predict_proba in this fresh process; prints one JSON line."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        data = np.load(matrix)
        L, y = data["L"], data["y"]
        fit = fitter(method)
        base = _rss_mib()
        start = time.perf_counter()
        proba_of, predict = fit(L, k)
        fitted = time.perf_counter()
        proba = proba_of(L)
        done = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
        result = {
            "fit": fitted - start,
            "predict": done - fitted,
            "peak_mib": max(peak, 0.0),
            **scores(np.asarray(predict(L)), proba, L, y),
        }
    print(json.dumps(result))


def _rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def grid_cell(n: int, m: int, k: int, repeats: int, folder: Path) -> dict[str, list[dict]]:
    from alchemist.labelmodels import simulate_votes

    accuracies = np.random.default_rng(0).uniform(0.55, 0.9, m)
    L, y = simulate_votes(n, accuracies, n_classes=k, coverage=0.5, seed=0)
    path = folder / f"votes_{n}_{m}_{k}.npz"
    np.savez(path, L=L, y=y)
    methods = OURS + REFERENCES[:2] + (REFERENCES[2:] if k == 2 and n * m <= 1_000_000 else [])
    runs: dict[str, list[dict]] = {method: [] for method in methods}
    load = os.getloadavg()[0]
    for repeat in range(repeats):
        for method in methods if repeat % 2 == 0 else methods[::-1]:
            runs[method].append(_spawn(method, path, k))
    print(
        f"\nsynthetic n={n:,} m={m} k={k}: {repeats} fresh processes per method, order "
        f"alternated; 1-minute load {load:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(
        f"  {'method':<28}{'fit s min/med/max':>21}{'predict_proba s':>21}{'total med':>10}"
        f"{'MiB':>7}{'accuracy':>9}{'abstain':>8}{'tied':>7}{'Snorkel/this':>13}"
    )
    reference = _median(runs["Snorkel LabelModel"], "total")
    for method, results in runs.items():
        total = _median(results, "total")
        label = method if method in REFERENCES else f"ours {method}"
        print(
            f"  {label:<28}{_spread(results, 'fit'):>21}{_spread(results, 'predict'):>21}"
            f"{total:>10.3f}{max(r['peak_mib'] for r in results):>7.0f}"
            f"{results[0]['accuracy']:>9.4f}{results[0]['abstained']:>8}"
            f"{results[0]['tied']:>7}{reference / total:>12.1f}x",
            flush=True,
        )
    path.unlink()
    return runs


def _spawn(method: str, path: Path, k: int) -> dict:
    command = [sys.executable, __file__, "--worker", method, str(path), str(k)]
    done = subprocess.run(
        command, env={**os.environ, **ONE_THREAD}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{method} failed on {path.name}:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["total"] = result["fit"] + result["predict"]
    return result


def _median(results: list[dict], key: str) -> float:
    return float(np.median([r[key] for r in results]))


def _spread(results: list[dict], key: str) -> str:
    values = [r[key] for r in results]
    return f"{min(values):.3f}/{np.median(values):.3f}/{max(values):.3f}"


def sampling(cells: list[tuple[int, int, int]]) -> None:
    from threadpoolctl import threadpool_limits

    from alchemist.labelmodels import MAX_FIT_ROWS, make_label_model, simulate_votes

    print(f"\nBounded fit sample (MAX_FIT_ROWS={MAX_FIT_ROWS:,}) against every row")
    print(
        f"  {'matrix':<22}{'model':<13}{'max |d acc|':>12}{'max |d balance|':>16}"
        f"{'same predict':>13}{'acc sampled':>12}{'acc all rows':>13}"
    )
    with threadpool_limits(limits=1):
        for n, m, k in cells:
            accuracies = np.random.default_rng(0).uniform(0.55, 0.9, m)
            L, y = simulate_votes(n, accuracies, n_classes=k, coverage=0.5, seed=0)
            for name in ("snorkel", "dawid_skene", "flyingsquid"):
                sampled = make_label_model(name).fit(L, k)
                full = make_label_model(name, max_fit_rows=None).fit(L, k)
                a, b = sampled.predict(L), full.predict(L)
                print(
                    f"  {f'{n:,} x {m} x {k}':<22}{name:<13}"
                    f"{np.nanmax(np.abs(sampled.accuracies_ - full.accuracies_)):>12.4f}"
                    f"{np.abs(sampled.class_balance_ - full.class_balance_).max():>16.4f}"
                    f"{(a == b).mean():>13.5f}{(a == y).mean():>12.4f}{(b == y).mean():>13.4f}",
                    flush=True,
                )


def real() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from real_label_matrices import MATRICES

    from alchemist.labelmodels import make_label_model

    for load in MATRICES.values():
        data = load()
        truth = np.bincount(data.y_train, minlength=2) / len(data.y_train)
        covered = (data.L_test >= 0).any(axis=1)
        print(
            f"\n{data.name}: fit on train votes {data.L_train.shape}, scored on test "
            f"{data.L_test.shape} ({(~covered).sum()} test rows without a vote); true class "
            f"balance of train {np.round(truth, 3).tolist()}, test "
            f"{np.round(np.bincount(data.y_test, minlength=2) / len(data.y_test), 3).tolist()}"
        )
        print(
            f"  {'method':<28}{'accuracy':>9}{'on voted':>9}{'abstain':>8}{'tied':>6}"
            f"{'argmax acc':>11}  class balance"
        )
        probas = {}
        for method in OURS + REFERENCES:
            proba_of, predict = build(method, data.L_train, 2)
            proba = probas[method] = proba_of(data.L_test)
            pred = np.asarray(predict(data.L_test))
            s = scores(pred, proba, data.L_test, data.y_test)
            balance = ""
            if method in OURS:
                model = make_label_model(method).fit(data.L_train, 2)
                balance = f"{np.round(model.class_balance_, 3).tolist()}"
            label = method if method in REFERENCES else f"ours {method}"
            print(
                f"  {label:<28}{s['accuracy']:>9.3f}"
                f"{(pred[covered] == data.y_test[covered]).mean():>9.3f}{s['abstained']:>8}"
                f"{s['tied']:>6}{(proba.argmax(axis=1) == data.y_test).mean():>11.3f}  "
                f"{balance}",
                flush=True,
            )
        ours, ref = probas["flyingsquid"], probas["FlyingSquid (reference)"]
        print(
            f"  FlyingSquid ours vs reference: max |P(class 1) difference| "
            f"{np.abs(ours[:, 1] - ref[:, 1]).max():.2e}, same argmax on "
            f"{(ours.argmax(1) == ref.argmax(1)).mean():.3f} of test rows"
        )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="time the synthetic grid")
    parser.add_argument("--sampling", action="store_true", help="bounded sample vs all rows")
    parser.add_argument("--real", action="store_true", help="YouTube, SMS and Census")
    parser.add_argument("--quick", action="store_true", help="1e5-row matrices only")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per method")
    parser.add_argument(
        "--only",
        nargs=3,
        type=int,
        metavar=("ROWS", "PROGRAMS", "CLASSES"),
        help="one synthetic matrix instead of the grid",
    )
    args = parser.parse_args()
    rows = (100_000,) if args.quick else (100_000, 1_000_000)
    cells = [(n, m, k) for n in rows for m in (10, 50) for k in (2, 4)]
    cells = [tuple(args.only)] if args.only else cells
    print(f"1-minute load at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    if args.grid:
        with tempfile.TemporaryDirectory() as folder:
            for n, m, k in cells:
                grid_cell(n, m, k, args.repeats, Path(folder))
    if args.sampling:
        sampling([cell for cell in cells if cell[0] >= 1_000_000] or cells)
    if args.real:
        real()


if __name__ == "__main__":
    main()
