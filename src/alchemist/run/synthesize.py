"""Stage 2 of a run: the programs on disk, topped up to ``config.n_programs`` when some are
missing (``pipeline.run_pipeline`` calls it; ``alchemist synthesize`` runs it alone).

By the run's ``generator`` the missing programs come from the program search (``search``, the
default, for every modality: text, table rows, concept scores, raw series or pixels;
``search_programs``), the quality loop (``loop``: gate, repair and regenerate) or one-shot
synthesis (``oneshot``, ungated). Both gated generators use the run's gate
(``RunConfig.gate``: the generator's defaults with the run's ``min_coverage`` and
``min_accuracy``).
The prompts see the task with what the settings add to it: LLM-drafted supplementary information
(``supplementary.yaml``, editable) and exemplars drawn from the dev split.

Messages go to the ``alchemist`` logger and progress events to the ``progress`` callback;
``synthesis.json`` records the time, LLM calls and rejected answers.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.distill.do_no_harm import out_of_fold_reference
from alchemist.distill.featurizers import featurizer_candidates
from alchemist.errors import DistillError, SynthesisError
from alchemist.execution import ExecutionConfig, Executor
from alchemist.llm import Provider
from alchemist.programs import Program
from alchemist.run.folder import RunDir, labeled_dev, load_splits
from alchemist.run.settings import RunConfig
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.gate import ProgramGate
from alchemist.synthesis.oneshot import Progress, synthesize
from alchemist.synthesis.per_attribute import synthesize_per_attribute
from alchemist.synthesis.quality import improve
from alchemist.synthesis.quality_settings import ImproveResult, ImproveSettings
from alchemist.synthesis.search import SearchPolicy, SearchResult, search
from alchemist.synthesis.search_prompts import column_prompts
from alchemist.synthesis.supplementary import (
    GeneratedSupplementary,
    draw_exemplars,
    generate_supplementary,
)
from alchemist.task import Task

logger = logging.getLogger(__name__)


def ensure_programs(
    run: RunDir,
    task: Task,
    config: RunConfig,
    *,
    provider: Provider | None = None,
    splits: dict[str, Dataset] | None = None,
    progress: Progress | None = None,
) -> list[Program]:
    """Programs on disk, topped up to ``config.n_programs`` when some are missing: by the
    program search, the quality loop or plain synthesis, as the settings say."""
    existing = run.programs.load(include_disabled=True)
    enabled = [p for p in existing if p.enabled]
    searched = config.generator == "search"
    if len(enabled) >= config.n_programs or (
        searched and enabled and (run.folder / "search.json").exists()
    ):
        logger.info("Using the %d programs in %s (no LLM call).", len(enabled), run.programs.folder)
        return enabled
    llm, ledger = config.open_llm(provider), run.open_ledger(config)
    splits = splits or load_splits(task, config)
    prompt_task = _prompt_task(run, task, config, splits, ledger.meter(llm, "supplementary"))
    provider = ledger.meter(llm, "synthesis")
    started = time.perf_counter()
    if config.generator == "loop":
        result = _improve(
            run,
            prompt_task,
            config,
            splits,
            provider,
            enabled,
            _next_seed(existing, config.seed),
            progress,
        )
        calls, failures, candidates = result.n_llm_calls, result.failures, result.candidates
    elif searched:
        found = search_programs(
            run, prompt_task, config, splits, provider, config.execution(), progress
        )
        calls, failures = found.n_llm_calls, found.failures
        candidates = [c.program for c in found.candidates]
    else:
        missing = config.n_programs - len(enabled)
        logger.info(
            "Generating %d program(s) with %s:%s...",
            missing,
            config.provider.kind,
            config.provider.model,
        )
        per_column = config.per_attribute
        generate = synthesize_per_attribute if per_column else synthesize
        batch = generate(
            prompt_task,
            provider,
            n=missing,
            asking=Asking(
                params=config.sampling,
                seed=_next_seed(existing, config.seed),
                strategies=config.strategies_for(task),
                # the one-shot columns start at the first (the search's at a seeded one)
                focus=column_prompts(prompt_task, splits["train"].frame) if per_column else (),
            ),
            store=run.programs,
            known=existing,
            progress=progress,
        )
        calls, failures, candidates = batch.n_calls, batch.failures, batch.programs
    seconds = time.perf_counter() - started
    # Generation speed from the programs' own calls that reached the model (not the cache).
    fresh = [p.provenance for p in candidates if not p.provenance.get("cached")]
    out_tokens = sum(p.get("output_tokens", 0) for p in fresh)
    # calls decoded together overlap in time: never more seconds than the stage took
    model_seconds = min(sum(p.get("seconds", 0.0) for p in fresh), seconds)
    speed = out_tokens / model_seconds if model_seconds > 0 else 0.0
    programs = [p for p in run.programs.load() if p.enabled]
    run.write_json(
        "synthesis.json",
        {
            "seconds": seconds,
            "llm_calls": calls,
            "programs": len(programs),
            "failures": failures,
            "output_tokens": out_tokens,
            "tokens_per_second": speed,
        },
    )
    logger.info(
        "%d program(s) in use, %d answer(s) rejected, %d LLM call(s), %.0f s, %.1f tokens/s.",
        len(programs),
        len(failures),
        calls,
        seconds,
        speed,
    )
    if not programs and searched and candidates:
        raise SynthesisError(
            f"The program search kept none of its {len(candidates)} candidate(s): each was "
            f"dropped for the reason search.json in {run.folder} gives. Try more --candidates, "
            "a stronger model, or --generator oneshot to use programs ungated.",
            path=str(run.folder),
        )
    if not programs:
        raise SynthesisError(
            "No valid program was generated. See synthesis.json in "
            f"{run.folder} for the model's answers; try a stronger model.",
            path=str(run.folder),
        )
    return programs


def _next_seed(programs: list[Program], seed: int) -> int:
    """The seed after the last one a stored program was written with (``seed`` when none): a
    resumed run asks on from where the killed one got, and an answer it had paid for but not
    yet stored comes back from the response cache."""
    used = [p.provenance.get("params", {}).get("seed") for p in programs]
    return max([seed - 1] + [s for s in used if isinstance(s, int)]) + 1


def _prompt_task(
    run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset], provider: Provider
) -> Task:
    """The task as the prompts see it: with LLM-drafted supplementary information (drafted
    once into ``supplementary.yaml``, which a person may edit) and dev-split exemplars."""
    if config.supplementary == "generate":
        path = run.folder / "supplementary.yaml"
        if path.exists():
            drafted = GeneratedSupplementary.load(path, task)
        else:
            logger.info("Drafting supplementary information (dataset, classes, keywords, rules)...")
            drafted = generate_supplementary(task, provider, seed=config.seed)
            drafted.save(path)
        task = drafted.apply(task)
    dev = splits.get("dev")
    if (
        config.exemplars_per_class
        and dev is not None
        and dev.gold is not None
        and dev.has_gold
        and not task.supplementary.exemplars
    ):
        exemplars = draw_exemplars(
            dev.items, dev.gold, task, per_class=config.exemplars_per_class, seed=config.seed
        )
        task = replace(task, supplementary=replace(task.supplementary, exemplars=exemplars))
    return task


def _improve(
    run: RunDir,
    task: Task,
    config: RunConfig,
    splits: dict[str, Dataset],
    provider: Provider,
    initial: list[Program],
    seed: int,
    progress: Progress | None,
) -> ImproveResult:
    """The quality loop, judged on the training items plus the dev split (whose gold labels
    let the gate measure accuracy); every candidate lands in the store, dropped ones disabled."""
    train, dev = splits["train"], splits.get("dev")
    rows = Rows(
        train.items,
        dev.items if dev is not None else (),
        dev.gold if dev is not None and dev.has_gold else None,
    )
    settings = ImproveSettings(
        target=config.n_programs,
        max_llm_calls=config.llm_call_cap,
        gate=config.gate() or ProgramGate(),
        asking=Asking(params=config.sampling, strategies=config.strategies_for(task), seed=seed),
    )
    logger.info(
        "Quality loop: up to %d LLM calls for %d useful programs...",
        settings.max_llm_calls,
        settings.target,
    )
    with Executor(config.execution()) as executor:
        result = improve(
            task,
            provider,
            executor,
            rows,
            settings,
            store=run.programs,
            initial=initial,
            progress=progress,
        )
    run.write_json("quality.json", result.to_dict())
    logger.info(
        "Kept %d program(s), dropped %d, %d repaired.",
        len(result.programs),
        len(result.dropped),
        result.n_repairs,
    )
    return result


def reference_on_dev(task: Task, config: RunConfig, dev: Dataset) -> np.ndarray | None:
    """Per dev row, the probability that the strongest simple model on the other dev labels
    gives its gold class, out of fold (``distill.do_no_harm.out_of_fold_reference``; NaN where
    the gold is unknown): what the search counts a program's additions against. None, with a
    warning, where it cannot be fitted (the search then ranks by accuracy alone)."""
    assert dev.gold is not None
    gold = np.asarray(dev.gold)
    known = np.flatnonzero(gold >= 0)
    auto = config.featurizer == "auto"
    names = featurizer_candidates(task.modality) if auto else [config.featurizer]
    started = time.perf_counter()
    try:
        proba = out_of_fold_reference(
            dev.frame.iloc[known].reset_index(drop=True),
            gold[known],
            n_classes=task.n_classes,
            featurizers=names,
            seed=config.seed,
        )
    except DistillError as e:
        logger.warning("No reference for the search to count additions against: %s", e)
        return None
    if proba is None:
        return None
    on_gold = np.full(len(gold), np.nan)
    on_gold[known] = proba[np.arange(len(known)), gold[known]]
    logger.info(
        "The dev labels alone (out of fold) miss %d of %d dev rows; the search ranks programs "
        "by what they add there (%.1f s).",
        int((on_gold[known] < 0.5).sum()),
        len(known),
        time.perf_counter() - started,
    )
    return on_gold


def search_programs(
    run: RunDir,
    task: Task,
    config: RunConfig,
    splits: dict[str, Dataset],
    provider: Provider,
    execution: ExecutionConfig,
    progress: Progress | None = None,
) -> SearchResult:
    """The program search with the run's settings; its verdicts land in ``search.json``;
    ``progress`` hears of each LLM call as it settles."""
    train, dev = splits["train"], labeled_dev(splits)
    policy = SearchPolicy(
        gate=config.gate() or ProgramGate(),
        n_programs=config.n_programs,
        candidates=config.search_candidates,
        refinements=config.search_refinements,
        concurrency=config.provider.concurrency,
    )
    logger.info(
        "Program search: at most %d LLM calls (%d candidates, up to %d refinements on dev)...",
        policy.budget,
        policy.candidates,
        policy.refinements,
    )
    with Executor(execution) as executor:
        asking = Asking(
            params=config.sampling,
            seed=config.seed,
            strategies=config.strategies_for(task),
            focus=column_prompts(task, train.frame, seed=config.seed)
            if config.per_attribute and task.modality == "tabular"
            else (),
        )
        rows = (
            Rows(train.items)
            if dev is None
            else Rows(train.items, dev.items, dev.gold, reference_on_dev(task, config, dev))
        )
        result = search(
            task,
            provider,
            executor,
            rows,
            policy=policy,
            asking=asking,
            store=run.programs,
            progress=progress,
        )
    run.write_json("search.json", result.to_dict())
    dropped = sum(c.dropped is not None for c in result.candidates)
    logger.info(
        "Search kept %d of %d candidate(s) (%d dropped, %d answer(s) unusable).",
        len(result.programs),
        len(result.candidates),
        dropped,
        len(result.failures),
    )
    return result


__all__ = ["ensure_programs", "reference_on_dev", "search_programs"]
