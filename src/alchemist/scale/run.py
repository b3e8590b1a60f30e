"""A whole run over data larger than memory: ``alchemist run TASK BIG --stream`` on one
machine, or ``--cluster ADDRESS`` (``local`` or a scheduler's) with execution on Dask.

The stages are those of ``alchemist.run.pipeline`` with the training data streamed: programs are
synthesized from the first chunk (the prompts need a sample, not the table); the label matrix is
written as parts (``matrices/train/``); the label model is fitted, or chosen on the dev split,
from the merged vote patterns; pseudolabels are written part by part; the distilled model is
the hashing featurizer + MLP trained in minibatches. The dev and test splits are small labeled
files held in memory as in any run; they score the label model and the distilled model. Running
the same command again resumes: the programs on disk, the parts already written and the vote
cache are reused.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alchemist.data.dataset import Dataset, load_dataset
from alchemist.diagnostics import diagnose
from alchemist.errors import RunError
from alchemist.llm import Provider
from alchemist.report.render import render_report
from alchemist.run.folder import RunDir, archive_programs, init_run
from alchemist.run.pipeline import (
    Progress,
    apply_programs,
    enabled_programs,
    ensure_programs,
)
from alchemist.run.scoring import evaluate
from alchemist.run.settings import RunConfig
from alchemist.scale import progress as scale_progress
from alchemist.scale.distributed import distributed_execute
from alchemist.scale.parts import MatrixParts
from alchemist.scale.reading import iter_chunks
from alchemist.scale.settings import LOCAL_CLUSTER, ScaleSettings
from alchemist.scale.streaming import (
    fit_from_parts,
    stream_distill,
    stream_execute,
    write_pseudolabels,
)
from alchemist.task import Task

logger = logging.getLogger(__name__)

_SETTINGS = ScaleSettings()


def run_streamed(
    task: Task,
    config: RunConfig,
    folder: str | Path,
    settings: ScaleSettings = _SETTINGS,
    *,
    fresh_programs: bool = False,
    provider: Provider | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every stage over ``config.data`` in chunks (see the module docstring); the summary."""
    if config.dev_size or config.limit:
        raise RunError(
            "--dev-size and --limit need the whole data in memory; a streamed run "
            "takes a --dev file for the dev split (and no row limit)."
        )
    run = init_run(folder, task, config)
    if fresh_programs:
        archive_programs(run)
    splits = _small_splits(task, config)
    sample = next(iter_chunks(config.data, task, chunk_rows=settings.chunk_rows)).data
    ensure_programs(
        run, task, config, provider=provider, splits={"train": sample, **splits}, progress=progress
    )
    programs = enabled_programs(run, task)
    events = _events(progress)
    parts = _execute(run, task, config, settings, programs, events)
    matrices = apply_programs(run, task, programs, splits, config, progress=progress)
    dev = splits.get("dev")
    fitted = fit_from_parts(
        parts,
        task,
        config.label_model,
        dev_votes=matrices["dev"].votes if dev is not None else None,
        dev_gold=dev.gold if dev is not None else None,
        seed=config.seed,
    )
    logger.info(
        "Label model %s fitted on the vote patterns of %d parts.", fitted.name, len(parts.done())
    )
    write_pseudolabels(parts, fitted.model, task, run.pseudolabels_path, progress=events)
    distilled = stream_distill(
        config.data,
        run.pseudolabels_path,
        task,
        settings=settings,
        seed=config.seed,
        dev=dev,
        progress=events,
    )
    run.replace_folder(run.model_dir.name, distilled.save)
    shown = matrices["dev"] if dev is not None else parts.read(min(parts.done()))[1]
    diagnostics = diagnose(
        shown,
        task.n_classes,
        gold=dev.gold if dev is not None else None,
        learned_accuracies=getattr(fitted.model, "accuracies_", None),
    )
    run.write_json("diagnostics.json", diagnostics.to_dict())
    execution = parts.summary()
    summary = {
        "task": task.name,
        "programs": [p.id for p in programs],
        "label_model": {"name": fitted.name, "params": fitted.params, "dev_scores": fitted.scores},
        "coverage": {
            "train": execution["coverage"],
            **{s: float((m.votes >= 0).any(axis=1).mean()) for s, m in matrices.items()},
        },
        "evaluation": evaluate(task, splits, matrices, fitted.model, distilled),
        "streamed": {
            "rows": execution["rows"],
            "chunk_rows": settings.chunk_rows,
            "cluster": settings.cluster,
            "failures": execution["failures"],
        },
        "synthesis": run.read_json("synthesis.json", missing_ok=True),
        "ledger": run.open_ledger(config).totals(),
    }
    run.write_json("summary.json", summary)
    report = run.write_text("report.md", render_report(task, summary, diagnostics))
    logger.info("Done: %s", report)
    return summary


def _small_splits(task: Task, config: RunConfig) -> dict[str, Dataset]:
    splits = {}
    if config.dev:
        splits["dev"] = load_dataset(config.dev, task, require_gold=True)
    if config.test:
        splits["test"] = load_dataset(config.test, task, require_gold=True)
    return splits


def _execute(
    run: RunDir,
    task: Task,
    config: RunConfig,
    settings: ScaleSettings,
    programs: list[Any],
    events: scale_progress.ProgressCallback,
) -> MatrixParts:
    folder = run.folder / "matrices" / "train"
    execution = config.execution()
    if settings.cluster is None:
        return stream_execute(
            programs,
            config.data,
            task,
            folder,
            chunk_rows=settings.chunk_rows,
            config=execution,
            progress=events,
        )
    return distributed_execute(
        programs, config.data, task, folder, settings=settings, config=execution, progress=events
    )


def _events(progress: Progress | None) -> scale_progress.ProgressCallback:
    def forward(event: scale_progress.Progress) -> None:
        if progress is not None:
            progress(event.as_event("train"))

    return forward


__all__ = ["LOCAL_CLUSTER", "ScaleSettings", "run_streamed"]
