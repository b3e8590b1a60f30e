"""The whole pipeline over one run directory: synthesize, execute, aggregate, distill, report.

A run directory holds everything a run made, so each stage can be re-run alone and a re-run
resumes instead of starting over::

    run.yaml            the RunConfig (data paths, model, sampling, label model, featurizer)
    task.yaml           a copy of the task
    programs/           <id>.py + <id>.json: readable programs with provenance; edit by hand
    matrices/<split>.npz  label matrices (train, dev, test)
    diagnostics.json    per-program and set diagnostics
    pseudolabels.parquet  label-model output on the training data
    model/              the distilled classifier (featurizer + MLP)
    ledger.jsonl        every LLM call: stage, model, tokens, cost
    synthesis.json      generation time, calls, rejected answers with reasons
    quality.json        the quality loop's kept and dropped programs (with --quality-loop)
    supplementary.yaml  LLM-drafted supplementary information, editable (--supplementary generate)
    baseline/<split>.*  zero-shot labels and figures (alchemist baseline)
    summary.json, report.md

Programs are never overwritten: a re-run reuses the programs on disk and generates only the
missing ones; ``fresh_programs`` moves the old ones to ``programs-archive/<time>/`` first.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from alchemist.analysis import diagnose
from alchemist.baseline import STAGE, comparison_table, method_cost, plan_zero_shot, zero_shot
from alchemist.data import Dataset, load_dataset
from alchemist.distill import DistilledModel, default_featurizer
from alchemist.distill.gold import cross_fitted_votes, fit_mixed, fit_with_gold
from alchemist.errors import RunError, SynthesisError
from alchemist.evaluation import score
from alchemist.execution import ExecutionConfig, Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import DEFAULT_LABEL_MODEL, choose_label_model, make_label_model
from alchemist.llm import (
    CachedProvider,
    Ledger,
    PriceTable,
    Provider,
    ProviderSpec,
    ResponseCache,
    RunPlan,
    SamplingParams,
    estimate_message_tokens,
    estimate_run,
    estimate_stage,
    make_provider,
)
from alchemist.paths import home
from alchemist.programs import Program, ProgramStore
from alchemist.quality import (
    GatePolicy,
    GeneratedSupplementary,
    draw_exemplars,
    generate_supplementary,
    improve,
)
from alchemist.search import SearchPolicy, SearchResult, search
from alchemist.synthesis import build_messages, synthesize
from alchemist.task import Task, load_task

SPLITS = ("train", "dev", "test")
Log = Callable[[str], None]


@dataclass
class RunConfig:
    """Everything a run needs besides the task. Saved as ``run.yaml`` in the run directory."""

    data: str
    dev: str | None = None
    test: str | None = None
    limit: int | None = None
    dev_size: int | None = None           # without `dev`: hold out this many labeled data rows
    n_programs: int = 10
    provider: ProviderSpec = field(default_factory=ProviderSpec)
    temperature: float = 0.7
    top_p: float = 0.95
    max_tokens: int = 512
    repeat_penalty: float = 1.1
    seed: int = 0
    strategies: tuple[str, ...] = ("default", "keywords", "regex")
    label_model: str = "auto"
    featurizer: str = "auto"
    call_timeout: float = 1.0
    workers: int | None = None
    budget_usd: float | None = None
    use_cache: bool = True
    # The quality loop (issue 6): gate, repair and regenerate until n_programs useful ones.
    quality_loop: bool = False
    max_llm_calls: int | None = None      # None: 3 x n_programs
    min_coverage: float = 0.10            # the paper's gate
    min_accuracy: float | None = None     # gate on dev-split accuracy (needs a dev split)
    supplementary: str = "task"           # "task": the task file's own; "generate": LLM drafts
    exemplars_per_class: int = 0          # labeled exemplars drawn from the dev split
    # Program search (issue 10, the default): candidates scored on dev, refined, a set kept.
    search: bool = True
    search_candidates: int = 12
    search_refinements: int = 4
    use_gold: bool = True                 # train the distilled model on gold dev labels too

    @property
    def sampling(self) -> SamplingParams:
        return SamplingParams(temperature=self.temperature, top_p=self.top_p,
                              max_tokens=self.max_tokens, repeat_penalty=self.repeat_penalty,
                              seed=self.seed)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["strategies"] = list(self.strategies)
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise RunError(f"Unknown run setting(s) {unknown}; expected some of {sorted(known)}.")
        raw = dict(raw)
        raw["provider"] = ProviderSpec.from_mapping(raw.get("provider") or {})
        raw["strategies"] = tuple(raw.get("strategies") or ("default",))
        return cls(**raw)


class RunDir:
    """The paths of a run directory, and reading/writing its small files."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.programs = ProgramStore(self.folder / "programs")

    def matrix_path(self, split: str) -> Path:
        return self.folder / "matrices" / f"{split}.npz"

    @property
    def model_dir(self) -> Path:
        return self.folder / "model"

    @property
    def ledger_path(self) -> Path:
        return self.folder / "ledger.jsonl"

    def task(self) -> Task:
        return load_task(self._existing("task.yaml"))

    def config(self) -> RunConfig:
        raw = yaml.safe_load(self._existing("run.yaml").read_text())
        return RunConfig.from_dict(raw or {})

    def write_json(self, name: str, data: Any) -> None:
        (self.folder / name).write_text(json.dumps(data, indent=2, default=_jsonable) + "\n")

    def read_json(self, name: str, *, missing_ok: bool = False) -> Any:
        """A JSON file of the run; ``missing_ok`` gives None for a file not written yet."""
        if missing_ok and not (self.folder / name).exists():
            return None
        return json.loads(self._existing(name).read_text())

    def _existing(self, name: str) -> Path:
        path = self.folder / name
        if not path.exists():
            raise RunError(f"{path} is missing: {self.folder} is not a complete run directory. "
                           "Create it with `alchemist run`.")
        return path


