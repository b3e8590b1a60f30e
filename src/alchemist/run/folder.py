"""The run directory: its files, written atomically, and the run's configuration.

A run directory holds everything a run made, so each stage can be re-run alone and a re-run
resumes instead of starting over::

    run.yaml            the RunConfig (data paths, model, sampling, label model, featurizer)
    task.yaml           a copy of the task
    programs/           <id>.py + <id>.json: readable programs with provenance; edit by hand
    matrices/<split>.npz  label matrices (train, dev, test)
    diagnostics.json    per-program and set diagnostics
    pseudolabels.parquet  label-model output on the training data
    predictions.npz     what the figures score, per split: label model, distilled model
    model/              the distilled classifier (featurizer + MLP)
    ledger.jsonl        every LLM call: stage, model, tokens, cost
    synthesis.json      generation time, calls, rejected answers with reasons
    quality.json        the quality loop's kept and dropped programs (with --quality-loop)
    search.json         the program search's candidates, scores and verdicts (the default)
    distill.json        the end model's featurizer, classifiers and gold shares (CV on dev)
    supplementary.yaml  LLM-drafted supplementary information, editable (--supplementary generate)
    baseline/<split>.*  zero-shot labels and figures (alchemist baseline)
    summary.json, report.md, report.html (the same figures with charts; opens without a server)

Every file is written atomically (a temporary file renamed over the old one), so a run killed
at any moment leaves each file whole: either as it was or as it was meant to be. Programs are
never overwritten: a re-run reuses the programs on disk and generates only the missing ones;
``archive_programs`` moves the old ones to ``programs-archive/<time>/`` first.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from alchemist._util.paths import TEMPORARY_GLOB, atomic_path, atomic_write_text, home
from alchemist.data.dataset import Dataset, load_dataset
from alchemist.errors import DataError, RunError, SettingError
from alchemist.execution import ExecutionConfig
from alchemist.label_matrix import LabelMatrix
from alchemist.llm import (
    CachedProvider,
    Ledger,
    PriceTable,
    Provider,
    ProviderSpec,
    ResponseCache,
    SamplingParams,
    make_provider,
)
from alchemist.programs import ProgramStore
from alchemist.run._setting_checks import generator_conflicts, setting_checks
from alchemist.synthesis.gate import GATES, ProgramGate
from alchemist.synthesis.oneshot import default_strategies
from alchemist.synthesis.search_pool import SearchPolicy
from alchemist.task import Task, load_task

SPLITS = ("train", "dev", "test")
# Fewer gold dev rows than this are too few to choose anything on.
_MIN_GOLD = 10
_SAMPLING = SamplingParams()
_SEARCH = SearchPolicy()


@dataclass
class RunConfig:
    """Everything a run needs besides the task. Saved as ``run.yaml`` in the run directory."""

    data: str
    dev: str | None = None
    test: str | None = None
    limit: int | None = None
    dev_size: int | None = None  # without `dev`: hold out this many labeled data rows
    n_programs: int = 10
    provider: ProviderSpec = field(default_factory=ProviderSpec)
    temperature: float = _SAMPLING.temperature
    top_p: float = _SAMPLING.top_p
    max_tokens: int = _SAMPLING.max_tokens
    repeat_penalty: float = _SAMPLING.repeat_penalty
    seed: int = 0
    strategies: tuple[str, ...] | None = None  # None: the modality's (strategies_for)
    label_model: str = "auto"
    featurizer: str = "auto"
    call_timeout: float = 1.0
    workers: int | None = None
    budget_usd: float | None = None
    price_file: str | None = None  # YAML/TOML prices added to the built-in table
    use_cache: bool = True
    # Where programs come from: "search" (candidates scored on dev, refined, the best kept),
    # "loop" (gate, repair and regenerate until n_programs pass) or "oneshot" (ungated).
    generator: str = "search"
    # The gate's checks (synthesis.gate); None: the generator's own default.
    min_coverage: float | None = None
    min_accuracy: float | None = None  # on the gold rows a program votes on
    max_llm_calls: int | None = None  # the loop's cap; None: 3 x n_programs (llm_call_cap)
    search_candidates: int = _SEARCH.candidates
    search_refinements: int = _SEARCH.refinements
    supplementary: str = "task"  # "task": the task file's own; "generate": LLM drafts
    exemplars_per_class: int = 0  # labeled exemplars drawn from the dev split
    # The dev labels train the distilled model and a dev classifier that votes.
    use_gold: bool = True
    # Images and signals (alchemist.concepts): "concepts" (LLM-named concepts scored locally)
    # or "raw" (programs get the pixels or the series); "auto" = concepts.
    representation: str = "auto"
    n_concepts: int = 8
    roboshot: bool = False  # project spurious concept directions out
    roboshot_boost: float = 0.0  # and scale helpful ones by 1 + boost
    per_attribute: bool = False  # tables: each prompt asks about one input column

    def __post_init__(self) -> None:
        """Every setting is checked here, before any data is read or any model is called."""
        for name, allowed, ok in setting_checks(self):
            if not ok:
                raise SettingError(name, allowed, getattr(self, name))
        for name, needs in generator_conflicts(self):
            raise SettingError(name, needs, getattr(self, name))
        model = self.provider.model
        if (
            self.budget_usd is not None
            and not self.provider.local
            and not self.prices().knows(model)
        ):
            raise SettingError(
                "price_file",
                f"a price file giving {model!r} a price when a "
                f"budget is set (the built-in table has none; write "
                f"'{model}: {{input: USD per 1M tokens, output: USD per 1M "
                f"tokens}}')",
                self.price_file,
            )

    def prices(self) -> PriceTable:
        """The built-in price table, extended by ``price_file`` when one is set."""
        if self.price_file is None:
            return PriceTable.default()
        return PriceTable.from_file(self.price_file)

    def open_llm(self, inner: Provider | None = None) -> Provider:
        """The configured model (or ``inner``) behind the response cache."""
        provider: Provider = inner or make_provider(self.provider)
        if self.use_cache:
            provider = CachedProvider(provider, ResponseCache(home() / "cache" / "responses"))
        return provider

    def execution(self) -> ExecutionConfig:
        """The executor's settings: workers, time per call, the shared vote cache."""
        return ExecutionConfig(
            workers=self.workers,
            call_timeout=self.call_timeout,
            cache_dir=home() / "cache" / "votes",
        )

    def gate(self) -> ProgramGate | None:
        """The generator's gate with this run's checks (None: one-shot keeps every program)."""
        gate = GATES[self.generator]
        if gate is None:
            return None
        return gate.with_settings(min_coverage=self.min_coverage, min_accuracy=self.min_accuracy)

    @property
    def llm_call_cap(self) -> int:
        """The most LLM calls the quality loop may make (generation and repair together)."""
        return self.max_llm_calls or 3 * self.n_programs

    @property
    def sampling(self) -> SamplingParams:
        return SamplingParams(
            temperature=self.temperature,
            top_p=self.top_p,
            max_tokens=self.max_tokens,
            repeat_penalty=self.repeat_penalty,
            seed=self.seed,
        )

    def strategies_for(self, task: Task) -> tuple[str, ...]:
        """The prompt strategies used in turn: the run's own, else the defaults for the task's
        modality (``synthesis.default_strategies``)."""
        return self.strategies or default_strategies(task.modality)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["strategies"] = list(self.strategies) if self.strategies else None
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known - {"search", "quality_loop"})
        if unknown:
            raise RunError(f"Unknown run setting(s) {unknown}; expected some of {sorted(known)}.")
        raw = _renamed(dict(raw))
        raw["provider"] = ProviderSpec.from_mapping(raw.get("provider") or {})
        raw["strategies"] = tuple(raw["strategies"]) if raw.get("strategies") else None
        return cls(**raw)


