"""Learning curves: Alchemist and the strongest simple reference at 0 to 200 labels, with the
labels drawn at random or chosen by ``alchemist suggest``, on YouTube, SMS, medical abstracts,
census and the demo (``--datasets``, default all five).

Splits: ``paper_table``'s (``split_files``; YouTube: WRENCH train / valid / test; SMS, medical
abstracts, census: the raw file shuffled with ``SPLIT_SEED``; the demo: ``make demo``'s). The
person is simulated by the gold labels of rows outside the test split: the pool to label is the
dataset's training rows plus its dev rows, written without labels (their gold, taken from the
same rows of the raw data, is kept apart as the person's answers and never read by the run);
the run starts with no dev split, and each budget's labels go through the run's label store, as
the workbench writes them, before ``rerun``. Programs: the committed ones
(``benchmarks/results/programs/<dataset>/s<seed>/``), the set the search kept without a dev
split (``nodev-search.json``), so no program was chosen with labels; no LLM call is made. The
run's featurizer is the dataset's default (``auto``: tabular for census, chosen among TF-IDF
and MiniLM on the labels for text); ``--tfidf`` forces TF-IDF (faster).

Budgets ``--budgets`` (default 0 10 20 50 100 200). Strategies: ``random`` (a seeded
permutation of the pool, its first n rows) and ``chosen`` (rounds of ``alchemist suggest``
topping the labels up to the next budget: 10, 10, 30, 50, 100; ``--strategies`` runs one
of them). ``n_labels`` is what was labeled: fewer than the budget where the pool runs out or
a round suggests fewer rows than asked (said in the log); a budget that adds no label to the
last one is not run again.
Models: ``alchemist`` (the distilled model of the re-run) and ``reference``: a class-balanced
logistic regression on the labeled rows alone, its C chosen by an inner cross-validation on them
(``distill.BalancedLogistic``, the runs' own reference); for text on TF-IDF (fitted on those
rows) or MiniLM features, whichever scores the better macro-F1 in a stratified cross-validation
on those labeled rows (TF-IDF with fewer than 2 rows per class to fold); for census's table on
the project's tabular featurizer (fitted on the pool's inputs, no label read); no reference at 0
labels or with one class labeled. Metric: the dataset's table metric on the test split (F1 of
the positive class for SMS spam and census >50K, macro-F1 otherwise; named as ``table.csv``
names it), and accuracy.

Writes ``--out``/active.csv (dataset, strategy, n_labels, model, metric, mean, std over the
program and end-model seeds; one block per dataset) and active.png (one panel per dataset).
``--reduced`` runs a cheap subset of the chosen datasets: program seed 0, one end-model (run)
seed, budgets 0 10 20 50 (unless ``--budgets`` is given); the full protocol is program seeds
0-2, 5 end-model seeds, every budget, the default featurizers. Any other setting is labeled as
reduced in the dataset column.

Run from the repository root:
    PYTHONPATH=src python benchmarks/bench_active.py --reduced [--datasets youtube sms ...]
        [--tfidf] [--out benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from paper_table import ALL, TASK_FILES, demo_datasets, raw_split, split_files
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from table_render import f1_key

from alchemist._util.numeric import stratified_folds
from alchemist.data.dataset import Dataset, dataset_from_frame, load_dataset
from alchemist.distill import BalancedLogistic
from alchemist.distill.featurizers import Featurizer, make_featurizer
from alchemist.distill.reference import cross_validated
from alchemist.evaluation.metrics import score
from alchemist.labels import LabelStore, row_ids
from alchemist.run import pipeline
from alchemist.run.folder import RunDir, init_run
from alchemist.run.labeling import suggest
from alchemist.run.settings import RunConfig
from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROGRAMS = ROOT / "benchmarks" / "results" / "programs"
BUDGETS = (0, 10, 20, 50, 100, 200)
REDUCED_BUDGETS = (0, 10, 20, 50)


@dataclass
class Pool:
    """One dataset's simulation: the unlabeled pool file (training + dev rows) and its inputs,
    the person's answers (row id -> class index), the test file and split."""

    name: str
    task: Task
    path: Path
    frame: pd.DataFrame
    position: dict[str, int]  # row id -> its row in ``frame`` (the last of identical inputs)
    answers: dict[str, int]
    test_path: Path
    test: Dataset
    test_ids: set[str]

    @property
    def metric(self) -> str:
        return f1_key(self.name)

    @property
    def positive(self) -> int | None:
        return 1 if self.task.n_classes == 2 else None


