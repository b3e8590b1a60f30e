"""The paper's Table 1 on every dataset in ../shared/datasets: generated programs vs baselines.

For each dataset the embedded model writes ``--programs`` labeling programs once (the pipeline's
synthesis stage; programs are kept in the run folder and answers in the response cache, so a
re-run makes no LLM call). Then, for each of ``--seeds`` seeds: the label model chosen on the dev
split and the distilled MLP (2 x 32, seed s), scored on the test split. Beside them, always: the
same MLP trained on the dev split alone, the majority vote of the generated programs, and for
YouTube the majority vote of WRENCH's 10 human labeling functions. LLM calls, tokens, generation
wall time and cost come from the run's ledger; the same tokens are also priced at GPT-3.5-turbo
and GPT-4 prices.

Splits. YouTube: WRENCH train / valid / test. SMS, medical abstracts, census: rows shuffled with
``SPLIT_SEED``; the first ``TEST_FRACTION`` is the test split, the next ``DEV_ROWS`` the labeled
dev split (WRENCH's valid splits are 120-500 rows), the rest the unlabeled training data, written
without its label column. Census training rows are capped at ``CENSUS_TRAIN_ROWS`` to keep the
run short. Splits and run folders live under ``~/.cache/alchemist/bench`` (``--cache``).

Score: accuracy, and F1 — of the positive class for the imbalanced binary tasks (SMS spam,
census >50K), macro-F1 otherwise — mean ± sample std over seeds. Abstentions count as wrong.

Writes ``table.md``, ``table.csv``, ``costs.csv`` and ``accuracy_vs_cost.png`` into ``--out``.
Data: YouTube Spam Collection and SMS Spam Collection (UCI, CC BY 4.0), WRENCH (Apache-2.0),
Medical Abstracts TC Corpus (CC BY-SA 3.0), Census Income (UCI, CC BY 4.0).

Run from the repository root:
    PYTHONPATH=src python benchmarks/paper_table.py [--datasets youtube sms medabs census]
        [--seeds 5] [--out benchmarks/results] [--model qwen2.5-coder-1.5b] [--programs 10]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist.baseline import plan_zero_shot
from alchemist.data import Dataset
from alchemist.distill import DistilledModel, default_featurizer
from alchemist.errors import SynthesisError
from alchemist.evaluation import score, summarize_seeds
from alchemist.labelmodels import make_label_model
from alchemist.llm import Ledger, LedgerEntry, PriceTable, Provider, ProviderSpec
from alchemist.paths import home
from alchemist.pipeline import aggregate, apply_programs, distill, ensure_programs, evaluate
from alchemist.rundir import RunConfig, RunDir, init_run, load_splits
from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
EXAMPLES = ROOT / "examples"
DEFAULT_CACHE = home() / "bench"
ALL = ("youtube", "sms", "medabs", "census")
SPLIT_SEED = 0
TEST_FRACTION = 0.2
DEV_ROWS = 200
CENSUS_TRAIN_ROWS = 5000
# Tasks scored by the F1 of their positive (minority) class, as in the paper.
POSITIVE_F1 = {"sms", "census"}
REFERENCE_PRICES = ("gpt-3.5-turbo", "gpt-4")
METHODS = {
    "label_model": "Programs → label model",
    "distilled": "Programs → distilled MLP",
    "programs_mv": "Programs, majority vote",
    "dev_only": "MLP on dev labels only",
    "human_lfs_mv": "10 human LFs, majority vote (WRENCH)",
}


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
        return {split: DATASETS / "youtube" / f"{file}.json"
                for split, file in (("train", "train"), ("dev", "valid"), ("test", "test"))}
    raw = RAW[name]
    frame = pd.read_csv(DATASETS / raw.path, sep=raw.sep, quoting=3 if raw.sep == "\t" else 0)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(frame))
    n_test = int(round(TEST_FRACTION * len(frame)))
    parts = {"test": order[:n_test], "dev": order[n_test:n_test + DEV_ROWS],
             "train": order[n_test + DEV_ROWS:][:raw.train_rows]}
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split, rows in parts.items():
        part = frame.iloc[np.sort(rows)].reset_index(drop=True)
        if split == "train":  # unlabeled: no model may see its gold
            part = part.drop(columns=[task.label_field])
        paths[split] = folder / f"{split}.parquet"
        part.to_parquet(paths[split], index=False)
    return paths


@dataclass
class Bench:
    """One dataset's run: its task, configuration, run folder and loaded splits."""

    name: str
    task: Task
    config: RunConfig
    run: RunDir
    splits: dict[str, Dataset]