def init_run(folder: str | Path, task: Task, config: RunConfig) -> RunDir:
    """Create (or reopen) a run directory and record its task and configuration."""
    run = RunDir(folder)
    run.folder.mkdir(parents=True, exist_ok=True)
    task.save(run.folder / "task.yaml")
    (run.folder / "run.yaml").write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))
    return run


def load_splits(task: Task, config: RunConfig) -> dict[str, Dataset]:
    """The training data and, where configured, the labeled dev and test splits."""
    splits = {"train": load_dataset(config.data, task, limit=config.limit)}
    if config.dev:
        splits["dev"] = load_dataset(config.dev, task, require_gold=True)
    elif config.dev_size:
        splits["train"], splits["dev"] = _hold_out_dev(splits["train"], config)
    if config.test:
        splits["test"] = load_dataset(config.test, task, require_gold=True)
    return splits


def _llm(config: RunConfig, inner: Provider | None = None) -> Provider:
    """The configured model (or ``inner``) behind the response cache."""
    provider: Provider = inner or make_provider(config.provider)
    if config.use_cache:
        provider = CachedProvider(provider, ResponseCache(_cache_dir() / "responses"))
    return provider


def _ledger(run: RunDir, config: RunConfig) -> Ledger:
    """The run's ledger: its budget cap stops a call before it is made."""
    return Ledger(run.ledger_path, prices=PriceTable.default(), budget_usd=config.budget_usd)


def _hold_out_dev(data: Dataset, config: RunConfig) -> tuple[Dataset, Dataset]:
    """A seeded dev split of ``config.dev_size`` rows taken from the labeled rows of the data."""
    labeled = np.flatnonzero(data.gold >= 0) if data.gold is not None else np.array([], int)
    if len(labeled) <= config.dev_size:
        raise RunError(f"--dev-size {config.dev_size} needs more labeled rows in the data than "
                       f"that; it has {len(labeled)}. Pass a smaller size or a --dev file.")
    chosen = np.sort(np.random.default_rng(config.seed).choice(labeled, config.dev_size,
                                                                replace=False))
    rest = np.setdiff1d(np.arange(len(data)), chosen)
    return data.subset(rest), data.subset(chosen)