def labeled_splits(name: str, task: Task, folder: Path) -> tuple[dict[str, Dataset], Path]:
    """``paper_table``'s training and dev rows with their gold, and its test file."""
    paths = split_files(name, task, folder)
    if name == "youtube":  # WRENCH's training file keeps its labels
        return {s: load_dataset(paths[s], task) for s in ("train", "dev")}, paths["test"]
    if name == "demo":
        return demo_datasets(task), paths["test"]
    frame, rows = raw_split(name)  # the rows split_files wrote, label column included
    parts = {
        split: dataset_from_frame(
            frame.iloc[rows[split]].reset_index(drop=True), task, require_gold=True
        )
        for split in ("train", "dev")
    }
    return parts, paths["test"]


def make_pool(name: str, folder: Path) -> Pool:
    task = load_task(EXAMPLES / f"{TASK_FILES.get(name, name)}.yaml")
    parts, test_path = labeled_splits(name, task, folder / "splits")
    frame = pd.concat([parts["train"].frame, parts["dev"].frame], ignore_index=True)
    gold = np.concatenate([np.asarray(parts[s].gold) for s in ("train", "dev")])
    path = folder / "pool.parquet"
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(path, index=False)
    pool = load_dataset(path, task)  # as the run reads it, so the row ids are the run's
    ids = row_ids(pool.items)
    test = load_dataset(test_path, task, require_gold=True)
    return Pool(
        name=name,
        task=task,
        path=path,
        frame=pool.frame,
        position={r: i for i, r in enumerate(ids)},
        answers={r: int(g) for r, g in zip(ids, gold.tolist(), strict=True) if g >= 0},
        test_path=test_path,
        test=test,
        test_ids=set(row_ids(test.items)),
    )


def new_run(folder: Path, pool: Pool, seed: int, program_seed: int, featurizer: str) -> RunDir:
    config = RunConfig(
        data=str(pool.path),
        test=str(pool.test_path),
        seed=seed,
        workers=2,
        use_cache=False,
        featurizer=featurizer,
    )
    shutil.rmtree(folder, ignore_errors=True)
    run = init_run(folder, pool.task, config)
    source = PROGRAMS / pool.name / f"s{program_seed}"
    kept = set(json.loads((source / "nodev-search.json").read_text())["kept"])
    run.programs.folder.mkdir(parents=True, exist_ok=True)
    for file in (source / "programs").iterdir():
        shutil.copy2(file, run.programs.folder / file.name)
    for program in run.programs.load(include_disabled=True):
        run.programs.set_enabled(program.id, program.id in kept)
    return run


