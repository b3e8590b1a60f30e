"""The concept stage: raw images or signals -> named concept scores that programs read.

``prepare(folder, task, splits, ...)`` takes the concepts from the task file, from an earlier
(possibly hand-edited) ``concepts.yaml`` in ``folder``, or else asks the LLM to name them; fits
a ``ConceptScorer`` with the task's extractor on the training items; and returns the *scored*
task (its inputs are the concept names, programs take ``scores: dict``) with the scored splits,
also written as ``concepts/<split>.parquet`` (scores, the extractor's item features for the
distilled model, gold label, groups) so that every later
stage (execution, label models, distillation, a re-run) works on plain numbers unchanged.
``concepts.json`` records the grounding of each concept, the naming failures and the time.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from alchemist._util.pixels import plain
from alchemist.concepts.naming import name_concepts
from alchemist.concepts.scoring import ConceptScorer
from alchemist.concepts.signals import SignalExtractor
from alchemist.data.dataset import Dataset, dataset_from_frame
from alchemist.errors import ConceptError
from alchemist.llm.base import Provider
from alchemist.task import Concept, Task, parse_concepts_setting, task_from_dict

CONCEPT_MODALITIES = ("image", "timeseries")
Log = Callable[[str], None]
logger = logging.getLogger("alchemist.concepts")


REPRESENTATIONS = ("auto", "concepts", "raw")
FEATURE_PREFIX = "_feature"


@dataclass(frozen=True, kw_only=True)
class ConceptSettings:
    """How the concepts are named and scored.

    ``n``: helpful concepts the model is asked to name (spurious ones: half as many, at least
    two); ``roboshot``: project the spurious concepts' directions out of the scores, and scale
    the helpful ones by ``1 + boost`` (RoboShot); ``seed``: of the naming calls.
    """

    n: int = 8
    roboshot: bool = False
    boost: float = 0.0
    seed: int = 0


_SETTINGS = ConceptSettings()


def needed(task: Task, representation: str = "auto") -> bool:
    """Whether the concept stage runs: an image or signal task not scored yet, unless the
    programs are to read the raw items (``representation="raw"``)."""
    if representation not in REPRESENTATIONS:
        raise ConceptError(
            f"'representation' must be one of {list(REPRESENTATIONS)}; got {representation!r}."
        )
    return task.modality in CONCEPT_MODALITIES and not task.takes_scores and representation != "raw"


def make_extractor(task: Task) -> Any:
    """The extractor the task's ``extractor`` settings name (default by modality)."""
    settings = dict(task.extractor)
    name = settings.pop("name", "signal" if task.modality == "timeseries" else "imagenet")
    try:
        if name == "signal":
            return SignalExtractor(**settings)
        if name == "imagenet":
            from alchemist.concepts.images import ClassifierExtractor

            return ClassifierExtractor(**settings)
        if name == "clip":
            from alchemist.concepts.clip import ClipExtractor

            return ClipExtractor(**settings)
    except TypeError as exc:
        raise ConceptError(f"Bad settings for the {name!r} extractor: {exc}.") from None
    raise ConceptError(f"Unknown extractor {name!r}; expected signal, imagenet or clip.")


