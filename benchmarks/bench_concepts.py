"""Issue 13's tables: programs over LLM-named concepts vs vanilla programs vs the extractor's
zero-shot prediction vs the dev-labels-only model, per dataset, with wall times and load.

Rows, each scored on a test split nothing was tuned on (abstentions count as wrong):

- ``concepts``: the pipeline with the concept stage (the embedded model names ``--concepts``
  concepts, the local extractor scores them, the program search keeps ``--programs`` programs
  over the named scores); label model and distilled model (chosen on dev), and the run's own
  "same model on dev labels only" (the distilled model's featurizer and classifier, trained
  on the dev labels alone);
- ``concepts + RoboShot`` (images): the same, spurious directions projected out;
- ``vanilla``: programs over the raw item (``series`` list / ``image`` pixels);
- ``zero-shot`` (images): the extractor's own prediction from the class names, and where
  the data has groups from group prompts (one text per class and group, RoboShot's baseline);
- tables: ``whole-row`` programs vs ``per-attribute`` programs (one prompt per column);
- ``dev-labels-only MLP``: an MLP trained on the dev split's gold labels alone (on the
  concept scores, on the raw series, or on the table's columns); ``majority``: the dev
  split's majority class.

Splits (seed 0, written under ``--cache``): ItalyPowerDemand (sktime's 1096 days): test 400,
dev 100, train the rest; GunPoint (200 series): test 100, dev 30, train 70; census
(``../shared/datasets/census``): test 2000, dev 200, train 3000. Worst-group accuracy is
reported where the data has group labels.

Run from the repository root (threads from the free cores; measured beside ``uptime`` load):
    PYTHONPATH=src python benchmarks/bench_concepts.py --datasets italypower census \\
        [--programs 6] [--concepts 6] [--candidates 12] [--refinements 4] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.paths import home
from alchemist.concepts import make_extractor, zero_shot_predict
from alchemist.concepts.stage import originals
from alchemist.data.dataset import load_dataset
from alchemist.data.named import read_named
from alchemist.distill import DistilledModel
from alchemist.errors import AlchemistError
from alchemist.evaluation.metrics import group_accuracy, score
from alchemist.llm import ProviderSpec, make_provider
from alchemist.run.folder import RunDir, load_splits
from alchemist.run.pipeline import run_pipeline
from alchemist.run.settings import RunConfig
from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CENSUS = ROOT.parent / "shared" / "datasets" / "census" / "adult.csv"
SIZES = {"italypower": (400, 100), "gunpoint": (100, 30), "census": (2000, 200)}
IMAGES = {"spurious-digits": ("spurious_digits.yaml", None), "textiles": ("textiles.yaml", 700)}


def write_splits(name: str, folder: Path) -> dict[str, str]:
    """Shuffle the dataset with seed 0 and write test / dev / train files; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "census":
        frame = pd.read_csv(CENSUS)
    else:
        base = {"italypower": "ItalyPowerDemand", "gunpoint": "GunPoint"}[name]
        frame = pd.concat(
            [read_named(f"sktime:{base}/train"), read_named(f"sktime:{base}/test")],
            ignore_index=True,
        )
    frame = frame.sample(frac=1.0, random_state=0).reset_index(drop=True)
    n_test, n_dev = SIZES[name]
    train_end = n_test + n_dev + (3000 if name == "census" else len(frame))
    parts = {
        "test": frame[:n_test],
        "dev": frame[n_test : n_test + n_dev],
        "train": frame[n_test + n_dev : train_end],
    }
    paths = {}
    for split, part in parts.items():
        paths[split] = str(folder / f"{split}.jsonl")
        part.to_json(paths[split], orient="records", lines=True)
    return paths


def pipeline_row(
    label: str, task: Task, config: RunConfig, folder: Path, provider: Any
) -> list[dict[str, Any]]:
    """Run the pipeline; one row for its label model and one for its distilled model."""
    started, load = time.perf_counter(), os.getloadavg()[0]
    try:
        summary = run_pipeline(task, config, folder, provider=provider)
    except AlchemistError as exc:  # e.g. no program voted: a result to report, not a crash
        return [
            {
                "method": f"{label}: failed ({exc})",
                "accuracy": None,
                "f1": None,
                "worst_group": None,
                "coverage": 0.0,
                "llm_calls": None,
                "programs": 0,
                "seconds": round(time.perf_counter() - started, 1),
                "load": round(load, 2),
            }
        ]
    seconds = time.perf_counter() - started
    calls = (summary.get("ledger") or {}).get("calls", 0)  # cached included: concepts, programs
    rows = []
    for model, method in (
        ("label_model", "label model"),
        ("distilled", "distilled"),
        ("dev_only", "same model on dev labels only"),
    ):
        if model not in summary["evaluation"]["test"]:
            continue
        s = summary["evaluation"]["test"][model]
        rows.append(
            {
                "method": f"{label}: {method}",
                "accuracy": s["accuracy"],
                "f1": s.get("positive_f1", s["macro_f1"]),
                "worst_group": (s.get("groups") or {}).get("worst_group"),
                "coverage": s["coverage"],
                "seconds": round(seconds, 1),
                "llm_calls": calls,
                "load": round(load, 2),
                "programs": len(summary["programs"]),
            }
        )
    return rows