class Reference:
    """The strongest simple reference of a pool: ``predict`` fits it on some labeled rows."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.text = pool.task.modality == "text"
        self.tabular: Featurizer | None = None
        if not self.text:  # fitted on the pool's inputs: no label read
            self.tabular = make_featurizer("tabular")
            self.tabular.fit(pool.frame)

    def predict(self, labeled: dict[str, str], seed: int) -> np.ndarray | None:
        """Test-split predictions of the reference fitted on ``labeled`` (row id -> class)."""
        task, pool = self.pool.task, self.pool
        gold = np.array([task.class_names.index(c) for c in labeled.values()])
        if len(np.unique(gold)) < 2:
            return None
        frame = pool.frame.iloc[[pool.position[r] for r in labeled]].reset_index(drop=True)
        k = task.n_classes
        if self.tabular is not None:
            X = self.tabular.transform(frame)
            model = BalancedLogistic(seed=seed).fit(X, gold, n_classes=k)
            return model.predict(self.tabular.transform(pool.test.frame))
        X_train, X_test = self._text_features(frame, gold, seed)
        return BalancedLogistic(seed=seed).fit(X_train, gold, n_classes=k).predict(X_test)

    def _text_features(self, frame: pd.DataFrame, gold: np.ndarray, seed: int) -> tuple[Any, Any]:
        """The better of TF-IDF / MiniLM by CV on the labeled rows (TF-IDF without folds)."""
        field = self.pool.task.input_fields[0]
        texts, test = frame[field].tolist(), self.pool.test.frame[field].tolist()
        tfidf = TfidfVectorizer(sublinear_tf=True, min_df=1).fit(texts)
        candidates = {"tfidf": (tfidf.transform(texts), tfidf.transform(test))}
        folds = int(min(5, np.bincount(gold).min()))
        if folds < 2:
            return candidates["tfidf"]
        minilm = make_featurizer("minilm")  # embeddings cached per text
        X = np.asarray(minilm.fit_transform(pd.DataFrame({field: texts + test})))
        candidates["minilm"] = (X[: len(texts)], X[len(texts) :])
        assignment = stratified_folds(gold, folds, seed)
        best, best_score = "tfidf", -1.0
        for name, (X_train, _) in candidates.items():
            proba = cross_validated(
                X_train, gold, assignment, n_classes=self.pool.task.n_classes, seed=seed
            )
            value = f1_score(gold, proba.argmax(axis=1), average="macro")
            if value > best_score:
                best, best_score = name, value
        return candidates[best]


Record = tuple[str, int, str, str, float]  # strategy, n_labels, model, metric, value


def curves(pool: Pool, args: argparse.Namespace, work: Path) -> list[Record]:
    """Every run of one dataset: each program seed, end-model seed and strategy."""
    reference = Reference(pool)
    answerable = [r for r in pool.position if r in pool.answers and r not in pool.test_ids]
    records = []
    for program_seed in args.program_seeds:
        for seed in range(args.seeds):
            order = np.random.default_rng(seed).permutation(answerable).tolist()
            for strategy in args.strategies:
                run = new_run(work / f"run-{strategy}", pool, seed, program_seed, args.featurizer)
                tag = f"{pool.name} s{program_seed}/{seed} {strategy:6}"
                records += [
                    (strategy, *record)
                    for record in curve(
                        pool,
                        run,
                        reference,
                        order if strategy == "random" else None,
                        args.budgets,
                        seed,
                        tag,
                    )
                ]
    return records


def curve(
    pool: Pool,
    run: RunDir,
    reference: Reference,
    order: list[str] | None,
    budgets: list[int],
    seed: int,
    tag: str,
) -> list[tuple[int, str, str, float]]:
    """One run's (n_labels, model, metric, value) at each budget: labels topped up from
    ``order`` (random), or from the last re-run's suggestions where ``order`` is None."""
    task = pool.task
    store = LabelStore(run.labels_dir, classes=task.class_names)
    done: set[int] = set()  # label counts already evaluated
    records = []
    for budget in budgets:
        have = store.current()
        asked = max(0, budget - len(have))
        if order is not None:
            wanted = [r for r in order if r not in have][:asked]
        elif asked:
            if not done:  # suggestions need a run: the one with no labels
                pipeline.rerun(run)
            wanted = [s.id for s in suggest(run, asked) if s.id in pool.answers]
        else:
            wanted = []
        store.label_many({r: task.class_names[pool.answers[r]] for r in wanted})
        labeled = store.current()
        if len(labeled) < budget:
            print(f"{tag} budget {budget}: {len(wanted)} new of {asked} asked", flush=True)
        if len(labeled) in done:
            continue  # no new label: the same run again
        done.add(len(labeled))
        records += evaluate(pool, run, reference, labeled, seed, tag)
    return records