def _renamed(raw: dict[str, Any]) -> dict[str, Any]:
    """A run.yaml written before ``generator`` replaced the ``search`` and ``quality_loop``
    switches, as the run it describes ran: the loop won over the search, and the search ignored
    ``min_coverage``."""
    if "search" not in raw and "quality_loop" not in raw:
        return raw
    loop, searched = raw.pop("quality_loop", False), raw.pop("search", True)
    raw["generator"] = "loop" if loop else "search" if searched else "oneshot"
    if raw["generator"] != "loop":
        raw["min_coverage"] = None
    return raw


class RunDir:
    """The paths of a run directory, and reading/writing its files (atomically)."""

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

    @property
    def pseudolabels_path(self) -> Path:
        return self.folder / "pseudolabels.parquet"

    def task(self) -> Task:
        return load_task(self._existing("task.yaml"))

    def open_ledger(self, config: RunConfig) -> Ledger:
        """The run's ledger, priced by ``config``: its budget cap stops a call before it is
        made."""
        return Ledger(self.ledger_path, prices=config.prices(), budget_usd=config.budget_usd)

    def config(self) -> RunConfig:
        raw = yaml.safe_load(self._existing("run.yaml").read_text())
        return RunConfig.from_dict(raw or {})

    def write_text(self, name: str, text: str) -> Path:
        path = self.folder / name
        atomic_write_text(path, text)
        return path

    def write_json(self, name: str, data: Any) -> Path:
        return self.write_text(name, json.dumps(data, indent=2, default=_jsonable) + "\n")

    def read_json(self, name: str, *, missing_ok: bool = False) -> Any:
        """A JSON file of the run; ``missing_ok`` gives None for a file not written yet."""
        if missing_ok and not (self.folder / name).exists():
            return None
        return json.loads(self._existing(name).read_text())

    def save_matrix(self, split: str, matrix: LabelMatrix) -> None:
        with atomic_path(self.matrix_path(split)) as temporary, temporary.open("wb") as f:
            matrix.save(f)

    def load_matrices(self, splits: dict[str, Any]) -> dict[str, LabelMatrix]:
        """The saved label matrices of ``splits`` (its keys); ``RunError`` when one is missing."""
        missing = [s for s in splits if not self.matrix_path(s).exists()]
        if missing:
            raise RunError(
                f"No label matrix for {missing} in {self.folder}. "
                f"Run: alchemist execute {self.folder}",
                path=str(self.matrix_path(missing[0])),
                split=missing[0],
            )
        return {s: LabelMatrix.load(self.matrix_path(s)) for s in splits}

    def write_pseudolabels(self, task: Task, matrix: LabelMatrix, proba: np.ndarray) -> None:
        """The label model's output on the training rows: class, name and one probability
        column per class; rows no program voted on get label -1."""
        covered = (matrix.votes >= 0).any(axis=1)
        index = proba.argmax(axis=1)
        frame = pd.DataFrame(
            {
                "row": np.arange(len(proba)),
                "covered": covered,
                "label": [task.classes[i].id for i in index],
                "label_name": [task.classes[i].name for i in index],
            }
        )
        for i, c in enumerate(task.classes):
            frame[f"p_{c.name}"] = proba[:, i]
        frame.loc[~covered, ["label", "label_name"]] = [-1, ""]
        with atomic_path(self.pseudolabels_path) as temporary:
            frame.to_parquet(temporary, index=False)

    def read_pseudolabels(self, task: Task) -> tuple[np.ndarray, np.ndarray]:
        """(covered mask, class probabilities) as ``write_pseudolabels`` saved them."""
        path = self.pseudolabels_path
        if not path.exists():
            raise RunError(
                f"{path} is missing. Run: alchemist aggregate {self.folder}",
                path=str(path),
                split="train",
            )
        labels = pd.read_parquet(path)
        proba = labels[[f"p_{c.name}" for c in task.classes]].to_numpy()
        return labels["covered"].to_numpy(), proba

    @property
    def predictions_path(self) -> Path:
        return self.folder / "predictions.npz"

    def write_predictions(self, predictions: dict[str, dict[str, np.ndarray]]) -> None:
        """Per split, the predictions the run's figures score (``scoring.predict_splits``)."""
        arrays: dict[str, Any] = {
            f"{s}.{name}": a for s, named in predictions.items() for name, a in named.items()
        }
        with atomic_path(self.predictions_path) as temporary, temporary.open("wb") as f:
            np.savez_compressed(f, **arrays)

    def read_predictions(self) -> dict[str, dict[str, np.ndarray]]:
        """``write_predictions``'s arrays; ``RunError`` where a run predates them."""
        if not self.predictions_path.exists():
            raise RunError(
                f"{self.predictions_path} is missing: the run was made before its predictions "
                f"were saved. Re-run it once: alchemist rerun {self.folder}",
                path=str(self.predictions_path),
            )
        out: dict[str, dict[str, np.ndarray]] = {}
        with np.load(self.predictions_path, allow_pickle=False) as saved:
            for key in saved.files:
                split, name = key.split(".", 1)
                out.setdefault(split, {})[name] = saved[key]
        return out

    def replace_folder(self, name: str, write: Any) -> Path:
        """Fill the folder ``name`` atomically: ``write(path)`` fills a fresh folder beside it,
        which then takes the old one's place (the old one is removed)."""
        target = self.folder / name
        fresh = self.folder / f".{name}.new"
        old = self.folder / f".{name}.old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        write(fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return target

    def _existing(self, name: str) -> Path:
        path = self.folder / name
        if not path.exists():
            raise RunError(
                f"{path} is missing: {self.folder} is not a complete run directory. "
                "Create it with `alchemist run`.",
                path=str(path),
            )
        return path