def ensure_programs(run: RunDir, task: Task, config: RunConfig, *, log: Log = print,
                    provider: Provider | None = None,
                    splits: dict[str, Dataset] | None = None) -> list[Program]:
    """Programs on disk, topped up to ``config.n_programs`` when some are missing: by plain
    synthesis, or by the quality loop when ``config.quality_loop``."""
    existing = run.programs.load(include_disabled=True)
    enabled = [p for p in existing if p.enabled]
    searched = config.search and not config.quality_loop
    if len(enabled) >= config.n_programs or (searched and enabled
                                             and (run.folder / "search.json").exists()):
        log(f"Using the {len(enabled)} programs in {run.programs.folder} (no LLM call).")
        return enabled
    llm, ledger = _llm(config, provider), _ledger(run, config)
    splits = splits or load_splits(task, config)
    prompt_task = _prompt_task(run, task, config, splits, ledger.meter(llm, "supplementary"), log)
    provider = ledger.meter(llm, "synthesis")
    started = time.perf_counter()
    if config.quality_loop:
        result = _improve(run, prompt_task, config, splits, provider, enabled, log)
        calls, failures = result.n_llm_calls, result.failures
        candidates = result.candidates
    elif searched:
        found = _search(run, prompt_task, config, splits, provider, log)
        calls, failures = found.n_llm_calls, found.failures
        candidates = [c.program for c in found.candidates]
    else:
        missing = config.n_programs - len(enabled)
        log(f"Generating {missing} program(s) with "
            f"{config.provider.kind}:{config.provider.model}...")
        batch = synthesize(prompt_task, provider, n=missing, params=config.sampling,
                           seed=config.seed + len(existing), strategies=config.strategies,
                           store=run.programs, known=existing, raise_if_empty=False,
                           progress=_synthesis_progress(missing))
        for program in batch.programs:
            run.programs.add(program)
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
    log(f"{len(programs)} program(s) in use, {len(failures)} answer(s) rejected, {calls} LLM "
        f"call(s), {seconds:.0f} s, {speed:.1f} tokens/s.")
    if not programs:
        raise SynthesisError("No valid program was generated. See synthesis.json in "
                             f"{run.folder} for the model's answers; try a stronger model.")
    return programs


def _prompt_task(run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset],
                 provider: Provider, log: Log) -> Task:
    """The task as the prompts see it: with LLM-drafted supplementary information (drafted
    once into ``supplementary.yaml``, which a person may edit) and dev-split exemplars."""
    if config.supplementary == "generate":
        path = run.folder / "supplementary.yaml"
        if path.exists():
            drafted = GeneratedSupplementary.load(path, task)
        else:
            log("Drafting supplementary information (dataset, classes, keywords, rules)...")
            drafted = generate_supplementary(task, provider, seed=config.seed)
            drafted.save(path)
        task = drafted.apply(task)
    elif config.supplementary != "task":
        raise RunError(f"'supplementary' must be 'task' or 'generate'; "
                       f"got {config.supplementary!r}.")
    dev = splits.get("dev")
    if config.exemplars_per_class and dev is not None and dev.has_gold \
            and not task.supplementary.exemplars:
        exemplars = draw_exemplars(dev.items, dev.gold, task,
                                   per_class=config.exemplars_per_class, seed=config.seed)
        task = replace(task, supplementary=replace(task.supplementary, exemplars=exemplars))
    return task


def _improve(run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset],
             provider: Provider, initial: list[Program], log: Log) -> Any:
    """The quality loop, judged on the training items plus the dev split (whose gold labels
    let the gate measure accuracy); every candidate lands in the store, dropped ones disabled."""
    train, dev = splits["train"], splits.get("dev")
    items = train.items + (dev.items if dev is not None else [])
    gold = None if dev is None or not dev.has_gold else np.concatenate(
        [np.full(len(train), -1), dev.gold])
    budget = config.max_llm_calls or 3 * config.n_programs
    log(f"Quality loop: up to {budget} LLM calls for {config.n_programs} useful programs...")
    with Executor(_execution_config(config)) as executor:
        result = improve(task, provider, executor, items, store=run.programs,
                         target=config.n_programs, policy=GatePolicy(
                             min_coverage=config.min_coverage,
                             min_accuracy=config.min_accuracy),
                         max_llm_calls=budget, gold=gold, params=config.sampling,
                         strategies=config.strategies, seed=config.seed, initial=initial,
                         progress=_synthesis_progress(config.n_programs, loop=True))
    run.write_json("quality.json", result.to_dict())
    log(f"Kept {len(result.programs)} program(s), dropped {len(result.dropped)}, "
        f"{result.n_repairs} repaired.")
    return result