def evaluate(
    pool: Pool, run: RunDir, reference: Reference, labeled: dict[str, str], seed: int, tag: str
) -> list[tuple[int, str, str, float]]:
    """Re-run with the labels; the test scores of the run's distilled model and of the
    reference on the same labels."""
    metric, n = pool.metric, len(labeled)
    started = time.perf_counter()
    summary = pipeline.rerun(run)
    seconds = time.perf_counter() - started
    got = summary["evaluation"]["test"]["distilled"]
    records = [(n, "alchemist", key, float(got[key])) for key in (metric, "accuracy")]
    predicted = reference.predict(labeled, seed) if labeled else None
    theirs = ""
    if predicted is not None:
        gold = np.asarray(pool.test.gold)
        scored = score(gold, predicted, pool.task.n_classes, positive=pool.positive)
        records += [(n, "reference", key, float(scored[key])) for key in (metric, "accuracy")]
        theirs = f", reference {scored[metric]:.3f}"
    print(
        f"{tag} {n:3} labels: alchemist {metric} {got[metric]:.3f}{theirs} "
        f"(re-run {seconds:.0f} s)",
        flush=True,
    )
    return records


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", choices=ALL, default=list(ALL))
    parser.add_argument(
        "--reduced",
        action="store_true",
        help="program seed 0, 1 end seed, budgets 0 10 20 50 (unless --budgets is given)",
    )
    parser.add_argument("--budgets", type=int, nargs="+", default=None)
    parser.add_argument("--seeds", type=int, default=5, help="end-model (run) seeds")
    parser.add_argument("--program-seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--tfidf", action="store_true", help="TF-IDF features for the run")
    parser.add_argument(
        "--strategies", nargs="+", choices=("random", "chosen"), default=["random", "chosen"]
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    if args.reduced:
        args.seeds, args.program_seeds = 1, [0]
    if args.budgets is None:
        args.budgets = list(REDUCED_BUDGETS if args.reduced else BUDGETS)
    args.budgets = sorted(set(args.budgets))
    args.featurizer = "tfidf" if args.tfidf else "auto"
    full = (
        args.seeds >= 5
        and args.program_seeds == [0, 1, 2]
        and args.budgets == list(BUDGETS)
        and not args.tfidf
        and len(args.strategies) == 2
    )
    reduced = (
        f" (reduced: program seeds {args.program_seeds}, {args.seeds} end seed(s), "
        f"budgets {args.budgets}, {'TF-IDF' if args.tfidf else 'default'} run features"
        + ("" if len(args.strategies) == 2 else f", {args.strategies[0]} labels only")
        + ")"
    )
    work = Path(tempfile.mkdtemp(prefix="bench-active-"))
    tables = []
    for name in args.datasets:
        started = time.perf_counter()
        pool = make_pool(name, work / name)
        records = curves(pool, args, work / name)
        columns = ["strategy", "n_labels", "model", "metric", "value"]
        frame = pd.DataFrame(records, columns=columns)
        table = (
            frame.groupby(["strategy", "n_labels", "model", "metric"])["value"]
            .agg(["mean", "std"])
            .reset_index()
        )
        table.insert(0, "dataset", name + ("" if full else reduced))
        tables.append(table)
        print(f"{name}: {time.perf_counter() - started:.0f} s", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    result = pd.concat(tables, ignore_index=True)
    args.out.mkdir(parents=True, exist_ok=True)
    result.to_csv(args.out / "active.csv", index=False, float_format="%.4f")
    plot(result, args.out / "active.png")
    print(result.to_string(index=False))


def plot(table: pd.DataFrame, path: Path) -> None:
    """One panel per dataset: its table metric against the labels, each model and strategy."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(dict.fromkeys(table["dataset"]))
    columns = min(3, len(names))
    rows = -(-len(names) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.8 * rows), squeeze=False)
    for axis, name in zip(axes.flat, names, strict=False):
        block = table[table["dataset"] == name]
        metric = next(m for m in block["metric"].unique() if m != "accuracy")
        shown = block[block["metric"] == metric]
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
        axis.set_ylabel(f"test {metric.replace('_', '-')}")
        axis.set_title(textwrap.fill(str(name), 60), fontsize=8)
        axis.legend(fontsize=7)
    for axis in list(axes.flat)[len(names) :]:
        axis.set_visible(False)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


if __name__ == "__main__":
    main()