def dev_only_rows(task: Task, splits: dict[str, Any], label: str) -> list[dict[str, Any]]:
    """The MLP on the dev gold labels alone, and the dev majority class."""
    started = time.perf_counter()
    dev, test = splits["dev"], splits["test"]
    onehot = np.eye(task.n_classes)[dev.gold]
    model = DistilledModel(featurizer="tabular", seed=0).fit(_frame(dev), onehot)
    predicted = model.predict(_frame(test))
    majority = np.full(len(test), np.bincount(dev.gold, minlength=task.n_classes).argmax())
    rows = []
    for method, pred in (
        (f"dev-labels-only MLP ({label})", predicted),
        ("majority class of dev", majority),
    ):
        rows.append(_scored(method, task, test, pred, time.perf_counter() - started))
    return rows


def zero_shot_rows(task: Task, splits: dict[str, Any]) -> list[dict[str, Any]]:
    """The extractor's zero-shot prediction from the class texts and, where the data has
    groups, from group prompts: each group of the dev split named in its class's text
    ("the digit 0: a closed oval ring on land"), a class scoring as its best group."""
    extractor = make_extractor(task)
    texts = [f"{c.name}: {c.description}" if c.description else c.name for c in task.classes]
    variants: list[tuple[str, list[Any]]] = [(f"{extractor.name} zero-shot", texts)]
    dev = splits["dev"]
    if dev.groups is not None:
        prompts: list[list[str]] = [[] for _ in texts]
        for group in np.unique(dev.groups):
            k = int(np.bincount(dev.gold[dev.groups == group]).argmax())
            name = task.classes[k].name
            prompts[k].append(
                group.replace(name, texts[k]) if name in group else f"{texts[k]} ({group})"
            )
        grouped = [p or [t] for p, t in zip(prompts, texts, strict=True)]
        variants.append((f"{extractor.name} zero-shot, group prompts", grouped))
    items, rows = originals(splits["test"]), []
    for method, class_texts in variants:
        started = time.perf_counter()
        predicted = zero_shot_predict(extractor, class_texts, items)
        rows.append(_scored(method, task, splits["test"], predicted, time.perf_counter() - started))
    return rows


def _scored(
    method: str, task: Task, test: Any, predicted: np.ndarray, seconds: float
) -> dict[str, Any]:
    s = score(test.gold, predicted, task.n_classes, positive=1 if task.n_classes == 2 else None)
    worst = (
        group_accuracy(test.gold, predicted, test.groups)["worst_group"]
        if test.groups is not None
        else None
    )
    return {
        "method": method,
        "accuracy": s["accuracy"],
        "f1": s.get("positive_f1", s["macro_f1"]),
        "worst_group": worst,
        "coverage": s["coverage"],
        "seconds": round(seconds, 1),
        "llm_calls": 0,
        "load": round(os.getloadavg()[0], 2),
        "programs": None,
    }


def _frame(dataset: Any) -> pd.DataFrame:
    """A dataset's inputs as numeric columns: series spread over columns, else as they are."""
    if dataset.task.takes_raw and dataset.task.modality == "timeseries":
        return pd.DataFrame(
            np.array([np.asarray(x, dtype=float) for x in dataset.items])
        ).add_prefix("t")
    return dataset.frame