def _search(run: RunDir, task: Task, config: RunConfig, splits: dict[str, Dataset],
            provider: Provider, log: Log) -> SearchResult:
    """Program search (``alchemist.search``): its verdicts land in ``search.json``."""
    train, dev = splits["train"], splits.get("dev")
    policy = SearchPolicy(n_programs=config.n_programs, candidates=config.search_candidates,
                          refinements=config.search_refinements,
                          concurrency=config.provider.concurrency)
    log(f"Program search: at most {policy.budget} LLM calls "
        f"({policy.candidates} candidates, up to {policy.refinements} refinements on dev)...")
    with Executor(_execution_config(config)) as executor:
        result = search(task, provider, executor, train.items,
                        dev_items=dev.items if dev is not None and dev.has_gold else (),
                        dev_gold=dev.gold if dev is not None and dev.has_gold else None,
                        policy=policy, params=config.sampling, strategies=config.strategies,
                        seed=config.seed, store=run.programs)
    run.write_json("search.json", result.to_dict())
    dropped = sum(c.dropped is not None for c in result.candidates)
    log(f"Search kept {len(result.programs)} of {len(result.candidates)} candidate(s) "
        f"({dropped} dropped, {len(result.failures)} answer(s) unusable).")
    return result


def apply_programs(run: RunDir, task: Task, programs: list[Program],
                   splits: dict[str, Dataset], config: RunConfig) -> dict[str, LabelMatrix]:
    """Run every program over every split in isolated workers; save the label matrices."""
    run.matrix_path("train").parent.mkdir(parents=True, exist_ok=True)
    matrices = {}
    with Executor(_execution_config(config)) as executor:
        for split, dataset in splits.items():
            matrix = _with_cells_progress(executor, programs, dataset, task, split)
            matrix.save(run.matrix_path(split))
            matrices[split] = matrix
    return matrices


DEV_CLASSIFIER = "dev_classifier"


def add_dev_classifier(task: Task, matrices: dict[str, LabelMatrix],
                       splits: dict[str, Dataset], config: RunConfig) -> dict[str, LabelMatrix]:
    """The matrices with one more column beside the programs': a classifier trained on the
    gold dev labels (out of fold on the dev rows; see ``distill.gold.cross_fitted_votes``).
    Unchanged without a labeled dev split or with ``config.use_gold`` off."""
    dev = splits.get("dev")
    if not config.use_gold or dev is None or not dev.has_gold or (dev.gold >= 0).sum() < 10 \
            or len(np.unique(dev.gold[dev.gold >= 0])) < 2:
        return matrices
    featurizer = (default_featurizer(task.modality) if config.featurizer == "auto"
                  else config.featurizer)
    others = {s: d.frame for s, d in splits.items() if s != "dev"}
    votes, dev_votes = cross_fitted_votes(others, dev.frame, dev.gold,
                                          n_classes=task.n_classes, featurizer=featurizer,
                                          seed=config.seed)
    votes["dev"] = dev_votes
    return {s: m.hstack(LabelMatrix(votes[s][:, None].astype(np.int8), [DEV_CLASSIFIER]))
            for s, m in matrices.items()}


@dataclass
class Aggregation:
    name: str
    params: dict[str, Any]
    model: Any
    proba: np.ndarray      # (n_train, k)
    scores: dict[str, float]


def aggregate(task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset],
              config: RunConfig, *, log: Log = print) -> Aggregation:
    """Fit the label model on the training votes; choose it on the dev split when one exists."""
    train = matrices["train"].votes
    k = task.n_classes
    dev = splits.get("dev")
    if config.label_model == "auto" and dev is not None and dev.has_gold:
        selection = choose_label_model(train, matrices["dev"].votes, dev.gold, k,
                                       seed=config.seed)
        if selection.scores:
            log(f"Label model chosen on the dev split: {selection.name} {selection.params or ''}"
                f"(dev accuracy, {len(selection.scores)} candidates cross-validated: "
                f"{max(selection.scores.values()):.3f}).")
        else:
            log(f"No dev row has a vote: using the default label model {selection.name}.")
        name, params, model, scores = (selection.name, selection.params, selection.model,
                                       selection.scores)
    else:
        name = DEFAULT_LABEL_MODEL if config.label_model == "auto" else config.label_model
        model = make_label_model(name, seed=config.seed).fit(train, k)
        params, scores = {}, {}
    return Aggregation(name, params, model, model.predict_proba(train), scores)