def init_run(folder: str | Path, task: Task, config: RunConfig) -> RunDir:
    """Create (or reopen) a run directory and record its task and configuration."""
    run = RunDir(folder)
    run.folder.mkdir(parents=True, exist_ok=True)
    for leftover in run.folder.rglob(TEMPORARY_GLOB):  # of a run killed mid-write
        leftover.unlink()
    task.save(run.folder / "task.yaml")
    run.write_text("run.yaml", yaml.safe_dump(config.to_dict(), sort_keys=False))
    return run


def archive_programs(run: RunDir) -> Path | None:
    """Move the current programs aside so the next run generates new ones."""
    folder = run.programs.folder
    if not folder.exists() or not any(folder.iterdir()):
        return None
    target = run.folder / "programs-archive" / time.strftime("%Y%m%d-%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    return target


def load_splits(task: Task, config: RunConfig) -> dict[str, Dataset]:
    """The training data and, where configured, the labeled dev and test splits."""
    splits = {"train": load_dataset(config.data, task, limit=config.limit)}
    if config.dev:
        splits["dev"] = load_dataset(config.dev, task, require_gold=True)
    elif config.dev_size:
        try:
            splits["train"], splits["dev"] = splits["train"].hold_out(
                config.dev_size, seed=config.seed, labeled_only=True
            )
        except DataError as exc:
            raise RunError(
                f"--dev-size {config.dev_size}: {exc} Or pass a --dev file.",
                path=config.data,
                split="dev",
            ) from None
    if config.test:
        splits["test"] = load_dataset(config.test, task, require_gold=True)
    return splits


def labeled_dev(splits: dict[str, Dataset], minimum: int = _MIN_GOLD) -> Dataset | None:
    """The dev split when it has ``minimum`` gold rows of at least two classes."""
    dev = splits.get("dev")
    if dev is None or dev.gold is None or not dev.has_gold:
        return None
    gold = dev.gold[dev.gold >= 0]
    return dev if len(gold) >= minimum and len(np.unique(gold)) >= 2 else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


__all__ = ["SPLITS", "RunConfig", "RunDir", "archive_programs", "init_run", "load_splits"]