def ensure_concepts(
    folder: Path,
    task: Task,
    provider: Provider | None,
    *,
    settings: ConceptSettings = _SETTINGS,
    hint: str = "",
    log: Log = print,
) -> tuple[list[Concept], list[dict[str, Any]]]:
    """The task's concepts: written in the task file, in ``concepts.yaml``, or LLM-named
    (and saved there, editable). Returns the concepts and the naming failures."""
    n, roboshot, seed = settings.n, settings.roboshot, settings.seed
    path = folder / "concepts.yaml"
    failures: list[dict[str, Any]] = []
    if task.concepts:
        concepts = list(task.concepts)
    elif path.exists():
        raw = yaml.safe_load(path.read_text()) or {}
        concepts = list(parse_concepts_setting(raw.get("concepts") or []))
        log(f"Using the {len(concepts)} concepts in {path} (no LLM call).")
    else:
        if provider is None:
            raise ConceptError(
                "The task lists no concepts and no model was given to name "
                "them. Add 'concepts:' to the task file or pass a provider."
            )
        log(f"Asking the model to name {n} concepts...")
        helpful = name_concepts(task, provider, n=n, seed=seed, extractor_hint=hint)
        concepts, failures = helpful.concepts, helpful.failures
        path.write_text(
            yaml.safe_dump(
                {"concepts": [_plain(c) for c in concepts]}, sort_keys=False, allow_unicode=True
            )
        )
    if roboshot and not any(c.role == "spurious" for c in concepts):
        if provider is None:
            raise ConceptError(
                "RoboShot needs spurious concepts: list some with role: "
                "spurious in the task file, or give a model to name them."
            )
        log("Asking the model to name spurious concepts (RoboShot)...")
        spurious = name_concepts(
            task, provider, n=max(2, n // 2), role="spurious", seed=seed, extractor_hint=hint
        )
        taken = {c.name.lower() for c in concepts}
        concepts += [c for c in spurious.concepts if c.name.lower() not in taken]
        failures += spurious.failures
        path.write_text(
            yaml.safe_dump(
                {"concepts": [_plain(c) for c in concepts]}, sort_keys=False, allow_unicode=True
            )
        )
    for failure in failures:
        log(f"Concept answer {failure['attempt'] + 1} rejected: {failure['reason']}.")
    return concepts, failures


def prepare(
    folder: str | Path,
    task: Task,
    splits: dict[str, Dataset],
    *,
    provider: Provider | None = None,
    settings: ConceptSettings = _SETTINGS,
    extractor: Any = None,
    log: Log = print,
) -> tuple[Task, dict[str, Dataset]]:
    """Name (or read) the concepts as ``settings`` say, score every split with ``extractor``
    (default: the task's, ``make_extractor``), and return the scored task and splits."""
    folder, roboshot, boost = Path(folder), settings.roboshot, settings.boost
    (folder / "concepts").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    extractor = extractor if extractor is not None else make_extractor(task)
    concepts, failures = ensure_concepts(
        folder,
        task,
        provider,
        settings=settings,
        hint=getattr(extractor, "hint", ""),
        log=log,
    )
    helpful = [c for c in concepts if c.role == "helpful"]
    spurious = [c for c in concepts if c.role == "spurious"]
    scorer = ConceptScorer(
        extractor, helpful, spurious=spurious, roboshot=roboshot, boost=boost
    ).fit(originals(splits["train"]))
    measured = [replace(c, measure=_measure_text(scorer.grounding_[c.name])) for c in helpful]
    scored: dict[str, Dataset] = {}
    for split, dataset in splits.items():
        log(f"Scoring {len(dataset)} {split} items on {len(helpful)} concepts...")
        frame = with_features(scorer, originals(dataset))
        scored_task = replace(
            task,
            input_fields=tuple(c.name for c in helpful),
            concepts=tuple(measured + spurious),
            feature_fields=tuple(c for c in frame.columns if c.startswith(FEATURE_PREFIX)),
        )
        scored[split] = Dataset(
            frame,
            dataset.gold,
            scored_task,
            dataset.source,
            dataset.reference_votes,
            dataset.groups,
        )
        write_split(folder / "concepts" / f"{split}.parquet", scored[split])
    np.save(folder / "concepts" / "quantiles.npy", scorer.quantiles_)
    (folder / "concepts" / "scorer.json").write_text(
        json.dumps(
            {
                "task": task.to_dict(),
                "roboshot": roboshot,
                "boost": boost,
                "concepts": [_plain(c) for c in helpful + spurious],
            },
            indent=1,
        )
        + "\n"
    )
    (folder / "concepts.json").write_text(
        json.dumps(
            {
                "extractor": {
                    "name": getattr(extractor, "name", type(extractor).__name__),
                    **extractor.get_params(),
                },
                "roboshot": roboshot,
                "boost": boost,
                "concepts": [_plain(c) for c in measured + spurious],
                "grounding": scorer.grounding_,
                "failures": failures,
                "seconds": round(time.perf_counter() - started, 2),
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    return scored_task, scored


def rescore(folder: str | Path, table: pd.DataFrame, task: Task, *, source: str = "") -> Dataset:
    """The dataset of a new ``table`` for the run in ``folder``: scored on the run's concepts
    with its extractor and training distribution when the run has a concept stage, else the
    table's own columns. No LLM is involved."""
    saved = Path(folder) / "concepts" / "scorer.json"
    if not saved.exists():
        return dataset_from_frame(table, task, source=source)
    state = json.loads(saved.read_text())
    raw_task = task_from_dict(state["task"])
    raw = dataset_from_frame(table, raw_task, source=source)
    concepts = parse_concepts_setting(state["concepts"])
    scorer = ConceptScorer(
        make_extractor(raw_task),
        [c for c in concepts if c.role == "helpful"],
        spurious=[c for c in concepts if c.role == "spurious"],
        roboshot=state["roboshot"],
        boost=state["boost"],
    ).ground()
    scorer.quantiles_ = np.load(Path(folder) / "concepts" / "quantiles.npy")
    frame = with_features(scorer, originals(raw))
    return Dataset(frame, raw.gold, task, source, None, raw.groups)


def with_features(scorer: ConceptScorer, items: list[Any]) -> pd.DataFrame:
    """The items' concept scores with their features beside them (``FEATURE_PREFIX`` columns:
    ``ConceptScorer.features``), which the distilled model reads and the programs never see:
    it can learn what the named concepts miss."""
    scores, features = scorer.transform(items), scorer.features(items)
    if features is None:
        return scores
    features = np.asarray(features, dtype=np.float32)
    names = [f"{FEATURE_PREFIX}{j:04d}" for j in range(features.shape[1])]
    return pd.concat([scores, pd.DataFrame(features, columns=names)], axis=1)


def originals(dataset: Dataset) -> list[Any]:
    """The items as stored (image paths at full size, series), for the extractor."""
    return [plain(v) for v in dataset.frame[dataset.task.input_fields[0]]]


def write_split(path: Path, dataset: Dataset) -> None:
    """A scored split as a table: the scores, ``label`` (class ids, -1 unknown), ``group``."""
    frame = dataset.frame.copy()
    task = dataset.task
    if dataset.gold is not None:
        frame[task.label_field or "label"] = [
            task.classes[g].id if g >= 0 else None for g in dataset.gold
        ]
    if dataset.groups is not None and task.group_field:
        frame[task.group_field] = dataset.groups
    frame.to_parquet(path, index=False)


def _measure_text(grounding: dict[str, Any]) -> str:
    return str(grounding.get("measured_as") or grounding.get("classes") or "").split(":")[0]


def _plain(concept: Concept) -> dict[str, str]:
    data = {"name": concept.name, "description": concept.description, "role": concept.role}
    return {**data, "measure": concept.measure} if concept.measure else data


__all__ = [
    "CONCEPT_MODALITIES",
    "ConceptSettings",
    "FEATURE_PREFIX",
    "REPRESENTATIONS",
    "ensure_concepts",
    "make_extractor",
    "needed",
    "originals",
    "prepare",
    "rescore",
    "with_features",
    "write_split",
]