def write_pseudolabels(run: RunDir, task: Task, matrix: LabelMatrix, proba: np.ndarray) -> None:
    covered = (matrix.votes >= 0).any(axis=1)
    index = proba.argmax(axis=1)
    frame = pd.DataFrame({"row": np.arange(len(proba)), "covered": covered,
                          "label": [task.classes[i].id for i in index],
                          "label_name": [task.classes[i].name for i in index]})
    for i, c in enumerate(task.classes):
        frame[f"p_{c.name}"] = proba[:, i]
    frame.loc[~covered, ["label", "label_name"]] = [-1, ""]
    frame.to_parquet(run.folder / "pseudolabels.parquet", index=False)


def distill(run: RunDir, splits: dict[str, Dataset], covered: np.ndarray, proba: np.ndarray,
            config: RunConfig) -> DistilledModel:
    """Train the small classifier on the covered training rows' soft labels, and save it."""
    if covered.sum() < 2:
        raise RunError("The programs voted on fewer than 2 training rows: nothing to distill. "
                       "Check the programs' diagnostics and regenerate them.")
    train = splits["train"].subset(np.flatnonzero(covered))
    dev = splits.get("dev")
    task = splits["train"].task
    featurizer = (default_featurizer(task.modality) if config.featurizer == "auto"
                  else config.featurizer)
    if dev is not None and dev.has_gold and config.use_gold:
        # Pseudolabels and gold dev labels together, weighting chosen on dev folds.
        gold_fit = fit_with_gold(train.frame, proba[covered], dev.frame, dev.gold,
                                 n_classes=task.n_classes, featurizers=[featurizer],
                                 seed=config.seed)
        run.write_json("distill.json", gold_fit.to_dict())
        model = gold_fit.model
    else:
        model = DistilledModel(featurizer=featurizer, seed=config.seed)
        model.fit(train.frame, proba[covered],
                  dev_frame=None if dev is None else dev.frame,
                  dev_gold=None if dev is None else dev.gold)
    if run.model_dir.exists():
        shutil.rmtree(run.model_dir)
    model.save(run.model_dir)
    return model


def dev_only_baseline(task: Task, splits: dict[str, Dataset],
                      config: RunConfig) -> DistilledModel | None:
    """The honest baseline: the same distilled model trained on the dev labels alone."""
    dev = splits.get("dev")
    if dev is None or not dev.has_gold or (dev.gold >= 0).sum() < 2:
        return None
    featurizer = (default_featurizer(task.modality) if config.featurizer == "auto"
                  else config.featurizer)
    known = np.flatnonzero(dev.gold >= 0)
    empty = dev.frame.iloc[:0]
    return fit_mixed(empty, np.zeros((0, task.n_classes)), dev.frame.iloc[known],
                     dev.gold[known], n_classes=task.n_classes, featurizer=featurizer,
                     share=1.0, seed=config.seed)


def evaluate(task: Task, splits: dict[str, Dataset], matrices: dict[str, LabelMatrix],
             label_model: Any, distilled: DistilledModel,
             dev_only: DistilledModel | None = None) -> dict[str, Any]:
    """Accuracy of label model and distilled model on every split with gold labels."""
    positive = 1 if task.n_classes == 2 else None
    results: dict[str, Any] = {}
    for split, dataset in splits.items():
        if not dataset.has_gold:
            continue
        known = dataset.gold >= 0
        entry = {
            "label_model": score(dataset.gold[known],
                                 label_model.predict(matrices[split].votes)[known],
                                 task.n_classes, positive=positive),
            "distilled": score(dataset.gold[known], distilled.predict(dataset.frame)[known],
                               task.n_classes, positive=positive),
        }
        majority = np.bincount(dataset.gold[known], minlength=task.n_classes).argmax()
        entry["baseline_majority_class"] = score(
            dataset.gold[known], np.full(int(known.sum()), majority), task.n_classes,
            positive=positive)
        if dev_only is not None and split != "dev":
            entry["baseline_dev_labels_only"] = score(
                dataset.gold[known], dev_only.predict(dataset.frame)[known], task.n_classes,
                positive=positive)
        if dataset.reference_votes is not None:
            # The dataset's own human labeling functions, aggregated by majority vote.
            reference = make_label_model("majority").fit(dataset.reference_votes,
                                                         task.n_classes)
            entry["reference_majority_vote"] = score(
                dataset.gold[known], reference.predict(dataset.reference_votes)[known],
                task.n_classes, positive=positive)
        results[split] = entry
    return results


