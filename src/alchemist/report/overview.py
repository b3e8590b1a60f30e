"""The overview of a finished run: its figures, honest baselines and charts.

``Overview.build`` gathers, from what a run has in memory (or ``RunDir.overview`` from its run
directory), what ``report.html`` and the review workbench's overview page show: the task, the
label model, coverage, accuracy on dev/test beside the baselines (on dev, the models trained on
its gold rows scored out of fold), a line per split saying whether the programs beat the same
model on the dev labels alone (``verdict``), and four charts (per-program
coverage and dev accuracy, pairwise agreement, class balance of the pseudolabels, accuracy
against LLM cost). ``alchemist.report.render`` lays it out as HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alchemist.diagnostics import agreement
from alchemist.evaluation.zero_shot import STAGE as ZERO_SHOT_STAGE
from alchemist.label_matrix import LabelMatrix
from alchemist.llm.ledger import Ledger, PriceTable
from alchemist.report import charts
from alchemist.task import Task

# Token counts of a local model are priced at this API model's rates for the cost chart.
REPRICE_AS = "gpt-3.5-turbo"
_METHOD_NAMES = {
    "label_model": "label model",
    "distilled": "distilled model",
    "reference_majority_vote": "human labeling functions, majority vote (baseline)",
    "majority_class": "majority class (baseline)",
    "dev_only": "same model on dev labels only (baseline)",
    "reference": "dev labels only, best simple model (baseline)",
}
# What the verdict compares the distilled model with, best first.
_VERSUS = {
    "reference": "the best simple model on the dev labels alone",
    "dev_only": "the same model on the dev labels alone",
}
# Names in the cost chart, where space is short.
_SHORT_NAMES = {
    "reference_majority_vote": "human LFs, majority",
    "majority_class": "majority class",
    "dev_only": "dev labels only",
    "reference": "best simple model",
}


@dataclass(frozen=True)
class Score:
    split: str
    method: str  # key in summary.json's evaluation, e.g. "distilled"
    accuracy: float
    macro_f1: float | None
    coverage: float | None
    baseline: bool  # a method to compare against, not the run's own output
    out_of_fold: bool = False  # scored by the cross-validation on dev (a model trained on dev)


@dataclass
class Overview:
    task: Task
    label_model: str
    coverage: dict[str, float]
    scores: list[Score]
    program_ids: list[str]
    charts: dict[str, str] = field(default_factory=dict)
    llm: dict[str, Any] = field(default_factory=dict)
    verdicts: list[str] = field(default_factory=list)
    # The distilled model's calibration per split with gold (``labels.calibration``).
    calibration: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        task: Task,
        summary: dict[str, Any],
        diagnostics: dict[str, Any],
        train: LabelMatrix,
        pseudolabels: tuple[np.ndarray, np.ndarray] | None,
        ledger: Ledger,
        zero_shot: dict[str, Any] | None = None,
    ) -> Overview:
        """From a run's summary (as ``pipeline.rerun`` returns it), its diagnostics as a dict,
        the training label matrix, the pseudolabels (covered mask, probabilities), its ledger
        and the zero-shot baseline's figures by split (``baseline/<split>.json``)."""
        scores = _scores(summary["evaluation"])
        overview = cls(
            task=task,
            label_model=summary["label_model"]["name"],
            coverage=summary["coverage"],
            scores=scores,
            program_ids=list(train.program_ids),
            llm=ledger.totals(),
            verdicts=[v for split, e in summary["evaluation"].items() if (v := verdict(split, e))]
            + [why for why in [(summary.get("end_model") or {}).get("why")] if why],
            calibration=summary.get("calibration") or {},
        )
        overview.charts = {
            "programs": _program_chart(train, diagnostics),
            "agreement": _agreement_chart(train),
            "balance": _balance_chart(task, pseudolabels, summary["evaluation"].get("dev")),
            "cost": _cost_chart(scores, ledger, zero_shot or {}),
        }
        return overview

    def accuracy(self, split: str, method: str) -> float | None:
        for s in self.scores:
            if s.split == split and s.method == method:
                return s.accuracy
        return None


def method_name(method: str, label_model: str = "") -> str:
    """How a method of ``summary.json``'s evaluation is called in reports."""
    name = _METHOD_NAMES.get(method, method.replace("_", " "))
    return f"{name} ({label_model})" if method == "label_model" and label_model else name


def verdict(split: str, entry: dict[str, Any]) -> str:
    """Whether the programs helped on ``split``: the distilled model's accuracy against the
    strongest simple reference (balanced logistic regression on the dev labels alone) or,
    without it, the same model trained on the dev labels alone, on the same rows, and whether
    the gain is beyond what sampling the rows could give (two standard errors of the paired
    difference); where the end model is the reference itself, that. Empty without both."""
    ours = entry.get("distilled") or {}
    method = next((m for m in ("reference", "dev_only") if f"versus_{m}" in ours), None)
    theirs = entry.get(method or "")
    if method is None or theirs is None:
        return ""
    what = _VERSUS[method]
    where = f"{split} (out of fold)" if ours.get("out_of_fold") else split
    if ours.get("is_reference"):
        return (
            f"{where}: the end model is {what} (balanced logistic regression), "
            f"{ours['accuracy']:.3f} accuracy: the programs' best candidate did not beat it "
            "beyond the noise of the cross-validation on dev, so it was not kept."
        )
    paired = ours[f"versus_{method}"]
    gain, noise = 100 * paired["accuracy_gain"], 200 * paired["standard_error"]
    if gain > noise:
        said = "the programs helped"
    elif gain < -noise:
        said = "the programs did not help: the dev labels alone did better"
    else:
        said = f"within the noise of {paired['n']} rows: no difference shown"
    return (
        f"{where}: distilled {ours['accuracy']:.3f} accuracy against {theirs['accuracy']:.3f} "
        f"for {what} ({gain:+.1f} ± {noise:.1f} points, two standard errors; "
        f"macro-F1 {100 * (ours['macro_f1'] - theirs['macro_f1']):+.1f}): {said}."
    )