def prepare(name: str, args: argparse.Namespace) -> Bench:
    task = load_task(EXAMPLES / f"{name}.yaml")
    paths = split_files(name, task, args.cache / "splits" / name)
    config = RunConfig(data=str(paths["train"]), dev=str(paths["dev"]), test=str(paths["test"]),
                       limit=args.limit, n_programs=args.programs,
                       provider=ProviderSpec(model=args.model), use_cache=args.use_cache)
    run = init_run(args.cache / "runs" / f"{name}-{args.model}", task, config)
    return Bench(name, task, config, run, load_splits(task, config))


def evaluate_bench(bench: Bench, seeds: int, log: Any) -> dict[str, Any]:
    """Test scores of every method over ``seeds`` seeds, summarized; and the run's costs."""
    task, splits = bench.task, bench.splits
    programs = [p for p in bench.run.programs.load() if p.enabled]
    matrices = apply_programs(bench.run, task, programs, splits, bench.config)
    test = splits["test"]
    positive = 1 if task.n_classes == 2 else None
    scores: dict[str, list[dict[str, Any]]] = {m: [] for m in METHODS}
    chosen = []
    covered = (matrices["train"].votes >= 0).any(axis=1)
    for seed in range(seeds):
        scores["dev_only"].append(_dev_only(task, splits["dev"], test, seed, positive))
        if covered.sum() < 2:  # nothing to aggregate or distill: only the baselines stand
            continue
        config = replace(bench.config, seed=seed)
        fitted = aggregate(task, matrices, splits, config)
        chosen.append(fitted.name)
        distilled = distill(bench.run, splits, covered, fitted.proba, config)
        result = evaluate(task, {"test": test}, matrices, fitted.model, distilled)["test"]
        scores["label_model"].append(result["label_model"])
        scores["distilled"].append(result["distilled"])
    scores["programs_mv"].append(_majority(task, matrices["train"].votes,
                                           matrices["test"].votes, test, positive))
    if test.reference_votes is not None:
        scores["human_lfs_mv"].append(_majority(task, test.reference_votes,
                                                test.reference_votes, test, positive))
    log(f"{bench.name}: {len(programs)} programs, train coverage {covered.mean():.1%}, "
        f"label models chosen {sorted(set(chosen))}")
    return {"dataset": bench.name, "n_programs": len(programs),
            "rows": {s: len(d) for s, d in splits.items()},
            "train_coverage": float(covered.mean()),
            "label_models": sorted(set(chosen)),
            "methods": {m: summarize_seeds(s) for m, s in scores.items() if s},
            "costs": costs(bench.run, task, splits["train"])}


def _dev_only(task: Task, dev: Dataset, test: Dataset, seed: int,
              positive: int | None) -> dict[str, Any]:
    """The same classifier trained on the dev split's gold labels alone."""
    model = DistilledModel(featurizer=default_featurizer(task.modality), seed=seed)
    model.fit(dev.frame, dev.gold, n_classes=task.n_classes)
    return score(test.gold, model.predict(test.frame), task.n_classes, positive=positive)


def _majority(task: Task, train_votes: np.ndarray, test_votes: np.ndarray, test: Dataset,
              positive: int | None) -> dict[str, Any]:
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
    synthesis_file = run.folder / "synthesis.json"
    synthesis = json.loads(synthesis_file.read_text()) if synthesis_file.exists() else {}
    prices = PriceTable.default()
    return {"calls": len(calls), "input_tokens": tokens_in, "output_tokens": tokens_out,
            "generation_seconds": sum(e.seconds for e in calls),
            "rejected": len(synthesis.get("failures", [])),
            "cost_usd": sum(e.cost_usd for e in ledger.entries if e.stage == "synthesis"),
            **{f"cost_usd_at_{m}": prices.cost(m, tokens_in, tokens_out)
               for m in REFERENCE_PRICES},
            **{f"zero_shot_usd_at_{m}": plan_zero_shot(task, train.items, m,
                                                       prices=prices).cost_usd
               for m in REFERENCE_PRICES}}