def run_pipeline(task: Task, config: RunConfig, folder: str | Path, *,
                 fresh_programs: bool = False, provider: Provider | None = None,
                 log: Log = print) -> dict[str, Any]:
    """Every stage, in order, in ``folder``; returns the summary also saved as summary.json.

    ``provider`` replaces the configured model (still metered in the run's ledger).
    """
    run = init_run(folder, task, config)
    if fresh_programs:
        archive_programs(run)
    splits = load_splits(task, config)
    log("Data: " + ", ".join(f"{s} {len(d)} rows" for s, d in splits.items()))
    ensure_programs(run, task, config, log=log, provider=provider, splits=splits)
    return rerun(run, log=log, splits=splits)


def enabled_programs(run: RunDir, task: Task) -> list[Program]:
    """The run's enabled programs, read for the task's function name (a hand-written file
    has no metadata to say it)."""
    programs = [replace(p, function_name=task.function_name)
                for p in run.programs.load() if p.enabled]
    if not programs:
        raise RunError(f"No enabled program in {run.programs.folder}. "
                       "Enable one or run `alchemist run` to generate some.")
    return programs


def load_matrices(run: RunDir, splits: dict[str, Dataset]) -> dict[str, LabelMatrix]:
    missing = [s for s in splits if not run.matrix_path(s).exists()]
    if missing:
        raise RunError(f"No label matrix for {missing} in {run.folder}. "
                       f"Run: alchemist execute {run.folder}")
    return {s: LabelMatrix.load(run.matrix_path(s)) for s in splits}


def aggregate_run(run: RunDir, *, log: Log = print,
                  splits: dict[str, Dataset] | None = None) -> Aggregation:
    """Stage 5 on a run directory: label model over the saved matrices -> pseudolabels."""
    task, config = run.task(), run.config()
    splits = splits or load_splits(task, config)
    matrices = add_dev_classifier(task, load_matrices(run, splits), splits, config)
    fitted = aggregate(task, matrices, splits, config, log=log)
    write_pseudolabels(run, task, matrices["train"], fitted.proba)
    return fitted


def diagnose_run(run: RunDir, *, splits: dict[str, Dataset] | None = None,
                 learned_accuracies: np.ndarray | None = None) -> Any:
    """Stage 4 on a run directory: diagnostics on the dev matrix when there is one."""
    task, config = run.task(), run.config()
    splits = splits or load_splits(task, config)
    split = "dev" if "dev" in splits else "train"
    matrix = load_matrices(run, {split: splits[split]})[split]
    diagnostics = diagnose(matrix, task.n_classes, gold=splits[split].gold,
                           learned_accuracies=learned_accuracies)
    run.write_json("diagnostics.json", diagnostics.to_dict())
    return diagnostics


def distill_run(run: RunDir, *, splits: dict[str, Dataset] | None = None) -> DistilledModel:
    """Stage 6 on a run directory: train the classifier on the saved pseudolabels."""
    task, config = run.task(), run.config()
    splits = splits or load_splits(task, config)
    path = run.folder / "pseudolabels.parquet"
    if not path.exists():
        raise RunError(f"{path} is missing. Run: alchemist aggregate {run.folder}")
    labels = pd.read_parquet(path)
    proba = labels[[f"p_{c.name}" for c in task.classes]].to_numpy()
    return distill(run, splits, labels["covered"].to_numpy(), proba, config)


def rerun(run: RunDir, *, log: Log = print,
          splits: dict[str, Dataset] | None = None) -> dict[str, Any]:
    """Everything after synthesis, from the programs on disk: no LLM call.

    After editing, disabling or adding program files by hand (or changing the task's classes),
    this re-validates every program, re-executes (unchanged programs come from the vote cache),
    re-aggregates and re-distills.
    """
    task, config = run.task(), run.config()
    splits = splits or load_splits(task, config)
    programs = enabled_programs(run, task)
    matrices = apply_programs(run, task, programs, splits, config)
    fitted = aggregate_run(run, log=log, splits=splits)
    learned = getattr(fitted.model, "accuracies_", None)
    diagnostics = diagnose_run(run, splits=splits, learned_accuracies=None if learned is None
                               else np.asarray(learned)[:len(programs)])
    with_dev = add_dev_classifier(task, matrices, splits, config)
    distilled = distill_run(run, splits=splits)
    summary = {
        "task": task.name,
        "programs": [p.id for p in programs],
        "label_model": {"name": fitted.name, "params": fitted.params,
                        "dev_scores": fitted.scores},
        "coverage": {s: float((m.votes >= 0).any(axis=1).mean()) for s, m in matrices.items()},
        "evaluation": evaluate(task, splits, with_dev, fitted.model, distilled,
                               dev_only_baseline(task, splits, config)),
        "synthesis": run.read_json("synthesis.json", missing_ok=True),
        "ledger": Ledger(run.ledger_path, prices=PriceTable.default()).totals(),
    }
    run.write_json("summary.json", summary)
    (run.folder / "report.md").write_text(render_report(task, summary, diagnostics))
    log(f"Done: {run.folder / 'report.md'}")
    return summary


