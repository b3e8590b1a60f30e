"""The whole pipeline over one run directory: synthesize, execute, aggregate, distill, report.

The stages are composed in memory: within one run the task, configuration, data splits, label
matrices and pseudolabels are passed from stage to stage, and written to the run directory
(``alchemist.rundir``) only as records to resume from, audit, or re-run one stage alone. The
``*_run`` functions are those single stages, reading what earlier stages saved.

Messages go to the ``alchemist`` logger; progress goes to an optional ``progress`` callback
that receives one dict per event (``{"stage": "synthesis" | "gate" | "execute", ...}``). The
library draws nothing: the command line turns events into progress bars.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist import concepts
from alchemist.analysis import Diagnostics, diagnose
from alchemist.concepts.tables import synthesizer
from alchemist.data import Dataset, read_table
from alchemist.devsplit import (
    add_dev_classifier,
    dev_only_baseline,
    distill_with_gold,
    evaluate,
    search_programs,
)
from alchemist.distill import DistilledModel, default_featurizer
from alchemist.errors import DataError, RunError, SynthesisError
from alchemist.execution import Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import DEFAULT_LABEL_MODEL, choose_label_model, make_label_model
from alchemist.llm import Provider
from alchemist.overview import Overview
from alchemist.programs import Program
from alchemist.quality import GatePolicy, ImproveResult, ImproveSettings, improve
from alchemist.report import render_report, render_report_html
from alchemist.rundir import RunConfig, RunDir, archive_programs, init_run, load_splits
from alchemist.supplementary import GeneratedSupplementary, draw_exemplars, generate_supplementary
from alchemist.task import Task

logger = logging.getLogger(__name__)

Progress = Callable[[dict[str, Any]], None]


def ensure_programs(run: RunDir, task: Task, config: RunConfig, *,
                    provider: Provider | None = None, splits: dict[str, Dataset] | None = None,
                    progress: Progress | None = None) -> list[Program]:
    """Programs on disk, topped up to ``config.n_programs`` when some are missing: by plain
    synthesis, or by the quality loop when ``config.quality_loop``."""
    existing = run.programs.load(include_disabled=True)
    enabled = [p for p in existing if p.enabled]
    # Search covers text and table rows; concepts and per-column prompts write in one shot.
    searched = (config.search and not config.quality_loop and not config.per_attribute
                and task.modality in ("text", "tabular"))
    if len(enabled) >= config.n_programs or (searched and enabled
                                             and (run.folder / "search.json").exists()):
        logger.info("Using the %d programs in %s (no LLM call).", len(enabled),
                    run.programs.folder)
        return enabled
    llm, ledger = config.open_llm(provider), run.open_ledger(config)
    splits = splits or load_splits(task, config)
    prompt_task = _prompt_task(run, task, config, splits, ledger.meter(llm, "supplementary"))
    provider = ledger.meter(llm, "synthesis")
    started = time.perf_counter()
    if config.quality_loop:
        result = _improve(run, prompt_task, config, splits, provider, enabled,
                          _next_seed(existing, config.seed), progress)
        calls, failures, candidates = result.n_llm_calls, result.failures, result.candidates
    elif searched:
        found = search_programs(run, prompt_task, config, splits, provider,
                                config.execution())
        calls, failures = found.n_llm_calls, found.failures
        candidates = [c.program for c in found.candidates]
    else:
        missing = config.n_programs - len(enabled)
        logger.info("Generating %d program(s) with %s:%s...", missing, config.provider.kind,
                    config.provider.model)
        batch = synthesizer(config.per_attribute, splits["train"].frame)(
            prompt_task, provider, n=missing, params=config.sampling,
            seed=_next_seed(existing, config.seed), strategies=config.strategies,
            store=run.programs, known=existing, raise_if_empty=False, progress=progress)
        calls, failures, candidates = batch.n_calls, batch.failures, batch.programs
    seconds = time.perf_counter() - started
    # Generation speed from the programs' own calls that reached the model (not the cache).
    fresh = [p.provenance for p in candidates if not p.provenance.get("cached")]
    out_tokens = sum(p.get("output_tokens", 0) for p in fresh)
    model_seconds = sum(p.get("seconds", 0.0) for p in fresh)
    speed = out_tokens / model_seconds if model_seconds > 0 else 0.0
    programs = [p for p in run.programs.load() if p.enabled]
    run.write_json("synthesis.json", {
        "seconds": seconds, "llm_calls": calls, "programs": len(programs),
        "failures": failures, "output_tokens": out_tokens, "tokens_per_second": speed})
    logger.info("%d program(s) in use, %d answer(s) rejected, %d LLM call(s), %.0f s, "
                "%.1f tokens/s.", len(programs), len(failures), calls, seconds, speed)
    if not programs:
        raise SynthesisError("No valid program was generated. See synthesis.json in "
                             f"{run.folder} for the model's answers; try a stronger model.",
                             path=str(run.folder))
    return programs


def _next_seed(programs: list[Program], seed: int) -> int:
    """The seed after the last one a stored program was written with (``seed`` when none): a
    resumed run asks on from where the killed one got, and an answer it had paid for but not
    yet stored comes back from the response cache."""
    used = [p.provenance.get("params", {}).get("seed") for p in programs]
    return max([seed - 1] + [s for s in used if isinstance(s, int)]) + 1


def _prompt_task(run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset],
                 provider: Provider) -> Task:
    """The task as the prompts see it: with LLM-drafted supplementary information (drafted
    once into ``supplementary.yaml``, which a person may edit) and dev-split exemplars."""
    if config.supplementary == "generate":
        path = run.folder / "supplementary.yaml"
        if path.exists():
            drafted = GeneratedSupplementary.load(path, task)
        else:
            logger.info("Drafting supplementary information (dataset, classes, keywords, "
                        "rules)...")
            drafted = generate_supplementary(task, provider, seed=config.seed)
            drafted.save(path)
        task = drafted.apply(task)
    dev = splits.get("dev")
    if config.exemplars_per_class and dev is not None and dev.gold is not None \
            and dev.has_gold and not task.supplementary.exemplars:
        exemplars = draw_exemplars(dev.items, dev.gold, task,
                                   per_class=config.exemplars_per_class, seed=config.seed)
        task = replace(task, supplementary=replace(task.supplementary, exemplars=exemplars))
    return task


def _improve(run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset],
             provider: Provider, initial: list[Program], seed: int,
             progress: Progress | None) -> ImproveResult:
    """The quality loop, judged on the training items plus the dev split (whose gold labels
    let the gate measure accuracy); every candidate lands in the store, dropped ones disabled."""
    train, dev = splits["train"], splits.get("dev")
    items = train.items + (dev.items if dev is not None else [])
    gold = None if dev is None or not dev.has_gold else np.concatenate(
        [np.full(len(train), -1), dev.gold])
    settings = ImproveSettings(
        target=config.n_programs, max_llm_calls=config.llm_call_cap,
        policy=GatePolicy(min_coverage=config.min_coverage, min_accuracy=config.min_accuracy),
        params=config.sampling, strategies=config.strategies, seed=seed)
    logger.info("Quality loop: up to %d LLM calls for %d useful programs...",
                settings.max_llm_calls, settings.target)
    with Executor(config.execution()) as executor:
        result = improve(task, provider, executor, items, settings, store=run.programs,
                         gold=gold, initial=initial, progress=progress)
    run.write_json("quality.json", result.to_dict())
    logger.info("Kept %d program(s), dropped %d, %d repaired.", len(result.programs),
                len(result.dropped), result.n_repairs)
    return result


def apply_programs(run: RunDir, task: Task, programs: list[Program],
                   splits: dict[str, Dataset], config: RunConfig, *,
                   progress: Progress | None = None) -> dict[str, LabelMatrix]:
    """Run every program over every split in isolated workers; save the label matrices."""
    matrices = {}
    with Executor(config.execution()) as executor:
        for split, dataset in splits.items():
            total = len(programs) * len(dataset)
            if progress is not None:
                executor.progress = _cells(progress, split, total)
            matrices[split] = executor.run(programs, dataset.items, task.class_ids)
            run.save_matrix(split, matrices[split])
    return matrices


def _cells(progress: Progress, split: str, total: int) -> Callable[[int], None]:
    done = 0

    def update(n: int) -> None:
        nonlocal done
        done += n
        progress({"stage": "execute", "split": split, "done": done, "total": total})

    return update


@dataclass
class Aggregation:
    name: str
    params: dict[str, Any]
    model: Any
    proba: np.ndarray      # (n_train, k)
    scores: dict[str, float]


def aggregate(task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset],
              config: RunConfig) -> Aggregation:
    """Fit the label model on the training votes; choose it on the dev split when one exists."""
    train = matrices["train"].votes
    k = task.n_classes
    dev = splits.get("dev")
    if config.label_model == "auto" and dev is not None and dev.gold is not None \
            and dev.has_gold:
        selection = choose_label_model(train, matrices["dev"].votes, dev.gold, k,
                                       seed=config.seed)
        if selection.scores:
            logger.info("Label model chosen on the dev split: %s %s (cross-validated dev "
                        "accuracy %.3f).", selection.name, selection.params,
                        max(selection.scores.values()))
        else:
            logger.info("No dev row has a vote: using the default label model %s.",
                        selection.name)
        name, params, model, scores = (selection.name, selection.params, selection.model,
                                       selection.scores)
    else:
        name = DEFAULT_LABEL_MODEL if config.label_model == "auto" else config.label_model
        model = make_label_model(name, seed=config.seed).fit(train, k)
        params, scores = {}, {}
    return Aggregation(name, params, model, model.predict_proba(train), scores)


def distill(run: RunDir, splits: dict[str, Dataset], covered: np.ndarray, proba: np.ndarray,
            config: RunConfig) -> DistilledModel:
    """Train the small classifier on the covered training rows' soft labels, and save it."""
    if covered.sum() < 2:
        raise RunError("The programs voted on fewer than 2 training rows: nothing to distill. "
                       "Check the programs' diagnostics and regenerate them.",
                       path=str(run.folder), split="train")
    train = splits["train"].subset(np.flatnonzero(covered))
    dev = splits.get("dev")
    task = splits["train"].task
    featurizer = (default_featurizer(task.modality) if config.featurizer == "auto"
                  else config.featurizer)
    model = distill_with_gold(run, splits, covered, proba, config) or DistilledModel(
        featurizer=featurizer, seed=config.seed).fit(
        train.frame, proba[covered], dev_frame=None if dev is None else dev.frame,
        dev_gold=None if dev is None else dev.gold)
    run.replace_folder(run.model_dir.name, model.save)
    return model


