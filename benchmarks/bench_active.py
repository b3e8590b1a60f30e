"""Learning curves: Alchemist and the strongest simple reference at 0 to 200 labels, with the
labels drawn at random or chosen by ``alchemist suggest``.

The person is simulated by the gold labels of rows outside the test split: the pool to label
is the training data (its labels kept apart, never read by the run) plus the dev rows; the run
starts with no dev split, and each budget's labels go through the run's label store, as the
workbench writes them, before ``rerun``. Programs: the committed ones
(``benchmarks/results/programs/<dataset>/s<seed>/``), the set the search kept without a dev
split (``nodev-search.json``), so no program was chosen with labels; no LLM call is made.

Budgets ``--budgets`` (default 0 10 20 50 100 200). Strategies: ``random`` (a seeded
permutation of the pool, its first n rows) and ``chosen`` (rounds of ``alchemist suggest``
topping the labels up to the next budget: 10, 10, 30, 50, 100). Models: ``alchemist`` (the
distilled model of the re-run) and ``reference``: a class-balanced logistic regression on the
labeled rows alone, on TF-IDF or MiniLM features, whichever scores the better macro-F1 in a
stratified cross-validation on those labeled rows (TF-IDF with fewer than 2 rows per class to
fold); no reference at 0 labels. Metric: the dataset's table metric on the test split (macro-F1
for YouTube), and accuracy.

Writes ``--out``/active.csv (dataset, strategy, n_labels, model, metric, mean, std over the
program and end-model seeds) and active.png. ``--reduced`` (the committed results) runs YouTube
only, program seed 0, end-model (run) seeds 0 and 1, TF-IDF features for the run: the full
protocol is five datasets, program seeds 0-2, 5 end-model seeds.

Run from the repository root:
    PYTHONPATH=src python benchmarks/bench_active.py --reduced [--out benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from alchemist.data.dataset import load_dataset
from alchemist.distill.featurizers import make_featurizer
from alchemist.labels import LabelStore, row_ids
from alchemist.run import pipeline
from alchemist.run.folder import init_run
from alchemist.run.labeling import suggest
from alchemist.run.settings import RunConfig
from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
PROGRAMS = ROOT / "benchmarks" / "results" / "programs"
BUDGETS = (0, 10, 20, 50, 100, 200)


def youtube_pool(task: Task, folder: Path) -> tuple[Path, Path, dict[str, int]]:
    """The unlabeled pool file (train + dev rows, labels removed), the test file, and the
    simulated person's answers: row id -> class index."""
    parts = [load_dataset(DATASETS / "youtube" / f"{f}.json", task) for f in ("train", "valid")]
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    gold = np.concatenate([np.asarray(p.gold) for p in parts])
    folder.mkdir(parents=True, exist_ok=True)
    pool = folder / "pool.parquet"
    frame.to_parquet(pool, index=False)
    answers = dict(zip(row_ids(frame[task.input_fields[0]].tolist()), gold.tolist(), strict=True))
    return pool, DATASETS / "youtube" / "test.json", answers


def new_run(folder: Path, task: Task, pool: Path, test: Path, seed: int, program_seed: int):
    config = RunConfig(
        data=str(pool), test=str(test), seed=seed, workers=2, use_cache=False, featurizer="tfidf"
    )
    shutil.rmtree(folder, ignore_errors=True)
    run = init_run(folder, task, config)
    source = PROGRAMS / "youtube" / f"s{program_seed}"
    kept = set(json.loads((source / "nodev-search.json").read_text())["kept"])
    run.programs.folder.mkdir(parents=True, exist_ok=True)
    for file in (source / "programs").iterdir():
        shutil.copy2(file, run.programs.folder / file.name)
    for program in run.programs.load(include_disabled=True):
        run.programs.set_enabled(program.id, program.id in kept)
    return run