def _scores(evaluation: dict[str, Any]) -> list[Score]:
    scores = []
    for split, entry in evaluation.items():
        for method, s in entry.items():
            scores.append(
                Score(
                    split,
                    method,
                    s["accuracy"],
                    s.get("macro_f1"),
                    s.get("coverage"),
                    method not in ("label_model", "distilled"),
                    bool(s.get("out_of_fold")),
                )
            )
    if not any(s.method.startswith("majority_class") for s in scores):
        scores += _majority_class(evaluation)
    order = list(evaluation)
    return sorted(scores, key=lambda s: (order.index(s.split), s.baseline))


def _majority_class(evaluation: dict[str, Any]) -> list[Score]:
    """Always answering the dev split's most frequent gold class, scored on every split (from
    the distilled model's confusion matrices, whose rows count the gold classes)."""
    dev = evaluation.get("dev", {}).get("distilled")
    if dev is None or dev.get("coverage") != 1.0:
        return []
    majority = int(np.argmax(np.asarray(dev["confusion"]).sum(axis=1)))
    out = []
    for split, entry in evaluation.items():
        distilled = entry.get("distilled")
        if distilled is None or distilled.get("coverage") != 1.0:
            continue
        gold = np.asarray(distilled["confusion"]).sum(axis=1)
        out.append(
            Score(split, "majority_class", float(gold[majority] / gold.sum()), None, 1.0, True)
        )
    return out


def _program_chart(train: LabelMatrix, diagnostics: dict[str, Any]) -> str:
    accuracy = {p["id"]: p.get("accuracy") for p in diagnostics.get("programs", [])}
    coverage = (
        (train.votes >= 0).mean(axis=0) if len(train.votes) else np.zeros(len(train.program_ids))
    )
    return charts.bars(
        "Programs: coverage (train) and accuracy (dev)",
        train.program_ids,
        {
            "coverage": [float(c) for c in coverage],
            "accuracy where it votes": [accuracy.get(p) for p in train.program_ids],
        },
    )


def _agreement_chart(train: LabelMatrix) -> str:
    share, _ = agreement(train)
    values = [[None if math.isnan(v) else float(v) for v in row] for row in share]
    return charts.heatmap(
        "Agreement between programs (%)",
        train.program_ids,
        values,
        caption="share of same votes where both vote; grey: never both",
    )


def _balance_chart(
    task: Task, pseudolabels: tuple[np.ndarray, np.ndarray] | None, dev: dict[str, Any] | None
) -> str:
    names = list(task.class_names)
    series: dict[str, list[float | None]] = {}
    if pseudolabels is not None:
        covered, proba = pseudolabels
        counts = np.bincount(proba[covered].argmax(axis=1), minlength=len(names))
        total = max(int(counts.sum()), 1)
        series["pseudolabels (train)"] = [float(c) / total for c in counts]
    if dev is not None and "distilled" in dev:
        gold = np.asarray(dev["distilled"]["confusion"]).sum(axis=1)
        series["gold (dev)"] = [float(g / max(gold.sum(), 1)) for g in gold]
    return charts.bars("Class balance", names, series)


def _cost_chart(scores: list[Score], ledger: Ledger, zero_shot: dict[str, Any]) -> str:
    split = "test" if any(s.split == "test" for s in scores) else "dev"
    entries = [e for e in ledger.entries if e.error is None]
    paid = sum(e.cost_usd for e in entries)
    prices = PriceTable.default()

    def cost(stages: set[str], inside: bool) -> float:
        chosen = [e for e in entries if (e.stage in stages) == inside]
        if paid > 0:
            return sum(e.cost_usd for e in chosen)
        return prices.cost(
            REPRICE_AS, sum(e.input_tokens for e in chosen), sum(e.output_tokens for e in chosen)
        )

    program_cost = cost({ZERO_SHOT_STAGE}, False)
    points = [
        charts.Point(method_name(s.method), program_cost, s.accuracy)
        for s in scores
        if s.split == split and not s.baseline
    ]
    figures = zero_shot.get(split) or {}
    if figures.get("accuracy") is not None:
        points.append(
            charts.Point("zero-shot LLM", cost({ZERO_SHOT_STAGE}, True), figures["accuracy"])
        )
    references = [
        charts.Point(_SHORT_NAMES.get(s.method, method_name(s.method)), 0.0, s.accuracy)
        for s in scores
        if s.split == split and s.baseline
    ]
    unit = "USD paid" if paid > 0 else f"USD at {REPRICE_AS} rates (local model: $0 paid)"
    return charts.scatter(
        f"Accuracy ({split}) vs LLM cost",
        points,
        references=references,
        x_label=f"LLM cost, {unit}",
    )


__all__ = ["REPRICE_AS", "Overview", "Score", "method_name", "verdict"]