def run_pipeline(task: Task, config: RunConfig, folder: str | Path, *,
                 fresh_programs: bool = False, provider: Provider | None = None,
                 progress: Progress | None = None) -> dict[str, Any]:
    """Every stage, in order, in ``folder``; returns the summary also saved as summary.json.

    ``provider`` replaces the configured model (still metered in the run's ledger).
    """
    run = init_run(folder, task, config)
    if fresh_programs:
        archive_programs(run)
    splits = load_splits(task, config)
    logger.info("Data: %s", ", ".join(f"{s} {len(d)} rows" for s, d in splits.items()))
    if concepts.needed(task, config.representation):
        llm = run.open_ledger(config).meter(config.open_llm(provider), "concepts")
        task, config, splits = concepts.score_run(run.folder, task, config, splits, llm)
    ensure_programs(run, task, config, provider=provider, splits=splits, progress=progress)
    return rerun(run, task=task, config=config, splits=splits, progress=progress)


def enabled_programs(run: RunDir, task: Task) -> list[Program]:
    """The run's enabled programs, read for the task's function name (a hand-written file
    has no metadata to say it)."""
    programs = [replace(p, function_name=task.function_name)
                for p in run.programs.load() if p.enabled]
    if not programs:
        raise RunError(f"No enabled program in {run.programs.folder}. "
                       "Enable one or run `alchemist run` to generate some.",
                       path=str(run.programs.folder))
    return programs