def _call_key(entry: LedgerEntry) -> tuple[str, int, int, float]:
    return entry.model, entry.input_tokens, entry.output_tokens, entry.seconds


def _cell(summary: dict[str, Any], key: str) -> str:
    figure = summary.get(key)
    if figure is None:
        return "–"
    if summary["n_seeds"] == 1:
        return f"{figure['mean']:.3f}"
    return f"{figure['mean']:.3f} ± {figure['std']:.3f}"


def f1_key(dataset: str) -> str:
    return "positive_f1" if dataset in POSITIVE_F1 else "macro_f1"


def render_markdown(results: list[dict[str, Any]], *, model: str, seeds: int,
                    seconds: float) -> str:
    lines = [f"# Alchemist benchmark: programs by {model}, {seeds} seeds", "",
             "Test split; mean ± std over seeds (one figure: deterministic). F1: of the "
             "positive class for SMS and census, macro otherwise. Abstentions count as wrong.",
             "", "| dataset | method | accuracy | F1 | coverage |", "|---|---|---|---|---|"]
    for r in results:
        for method, label in METHODS.items():
            if method in r["methods"]:
                s = r["methods"][method]
                if method == "label_model":
                    label += f" ({', '.join(r['label_models'])})"
                lines.append(f"| {r['dataset']} | {label} | {_cell(s, 'accuracy')} | "
                             f"{_cell(s, f1_key(r['dataset']))} | "
                             f"{s['coverage']['mean']:.1%} |")
    lines += ["", "## Program generation", "",
              "| dataset | programs (rejected) | train coverage | LLM calls | tokens in / out "
              "| generation s (LLM calls) | cost | at GPT-3.5-turbo | at GPT-4 "
              "| zero-shot per item at GPT-3.5-turbo / GPT-4 (est.) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        c = r["costs"]
        lines.append(f"| {r['dataset']} | {r['n_programs']} ({c['rejected']}) | "
                     f"{r['train_coverage']:.1%} | {c['calls']} | "
                     f"{c['input_tokens']} / {c['output_tokens']} | "
                     f"{c['generation_seconds']:.0f} | ${c['cost_usd']:.2f} | "
                     f"${c['cost_usd_at_gpt-3.5-turbo']:.4f} | ${c['cost_usd_at_gpt-4']:.3f} | "
                     f"${c['zero_shot_usd_at_gpt-3.5-turbo']:.2f} / "
                     f"${c['zero_shot_usd_at_gpt-4']:.2f} |")
    rows = ", ".join(f"{r['dataset']} " + "/".join(str(r["rows"][s]) for s in
                                                 ("train", "dev", "test")) for r in results)
    lines += ["", f"Rows train/dev/test: {rows}. Tokens count cached answers too (a cold run's "
              "bill). Zero-shot: the paper's baseline, one call per training item, estimated "
              "(4 characters a token, 16 output tokens), not run. "
              f"Total wall time {seconds:.0f} s.",
              ""]
    return "\n".join(lines)


def write_csv(results: list[dict[str, Any]], out: Path) -> None:
    with (out / "table.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["dataset", "method", "n_seeds", "accuracy_mean", "accuracy_std",
                         "f1_kind", "f1_mean", "f1_std", "coverage_mean"])
        for r in results:
            kind = f1_key(r["dataset"])
            for method, s in r["methods"].items():
                writer.writerow([r["dataset"], method, s["n_seeds"], s["accuracy"]["mean"],
                                 s["accuracy"]["std"], kind, s[kind]["mean"], s[kind]["std"],
                                 s["coverage"]["mean"]])
    with (out / "costs.csv").open("w", newline="") as f:
        fields = ["dataset", "n_programs", "train_coverage", *results[0]["costs"]]
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for r in results:
            writer.writerow({"dataset": r["dataset"], "n_programs": r["n_programs"],
                             "train_coverage": r["train_coverage"], **r["costs"]})