def predict(folder: str | Path, data: str, *, limit: int | None = None) -> pd.DataFrame:
    """Label new data with a run's distilled model alone: no LLM, no programs."""
    run = RunDir(folder)
    task = run.task()
    dataset = load_dataset(data, task, limit=limit)
    model = DistilledModel.load(run.model_dir)
    proba = model.predict_proba(dataset.frame)
    index = proba.argmax(axis=1)
    out = dataset.frame.copy()
    out["label"] = [task.classes[i].id for i in index]
    out["label_name"] = [task.classes[i].name for i in index]
    out["confidence"] = proba.max(axis=1)
    return out


def run_baseline(run: RunDir, *, split: str = "test", limit: int | None = None,
                 log: Log = print) -> dict[str, Any]:
    """The paper's zero-shot baseline on a split of the run: one LLM call per item.

    Calls go through the run's cache and ledger (stage "baseline"); labels are written to
    ``baseline/<split>.csv`` and the figures to ``baseline/<split>.json``.
    """
    task, config = run.task(), run.config()
    splits = load_splits(task, config)
    if split not in splits:
        raise RunError(f"The run has no {split!r} split; it has {sorted(splits)}. "
                       f"Pass --split with one of them.")
    dataset = splits[split] if limit is None else splits[split].subset(
        np.arange(min(limit, len(splits[split]))))
    provider, ledger = _llm(config), _ledger(run, config)
    log(f"Zero-shot baseline: {len(dataset)} calls to {config.provider.model}...")
    result = zero_shot(task, dataset.items, provider, ledger=ledger,
                       concurrency=config.provider.concurrency,
                       progress=_count_progress(len(dataset), "zero-shot"))
    folder = run.folder / "baseline"
    folder.mkdir(exist_ok=True)
    labels = pd.DataFrame({"label": [task.classes[i].id if i >= 0 else -1
                                     for i in result.labels],
                           "answer": result.answers})
    labels.to_csv(folder / f"{split}.csv", index=False)
    figures = {"split": split, "items": len(dataset), "calls": result.n_calls,
               "cached": result.n_cached, "failures": len(result.failures),
               "input_tokens": result.input_tokens, "output_tokens": result.output_tokens,
               "seconds": result.seconds,
               "accuracy": result.accuracy(dataset.gold) if dataset.has_gold else None}
    (folder / f"{split}.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures


def compare(run: RunDir, *, split: str = "test",
            reprice_as: tuple[str, ...] = ("gpt-3.5-turbo", "gpt-4")) -> str:
    """Side by side: cost and accuracy of the programs and of the zero-shot baseline."""
    summary = run.read_json("summary.json")
    baseline_path = run.folder / "baseline" / f"{split}.json"
    if split not in summary["evaluation"] or not baseline_path.exists():
        raise RunError(f"Comparing needs gold labels on {split!r} and a baseline on it. "
                       f"Run: alchemist baseline {run.folder} --split {split}")
    ledger = Ledger(run.ledger_path, prices=PriceTable.default())
    program_stages = [s for s in ledger.totals()["by_stage"] if s != STAGE]
    accuracy = summary["evaluation"][split]
    rows = [method_cost("programs: label model", ledger, stages=program_stages,
                        accuracy=accuracy["label_model"]["accuracy"]),
            method_cost("programs: distilled model", ledger, stages=program_stages,
                        accuracy=accuracy["distilled"]["accuracy"]),
            method_cost("zero-shot LLM", ledger, stages=[STAGE],
                        accuracy=json.loads(baseline_path.read_text())["accuracy"])]
    return comparison_table(rows, reprice_as=reprice_as)


def plan(task: Task, config: RunConfig) -> RunPlan:
    """What a run would spend, before spending anything: program synthesis (its worst case:
    every attempt used, every answer ``max_tokens`` long) beside zero-shot labeling of the data."""
    prices = PriceTable.default()
    local = config.provider.kind == "embedded"
    items = load_splits(task, replace(config, dev=None, test=None))["train"].items
    attempts = 2 * config.n_programs
    prompts = [estimate_message_tokens(build_messages(task, strategy=s))
               for s in config.strategies]
    synthesis_line = estimate_stage(
        "synthesis", config.provider.model, calls=attempts,
        prompt_tokens=[prompts[i % len(prompts)] for i in range(attempts)],
        max_tokens=config.max_tokens, prices=prices, local=local)
    zero_shot_line = plan_zero_shot(task, items, config.provider.model, prices=prices,
                                    local=local)
    return estimate_run([synthesis_line, zero_shot_line])


def archive_programs(run: RunDir) -> Path | None:
    """Move the current programs aside so the next run generates new ones."""
    folder = run.programs.folder
    if not folder.exists() or not any(folder.iterdir()):
        return None
    target = run.folder / "programs-archive" / time.strftime("%Y%m%d-%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    return target


def render_report(task: Task, summary: dict[str, Any], diagnostics: Any) -> str:
    lines = [f"# Run report: {task.name}", "",
             f"Label model: **{summary['label_model']['name']}**", "",
             "## Coverage", ""]
    lines += [f"- {split}: {value:.1%}" for split, value in summary["coverage"].items()]
    lines += ["", "## Accuracy where gold labels exist", "",
              "| split | model | accuracy | macro-F1 | coverage |", "|---|---|---|---|---|"]
    for split, entry in summary["evaluation"].items():
        for model, s in entry.items():
            lines.append(f"| {split} | {model} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} | "
                         f"{s['coverage']:.1%} |")
    synthesis = summary.get("synthesis") or {}
    if synthesis:
        lines += ["", "## Generation", "",
                  f"{synthesis['programs']} programs, {len(synthesis['failures'])} rejected, "
                  f"{synthesis['seconds']:.0f} s, {synthesis['tokens_per_second']:.1f} tokens/s."]
    lines += ["", "## Programs", "", diagnostics.to_markdown(), ""]
    return "\n".join(lines)


def _with_cells_progress(executor: Executor, programs: list[Program], dataset: Dataset,
                         task: Task, split: str) -> LabelMatrix:
    from tqdm import tqdm

    with tqdm(total=len(programs) * len(dataset), desc=f"execute {split}", unit="call",
              unit_scale=True, leave=False) as bar:
        executor.progress = bar.update
        return executor.run(programs, dataset.items, task.class_ids)


def _execution_config(config: RunConfig) -> ExecutionConfig:
    return ExecutionConfig(workers=config.workers, call_timeout=config.call_timeout,
                           cache_dir=_cache_dir() / "votes")


def _synthesis_progress(target: int, *, loop: bool = False) -> Callable[[dict[str, Any]], None]:
    """A progress bar of useful programs, with tokens/s; in the quality loop only the gate's
    verdicts move it (a synthesis round's own count is not yet final)."""
    from tqdm import tqdm

    bar = tqdm(total=target, desc="programs", unit="program", leave=False)

    def update(event: dict[str, Any]) -> None:
        if event["stage"] == "gate":
            bar.update(event["kept"] - bar.n)
            bar.set_postfix(llm_calls=event["llm_calls"], dropped=event["dropped"])
        else:
            if not loop:
                bar.update(event["kept"] - bar.n)
            bar.set_postfix(attempt=f"{event['attempt']}/{event['max_attempts']}",
                            tok_s=f"{event['tokens_per_second']:.1f}")

    return update


def _count_progress(total: int, desc: str) -> Callable[[int, int], None]:
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="item", leave=False)

    def update(done: int, _total: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _cache_dir() -> Path:
    return home() / "cache"


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


__all__ = [
    "DEV_CLASSIFIER", "Aggregation", "RunConfig", "RunDir", "add_dev_classifier", "aggregate", "aggregate_run", "apply_programs",
    "archive_programs", "compare", "diagnose_run", "distill", "distill_run", "enabled_programs",
    "ensure_programs", "evaluate", "init_run", "load_matrices", "load_splits", "plan", "predict",
    "rerun", "run_baseline", "run_pipeline", "write_pseudolabels",
]