def reference(task: Task, texts: list[str], gold: np.ndarray, test: list[str], seed: int):
    """Class-balanced logistic regression on the better of TF-IDF / MiniLM (CV on the labels)."""
    if len(np.unique(gold)) < 2:
        return None
    folds = int(min(5, np.bincount(gold).min()))
    candidates = {}
    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=1).fit(texts)
    candidates["tfidf"] = (tfidf.transform(texts), tfidf.transform(test))
    minilm = make_featurizer("minilm")
    frame = pd.DataFrame({task.input_fields[0]: texts + test})
    X = np.asarray(minilm.fit_transform(frame))
    candidates["minilm"] = (X[: len(texts)], X[len(texts) :])
    model = LogisticRegression(class_weight="balanced", max_iter=2000, random_state=seed)
    best, best_score = "tfidf", -1.0
    if folds >= 2:
        cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
        for name, (X_train, _) in candidates.items():
            predicted = cross_val_predict(model, X_train, gold, cv=cv)
            value = f1_score(gold, predicted, average="macro")
            if value > best_score:
                best, best_score = name, value
    X_train, X_test = candidates[best]
    return model.fit(X_train, gold).predict(X_test)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reduced", action="store_true", help="YouTube, 1 program seed, 2 seeds")
    parser.add_argument("--budgets", type=int, nargs="*", default=list(BUDGETS))
    parser.add_argument("--seeds", type=int, default=5, help="end-model (run) seeds")
    parser.add_argument("--program-seeds", type=int, nargs="*", default=[0, 1, 2])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    if args.reduced:
        args.seeds, args.program_seeds = 2, [0]
    task = load_task(ROOT / "examples" / "youtube.yaml")
    work = Path(tempfile.mkdtemp(prefix="bench-active-"))
    pool, test_path, answers = youtube_pool(task, work / "data")
    test = load_dataset(test_path, task, require_gold=True)
    test_gold = np.asarray(test.gold)
    test_texts = [str(t) for t in test.items]
    pool_texts = pd.read_parquet(pool)[task.input_fields[0]].tolist()
    pool_ids = row_ids(pool_texts)
    text_of = dict(zip(pool_ids, pool_texts, strict=True))
    test_ids = set(row_ids(test_texts))
    records = []
    for program_seed in args.program_seeds:
        for seed in range(args.seeds):
            shuffled = np.random.default_rng(seed).permutation(pool_ids).tolist()
            order = [r for r in dict.fromkeys(shuffled) if r not in test_ids]  # one per text
            for strategy in ("random", "chosen"):
                run = new_run(work / f"run-{strategy}", task, pool, test_path, seed, program_seed)
                store = LabelStore(run.labels_dir, classes=task.class_names)
                for budget in args.budgets:
                    have = store.current()
                    if strategy == "random":
                        wanted = [r for r in order if r not in have][: budget - len(have)]
                    elif budget > len(have):  # suggestions of the last re-run
                        wanted = [s.id for s in suggest(run, budget - len(have))]
                    else:
                        wanted = []
                    store.label_many({r: task.class_names[answers[r]] for r in wanted})
                    started = time.perf_counter()
                    summary = pipeline.rerun(run)
                    seconds = time.perf_counter() - started
                    got = summary["evaluation"]["test"]["distilled"]
                    n_labels = len(store.current())
                    records += [
                        (strategy, n_labels, "alchemist", "macro_f1", got["macro_f1"]),
                        (strategy, n_labels, "alchemist", "accuracy", got["accuracy"]),
                    ]
                    labeled = store.current()
                    if labeled:
                        texts = [text_of[r] for r in labeled]
                        gold = np.array([task.class_names.index(c) for c in labeled.values()])
                        predicted = reference(task, texts, gold, test_texts, seed)
                        if predicted is not None:
                            records += [
                                (
                                    strategy,
                                    n_labels,
                                    "reference",
                                    "macro_f1",
                                    f1_score(test_gold, predicted, average="macro"),
                                ),
                                (
                                    strategy,
                                    n_labels,
                                    "reference",
                                    "accuracy",
                                    accuracy_score(test_gold, predicted),
                                ),
                            ]
                    print(
                        f"s{program_seed}/{seed} {strategy:6} {n_labels:3} labels: alchemist "
                        f"macro-F1 {got['macro_f1']:.3f} (re-run {seconds:.0f} s)",
                        flush=True,
                    )
    frame = pd.DataFrame(records, columns=["strategy", "n_labels", "model", "metric", "value"])
    table = (
        frame.groupby(["strategy", "n_labels", "model", "metric"])["value"]
        .agg(["mean", "std"])
        .reset_index()
    )
    full = args.seeds >= 5 and args.program_seeds == [0, 1, 2] and args.budgets == list(BUDGETS)
    reduced = (
        f" (reduced: program seeds {args.program_seeds}, {args.seeds} end seed(s), "
        f"budgets {args.budgets}, TF-IDF run features)"
    )
    table.insert(0, "dataset", "youtube" + ("" if full else reduced))
    args.out.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out / "active.csv", index=False, float_format="%.4f")
    plot(table, args.out / "active.png")
    print(table.to_string(index=False))


def plot(table: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    shown = table[table["metric"] == "macro_f1"]
    for (strategy, model), part in shown.groupby(["strategy", "model"]):
        axis.errorbar(
            part["n_labels"],
            part["mean"],
            yerr=part["std"].fillna(0),
            marker="o",
            capsize=3,
            label=f"{model}, {strategy} labels",
            linestyle="-" if model == "alchemist" else "--",
        )
    axis.set_xscale("symlog", linthresh=10)
    axis.set_xlabel("labels")
    axis.set_ylabel("test macro-F1")
    axis.set_title(textwrap.fill(str(table["dataset"].iloc[0]), 70), fontsize=8)
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


if __name__ == "__main__":
    sys.exit(main())