def plot(results: list[dict[str, Any]], path: Path, *, model: str) -> None:
    """Test accuracy against what labeling would cost at GPT-4 prices: the generated programs'
    tokens, beside one zero-shot call per training item (estimated; a vertical line)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(8, 4.8))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = {"distilled": dict(marker="o", linestyle=""),
              # hollow, so a distilled point under it stays visible
              "label_model": dict(marker="s", linestyle="", markerfacecolor="none",
                                  markeredgewidth=1.5),
              "dev_only": dict(linestyle="--", linewidth=0.9),
              "zero_shot": dict(linestyle=":", linewidth=1.2)}
    for color, r in zip(colors, results, strict=False):
        c = r["costs"]
        for method in ("distilled", "label_model"):
            if method not in r["methods"]:
                continue
            ax.plot([c["cost_usd_at_gpt-4"]], [r["methods"][method]["accuracy"]["mean"]],
                    color=color, markersize=7, zorder=3, **styles[method])
        ax.axhline(r["methods"]["dev_only"]["accuracy"]["mean"], color=color,
                   **styles["dev_only"])
        ax.axvline(c["zero_shot_usd_at_gpt-4"], color=color, **styles["zero_shot"])
    names = {"distilled": "programs → distilled MLP", "label_model": "programs → label model",
             "dev_only": "MLP on dev labels only", "zero_shot": "zero-shot per item (cost, est.)"}
    methods = ax.legend([Line2D([], [], color="black", **styles[m]) for m in names],
                        list(names.values()), fontsize=7, title="method", title_fontsize=8,
                        loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.add_artist(methods)
    swatches = [Line2D([], [], color=color, linewidth=4) for color in colors[:len(results)]]
    datasets = ax.legend(swatches,
                         [r["dataset"] for r in results], fontsize=7, title="dataset",
                         title_fontsize=8, loc="lower left", bbox_to_anchor=(1.01, 0.0))
    ax.set_xscale("log")
    ax.set_xlabel("labeling cost at GPT-4 prices, USD (log)")
    ax.set_ylabel("test accuracy (mean over seeds)")
    ax.set_title(f"Accuracy vs cost: programs written by {model} (actual cost $0)",
                 fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    # "tight" with the legends named keeps both of them, outside the axes, in the picture
    fig.savefig(path, dpi=120, bbox_inches="tight", bbox_extra_artists=[methods, datasets])
    plt.close(fig)


def run_table(datasets: list[str], args: argparse.Namespace, *, provider: Provider | None = None,
              log: Any = print) -> str:
    """Generate, evaluate, write the files into ``args.out``; returns the Markdown table.

    ``provider`` replaces the embedded model (tests pass a scripted stand-in)."""
    started = time.perf_counter()
    benches = [prepare(name, args) for name in datasets]
    # Every dataset's programs first: the slow LLM stage finishes before any evaluation.
    for bench in list(benches):
        log(f"== {bench.name}: programs")
        try:
            ensure_programs(bench.run, bench.task, bench.config, provider=provider)
        except SynthesisError as exc:  # one dataset's failure leaves the others' results
            log(f"{bench.name} is left out of the table: {exc}")
            benches.remove(bench)
    results = [evaluate_bench(bench, args.seeds, log) for bench in benches]
    seconds = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    markdown = render_markdown(results, model=args.model, seeds=args.seeds, seconds=seconds)
    (args.out / "table.md").write_text(markdown)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    write_csv(results, args.out)
    plot(results, args.out / "accuracy_vs_cost.png", model=args.model)
    return markdown


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", choices=ALL, default=list(ALL))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--programs", type=int, default=10)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="folder for the splits and run folders (outside the repository)")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first LIMIT training rows (a quick look)")
    parser.add_argument("--no-cache", dest="use_cache", action="store_false",
                        help="do not reuse cached LLM answers")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    print(run_table(args.datasets, args))
    print(f"Wrote {args.out}; total wall time {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