def _diagnose(task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset],
              learned_accuracies: np.ndarray | None = None) -> Diagnostics:
    """Diagnostics on the dev matrix when there is one, else on the training matrix."""
    split = "dev" if "dev" in splits else "train"
    return diagnose(matrices[split], task.n_classes, gold=splits[split].gold,
                    learned_accuracies=learned_accuracies)


def aggregate_run(run: RunDir) -> Aggregation:
    """Stage 5 alone on a run directory: label model over the saved matrices -> pseudolabels."""
    task, config = run.task(), run.config()
    splits = load_splits(task, config)
    matrices = add_dev_classifier(task, run.load_matrices(splits), splits, config)
    fitted = aggregate(task, matrices, splits, config)
    run.write_pseudolabels(task, matrices["train"], fitted.proba)
    return fitted


def diagnose_run(run: RunDir) -> Diagnostics:
    """Stage 4 alone on a run directory: diagnostics of the saved matrices."""
    task, config = run.task(), run.config()
    splits = load_splits(task, config)
    diagnostics = _diagnose(task, run.load_matrices(splits), splits)
    run.write_json("diagnostics.json", diagnostics.to_dict())
    return diagnostics


def distill_run(run: RunDir) -> DistilledModel:
    """Stage 6 alone on a run directory: train the classifier on the saved pseudolabels."""
    task, config = run.task(), run.config()
    covered, proba = run.read_pseudolabels(task)
    return distill(run, load_splits(task, config), covered, proba, config)


