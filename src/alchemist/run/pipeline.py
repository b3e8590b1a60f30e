"""The whole pipeline over one run directory: synthesize, execute, aggregate, distill, report.

The stages are composed in memory: within one run the task, configuration, data splits, label
matrices and pseudolabels are passed from stage to stage, and written to the run directory
(``alchemist.run.folder``) only as records to resume from, audit, or re-run one stage alone. The
``*_run`` functions are those single stages, reading what earlier stages saved. Stage 2,
topping the programs up (search, quality loop or synthesis), is ``alchemist.run.synthesize``.

Messages go to the ``alchemist`` logger; progress goes to an optional ``progress`` callback
that receives one dict per event (``{"stage": "synthesis" | "gate" | "execute", ...}``). The
library draws nothing: the command line turns events into progress bars.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from alchemist import concepts
from alchemist.data.dataset import Dataset
from alchemist.diagnostics import Diagnostics, diagnose
from alchemist.distill import DistilledModel
from alchemist.errors import RunError
from alchemist.execution import Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labels.calibration import calibration
from alchemist.llm import Provider
from alchemist.programs import Program
from alchemist.report.overview import Overview
from alchemist.report.render import render_report, render_report_html
from alchemist.run.aggregation import Aggregation, aggregate, fold_pseudolabels, label_model_votes
from alchemist.run.choices import Choices
from alchemist.run.distillation import dev_only_baseline, distill
from alchemist.run.folder import RunDir, archive_programs, init_run, load_splits
from alchemist.run.predicting import PREDICTION_COLUMNS, predict
from alchemist.run.scoring import predict_splits, score_predictions
from alchemist.run.settings import RunConfig
from alchemist.run.synthesize import ensure_programs
from alchemist.synthesis.oneshot import Progress
from alchemist.task import Task

logger = logging.getLogger(__name__)


def apply_programs(
    run: RunDir,
    task: Task,
    programs: list[Program],
    splits: dict[str, Dataset],
    config: RunConfig,
    *,
    progress: Progress | None = None,
    reuse: bool = False,
) -> dict[str, LabelMatrix]:
    """Run every program over every split in isolated workers; save the label matrices.

    ``reuse``: a program whose column is in the saved matrices with the same source (its sha,
    recorded in ``matrices/programs.json``) keeps that column; only the others are executed."""
    saved = _saved_columns(run, programs, splits) if reuse else {}
    matrices = {}
    with Executor(config.execution()) as executor:
        for split, dataset in splits.items():
            kept = saved.get(split)
            todo = [p for p in programs if kept is None or p.id not in kept.program_ids]
            total = len(todo) * len(dataset)
            if progress is not None:
                executor.progress = _cells(progress, split, total)
                progress({"stage": "execute", "split": split, "done": 0, "total": total})
            fresh = executor.run(todo, dataset.items, task.class_ids) if todo else None
            matrices[split] = _in_order(programs, kept, fresh)
            run.save_matrix(split, matrices[split])
    run.write_json("matrices/programs.json", {p.id: p.sha for p in programs})
    return matrices


def _saved_columns(
    run: RunDir, programs: list[Program], splits: dict[str, Dataset]
) -> dict[str, LabelMatrix]:
    """The saved matrices' columns of ``programs`` whose source is unchanged, per split."""
    shas = run.read_json("matrices/programs.json", missing_ok=True) or {}
    same = [p.id for p in programs if shas.get(p.id) == p.sha]
    out = {}
    for split, dataset in splits.items():
        path = run.matrix_path(split)
        if not same or not path.exists():
            continue
        matrix = LabelMatrix.load(path)
        ids = [p for p in same if p in matrix.program_ids]
        if len(matrix.votes) == len(dataset) and ids:
            out[split] = matrix.columns(ids)
    return out


def _in_order(
    programs: list[Program], kept: LabelMatrix | None, fresh: LabelMatrix | None
) -> LabelMatrix:
    parts = [m for m in (kept, fresh) if m is not None]
    whole = parts[0] if len(parts) == 1 else parts[0].hstack(parts[1])
    return whole.columns([p.id for p in programs])


def _cells(progress: Progress, split: str, total: int) -> Callable[[int], None]:
    done = 0

    def update(n: int) -> None:
        nonlocal done
        done += n
        progress({"stage": "execute", "split": split, "done": done, "total": total})

    return update