def bench_images(name: str, args: argparse.Namespace, provider: Any) -> list[dict[str, Any]]:
    """Concepts, concepts + RoboShot (same concepts and programs, spurious directions
    projected out), vanilla programs over pixels, zero-shot, dev-labels-only, majority."""
    example, limit = IMAGES[name]
    task = load_task(EXAMPLES / example)
    runs = Path(args.cache) / name / "runs"
    base = RunConfig(
        data=f"{name}:train",
        test=f"{name}:test",
        dev_size=100,
        limit=limit,
        n_programs=args.programs,
        n_concepts=args.concepts,
        seed=0,
        use_cache=not args.no_cache,
        provider=ProviderSpec(model=args.model, threads=args.threads),
        search_candidates=args.candidates,
        search_refinements=args.refinements,
    )
    rows = pipeline_row("programs over concepts", task, base, runs / "concepts", provider)
    robust = runs / "concepts-roboshot"
    if (runs / "concepts" / "programs").is_dir() and not robust.exists():
        robust.mkdir(parents=True)
        shutil.copytree(runs / "concepts" / "programs", robust / "programs")
        for kept in ("concepts.yaml", "search.json"):  # search.json: the search is done
            shutil.copy(runs / "concepts" / kept, robust / kept)
    rows += pipeline_row(
        "same programs, RoboShot scores", task, _with(base, roboshot=True), robust, provider
    )
    rows += pipeline_row(
        "vanilla programs (raw pixels)",
        task,
        _with(base, representation="raw"),
        runs / "raw",
        provider,
    )
    raw = load_splits(task, base)
    rows += zero_shot_rows(task, raw)
    if (runs / "concepts" / "run.yaml").exists():
        run = RunDir(runs / "concepts")
        scored = load_splits(run.task(), run.config())
        rows += dev_only_rows(scored["dev"].task, scored, "concept scores + item features")
    return rows


def bench(name: str, args: argparse.Namespace, provider: Any) -> list[dict[str, Any]]:
    if name in IMAGES:
        return bench_images(name, args, provider)
    cache = Path(args.cache) / name
    paths = write_splits(name, cache / "data")
    task = load_task(
        EXAMPLES
        / {"italypower": "italypower.yaml", "gunpoint": "gunpoint.yaml", "census": "census.yaml"}[
            name
        ]
    )
    base = RunConfig(
        data=paths["train"],
        dev=paths["dev"],
        test=paths["test"],
        n_programs=args.programs,
        n_concepts=args.concepts,
        seed=0,
        use_cache=not args.no_cache,
        provider=ProviderSpec(model=args.model, threads=args.threads),
        search_candidates=args.candidates,
        search_refinements=args.refinements,
    )
    runs = cache / "runs"
    if name == "census":
        rows = pipeline_row("whole-row programs", task, base, runs / "whole-row", provider)
        rows += pipeline_row(
            "per-attribute programs",
            task,
            _with(base, per_attribute=True),
            runs / "per-attribute",
            provider,
        )
        return rows + dev_only_rows(task, load_splits(task, base), "table columns")
    rows = pipeline_row("programs over concepts", task, base, runs / "concepts", provider)
    if (runs / "concepts" / "run.yaml").exists():
        run = RunDir(runs / "concepts")
        scored = load_splits(run.task(), run.config())
        rows += dev_only_rows(scored["dev"].task, scored, "concept scores + item features")
    rows += pipeline_row(
        "vanilla programs (raw series)",
        task,
        _with(base, representation="raw"),
        runs / "raw",
        provider,
    )
    rows += dev_only_rows(task, {s: load_dataset(p, task) for s, p in paths.items()}, "raw series")[
        :1
    ]
    return rows


def _with(config: RunConfig, **changes: Any) -> RunConfig:
    return RunConfig.from_dict({**config.to_dict(), **changes})


def render(name: str, rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"### {name}",
        "",
        f"`{args.model}`, {args.programs} programs kept of a search of {args.candidates} "
        f"candidates + {args.refinements} refinements, {args.concepts} concepts, "
        f"--threads {args.threads or 'auto'}; test split.",
        "",
        "| method | accuracy | F1 | worst group | coverage | wall s | LLM calls | load |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def figure(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    for r in rows:
        lines.append(
            f"| {r['method']} | {figure(r['accuracy'])} | {figure(r['f1'])} | "
            f"{figure(r['worst_group'])} | {r['coverage']:.0%} | {r['seconds']} | "
            f"{r['llm_calls'] or 0} | {r['load']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--datasets", nargs="+", default=["italypower", "census"], choices=sorted([*SIZES, *IMAGES])
    )
    parser.add_argument("--programs", type=int, default=6)
    parser.add_argument("--concepts", type=int, default=6)
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--threads", type=int, default=None, help="default: the free cores")
    parser.add_argument("--candidates", type=int, default=12, help="program search: candidates")
    parser.add_argument("--refinements", type=int, default=4, help="program search: refinements")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--cache", default=str(home() / "bench-concepts"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "concepts"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    provider = make_provider(ProviderSpec(model=args.model, threads=args.threads))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.datasets:
        started = time.perf_counter()
        rows = bench(name, args, provider)
        text = render(name, rows, args) + (
            f"\nTotal {time.perf_counter() - started:.0f} s; "
            f"load at the end {os.getloadavg()[0]:.2f}.\n"
        )
        (out / f"{name}.md").write_text(text)
        (out / f"{name}.json").write_text(json.dumps(rows, indent=1) + "\n")
        print(text, flush=True)


if __name__ == "__main__":
    main()