def rerun(run: RunDir, *, task: Task | None = None, config: RunConfig | None = None,
          splits: dict[str, Dataset] | None = None,
          progress: Progress | None = None) -> dict[str, Any]:
    """Everything after synthesis, from the programs on disk: no LLM call.

    After editing, disabling or adding program files by hand (or changing the task's classes),
    this re-validates every program, re-executes (unchanged programs come from the vote cache),
    re-aggregates and re-distills. The stages hand their results on in memory; ``task``,
    ``config`` and ``splits`` are read from the run directory when not given.
    """
    task = task or run.task()
    config = config or run.config()
    splits = splits or load_splits(task, config)
    programs = enabled_programs(run, task)
    matrices = apply_programs(run, task, programs, splits, config, progress=progress)
    voting = add_dev_classifier(task, matrices, splits, config)
    fitted = aggregate(task, voting, splits, config)
    run.write_pseudolabels(task, voting["train"], fitted.proba)
    learned = getattr(fitted.model, "accuracies_", None)
    diagnostics = _diagnose(task, matrices, splits,
                            None if learned is None else learned[:len(programs)])
    run.write_json("diagnostics.json", diagnostics.to_dict())
    covered = voting["train"].covered()
    distilled = distill(run, splits, covered, fitted.proba, config)
    summary = {
        "task": task.name,
        "programs": [p.id for p in programs],
        "label_model": {"name": fitted.name, "params": fitted.params,
                        "dev_scores": fitted.scores},
        "coverage": {s: float((m.votes >= 0).any(axis=1).mean()) for s, m in matrices.items()},
        "evaluation": evaluate(task, splits, voting, fitted.model, distilled,
                               dev_only_baseline(task, splits, config)),
        "synthesis": run.read_json("synthesis.json", missing_ok=True),
        "ledger": run.open_ledger(config).totals(),
    }
    run.write_json("summary.json", summary)
    report = run.write_text("report.md", render_report(task, summary, diagnostics))
    overview = Overview.build(
        task, summary, diagnostics.to_dict(), matrices["train"], (covered, fitted.proba),
        run.open_ledger(config),
        {s: f for s in splits if (f := run.read_json(f"baseline/{s}.json", missing_ok=True))})
    run.write_text("report.html", render_report_html(overview))
    logger.info("Done: %s (and report.html)", report)
    return summary


PREDICTION_COLUMNS = ("label", "label_name", "confidence")


def predict(folder: str | Path, data: str, *, limit: int | None = None,
            prefix: str = "predicted_") -> pd.DataFrame:
    """Label new data with a run's distilled model alone: no LLM, no programs.

    Gives every column of ``data`` as it was, plus ``<prefix>label`` (class id),
    ``<prefix>label_name`` and ``<prefix>confidence``. A column of the data is never replaced:
    when one already has such a name, ``DataError`` names it and the way out (another prefix).
    """
    run = RunDir(folder)
    task = run.task()
    table = read_table(data, task, limit=limit)
    names = [f"{prefix}{column}" for column in PREDICTION_COLUMNS]
    clash = [name for name in names if name in table.columns]
    if clash:
        raise DataError(f"the data already has column(s) {clash}, and predictions never replace "
                        f"a column of yours. Choose other names with --prefix (now {prefix!r}).",
                        path=str(data))
    dataset = concepts.rescore(run.folder, table, task, source=str(data))
    proba = DistilledModel.load(run.model_dir).predict_proba(dataset.frame)
    index = proba.argmax(axis=1)
    out = table.copy()
    out[names[0]] = [task.classes[i].id for i in index]
    out[names[1]] = [task.classes[i].name for i in index]
    out[names[2]] = proba.max(axis=1)
    return out


__all__ = [
    "PREDICTION_COLUMNS", "Aggregation", "Progress", "aggregate", "aggregate_run",
    "apply_programs", "diagnose_run", "distill", "distill_run", "enabled_programs",
    "ensure_programs", "evaluate", "predict", "rerun", "run_pipeline",
]