def run_pipeline(
    task: Task,
    config: RunConfig,
    folder: str | Path,
    *,
    fresh_programs: bool = False,
    provider: Provider | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every stage, in order, in ``folder``; returns the summary also saved as summary.json.

    ``provider`` replaces the configured model (still metered in the run's ledger).
    """
    run = init_run(folder, task, config)
    if fresh_programs:
        archive_programs(run)
    splits = run.splits(task, config)
    logger.info("Data: %s", ", ".join(f"{s} {len(d)} rows" for s, d in splits.items()))
    warn_absent_classes(splits, config)
    if concepts.needed(task, config.representation):
        llm = run.open_ledger(config).meter(config.open_llm(provider), "concepts")
        task, config, splits = _score_concepts(run.folder, task, config, splits, llm)
    ensure_programs(run, task, config, provider=provider, splits=splits, progress=progress)
    return rerun(run, task=task, config=config, splits=splits, progress=progress)


def _score_concepts(
    folder: Path, task: Task, config: RunConfig, splits: dict[str, Dataset], provider: Provider
) -> tuple[Task, RunConfig, dict[str, Dataset]]:
    """The concept stage inside a run (where ``concepts.needed``): the scored task, the run's
    settings pointed at the scored splits saved as ``concepts/<split>.parquet`` (both recorded
    in the run directory as its task and settings), and the scored splits."""
    scored_task, scored = concepts.prepare(
        folder,
        task,
        splits,
        provider=provider,
        settings=concepts.ConceptSettings(
            n=config.n_concepts,
            roboshot=config.roboshot,
            boost=config.roboshot_boost,
            seed=config.seed,
        ),
        log=logger.info,
    )
    paths = {s: str((folder / "concepts" / f"{s}.parquet").resolve()) for s in scored}
    config = replace(
        config,
        data=paths["train"],
        dev=paths.get("dev"),
        test=paths.get("test"),
        dev_size=None,
        limit=None,
    )
    init_run(folder, scored_task, config)  # later stages and re-runs read the scored splits
    return scored_task, config, scored


def warn_absent_classes(splits: dict[str, Dataset], config: RunConfig) -> None:
    """One warning per labeled split that lacks some of the task's classes: programs are
    chosen and models trained without them (a file sorted by label cut by ``--limit`` does it)."""
    for split, dataset in splits.items():
        absent = dataset.absent_classes()
        if absent:
            cut = f" --limit {config.limit} kept the data's first rows;" if config.limit else ""
            logger.warning(
                "The %s split has no item of class %s.%s if the file is sorted by label, "
                "shuffle it, or give a %s file with every class.",
                split,
                ", ".join(absent),
                cut,
                split,
            )


def enabled_programs(run: RunDir, task: Task) -> list[Program]:
    """The run's enabled programs, read for the task's function name (a hand-written file
    has no metadata to say it)."""
    programs = [
        replace(p, function_name=task.function_name) for p in run.programs.load() if p.enabled
    ]
    if not programs:
        raise RunError(
            f"No enabled program in {run.programs.folder}. "
            "Enable one or run `alchemist run` to generate some.",
            path=str(run.programs.folder),
        )
    return programs


def _diagnose(
    task: Task,
    matrices: dict[str, LabelMatrix],
    splits: dict[str, Dataset],
    learned_accuracies: np.ndarray | None = None,
) -> Diagnostics:
    """Diagnostics on the dev matrix when there is one, else on the training matrix."""
    split = "dev" if "dev" in splits else "train"
    return diagnose(
        matrices[split],
        task.n_classes,
        gold=splits[split].gold,
        learned_accuracies=learned_accuracies,
    )


def aggregate_run(run: RunDir) -> Aggregation:
    """Stage 5 alone on a run directory: label model over the saved matrices -> pseudolabels."""
    task, config = run.task(), run.config()
    splits = run.splits(task, config)
    matrices, _ = label_model_votes(task, run.load_matrices(splits), splits, config)
    fitted = aggregate(task, matrices, splits, config)
    run.write_pseudolabels(task, matrices["train"], fitted.proba, splits["train"])
    return fitted


def diagnose_run(run: RunDir) -> Diagnostics:
    """Stage 4 alone on a run directory: diagnostics of the saved matrices."""
    task, config = run.task(), run.config()
    splits = run.splits(task, config)
    diagnostics = _diagnose(task, run.load_matrices(splits), splits)
    run.write_json("diagnostics.json", diagnostics.to_dict())
    return diagnostics


def distill_run(run: RunDir) -> DistilledModel:
    """Stage 6 alone on a run directory: train the classifier on the pseudolabels of the
    saved matrices (the label model refitted, as ``rerun`` does)."""
    task, config = run.task(), run.config()
    splits = run.splits(task, config)
    voting, _ = label_model_votes(task, run.load_matrices(splits), splits, config)
    fitted = aggregate(task, voting, splits, config)
    covered = voting["train"].covered()
    folds = fold_pseudolabels(task, voting, splits, config, (fitted.name, fitted.params), covered)
    return distill(run, splits, covered, fitted.proba, config, folds)


def rerun(
    run: RunDir,
    *,
    task: Task | None = None,
    config: RunConfig | None = None,
    splits: dict[str, Dataset] | None = None,
    progress: Progress | None = None,
    keep_choices: bool = False,
    reuse_votes: bool = False,
) -> dict[str, Any]:
    """Everything after synthesis, from the programs on disk: no LLM call.

    After editing, disabling or adding program files by hand (or changing the task's classes),
    this re-validates every program, re-executes (unchanged programs come from the vote cache),
    re-aggregates and re-distills. The stages hand their results on in memory; ``task``,
    ``config`` and ``splits`` are read from the run directory when not given.

    ``keep_choices``: refit the label model and the end model the last run chose on dev
    (``choices.Choices``) instead of choosing them again; ``reuse_votes``: execute only the
    programs whose saved votes are missing or stale (``apply_programs``). Progress events name
    each stage as it starts (``{"stage": "label_model"}``; ``"distill"`` with the folds trained,
    ``done`` of ``total``; ...).
    """
    task = task or run.task()
    config = config or run.config()
    splits = splits or run.splits(task, config)
    kept = Choices.read(run) if keep_choices else None
    if keep_choices and kept is None:
        logger.info("No choice recorded yet (no summary.json): choosing on dev.")

    def stage(name: str, **details: Any) -> None:
        if progress is not None:
            progress({"stage": name, **details})

    programs = enabled_programs(run, task)
    matrices = apply_programs(
        run, task, programs, splits, config, progress=progress, reuse=reuse_votes
    )
    stage("label_model")
    voting, ignored = label_model_votes(task, matrices, splits, config)
    fitted = aggregate(
        task,
        voting,
        splits,
        config,
        None if kept is None else (kept.label_model, kept.label_model_params),
    )
    run.write_pseudolabels(task, voting["train"], fitted.proba, splits["train"])
    learned = getattr(fitted.model, "accuracies_", None)
    diagnostics = _diagnose(
        task, matrices, splits, None if learned is None else learned[: len(programs)]
    )
    run.write_json("diagnostics.json", diagnostics.to_dict())
    covered = voting["train"].covered()
    folds = fold_pseudolabels(task, voting, splits, config, (fitted.name, fitted.params), covered)
    stage("distill", done=0, total=0)
    keep_end = (
        None
        if kept is None or kept.featurizer is None or kept.members is None
        else (kept.featurizer, kept.members)
    )
    distilled = distill(
        run,
        splits,
        covered,
        fitted.proba,
        config,
        folds,
        keep_end,
        lambda done, total: stage("distill", done=done, total=total),
    )
    stage("evaluate")
    dev_only = dev_only_baseline(
        task, splits, config, distilled.classifier_.kinds, distilled.featurizer_.name
    )
    predictions = predict_splits(task, splits, voting, fitted.model, distilled, dev_only)
    run.write_predictions(predictions)
    chosen = run.read_json("distill.json", missing_ok=True) if folds is not None else None
    summary = {
        "task": task.name,
        "programs": [p.id for p in programs],
        "label_model": {"name": fitted.name, "params": fitted.params, "dev_scores": fitted.scores},
        "choices": Choices.from_dict(
            {"label_model": {"name": fitted.name, "params": fitted.params}, "end_model": chosen}
        ).to_dict(),
        "kept_choices": kept is not None,
        "ignored_votes": ignored,
        "coverage": {s: float((m.votes >= 0).any(axis=1).mean()) for s, m in matrices.items()},
        "evaluation": score_predictions(task, splits, predictions),
        # The distilled model's probabilities against the test labels (never fitted on them).
        "calibration": {
            split: calibration(distilled.predict_proba(data.frame), np.asarray(data.gold))
            for split, data in splits.items()
            if split == "test" and data.has_gold
        },
        "end_model": _end_model(run, distilled),
        "synthesis": run.read_json("synthesis.json", missing_ok=True),
        "ledger": run.open_ledger(config).totals(),
    }
    stage("report")
    run.write_json("summary.json", summary)
    report = run.write_text("report.md", render_report(task, summary, diagnostics))
    overview = Overview.build(
        task,
        summary,
        diagnostics.to_dict(),
        matrices["train"],
        (covered, fitted.proba),
        run.open_ledger(config),
        {s: f for s in splits if (f := run.read_json(f"baseline/{s}.json", missing_ok=True))},
    )
    run.write_text("report.html", render_report_html(overview))
    logger.info("Done: %s (and report.html)", report)
    return summary


def _end_model(run: RunDir, distilled: DistilledModel) -> dict[str, Any]:
    """Which model the dev split made the end model and why (``distill.json``; {} where the
    reference did not compete: no dev labels)."""
    if distilled.reference_ is None:
        return {}
    chosen = run.read_json("distill.json", missing_ok=True) or {}
    return {"model": chosen["end_model"], "why": chosen["why"]} if "why" in chosen else {}


__all__ = [
    "PREDICTION_COLUMNS",
    "Progress",
    "aggregate_run",
    "apply_programs",
    "diagnose_run",
    "distill_run",
    "enabled_programs",
    "ensure_programs",
    "load_splits",
    "predict",
    "rerun",
    "run_pipeline",
]
