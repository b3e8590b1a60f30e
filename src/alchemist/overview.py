"""The overview of a finished run: its figures, honest baselines and charts, read from its files.

``Overview.read`` gathers what ``report.html`` and the review workbench's overview page show:
the task, the label model, coverage, accuracy on dev/test beside the baselines, and four charts
(per-program coverage and dev accuracy, pairwise agreement, class balance of the pseudolabels,
accuracy against LLM cost). ``render_overview`` turns it into an HTML fragment and
``report_page`` into a standalone page that needs no server, script or network.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist import charts
from alchemist.analysis import agreement
from alchemist.baseline import STAGE as ZERO_SHOT_STAGE
from alchemist.label_matrix import LabelMatrix
from alchemist.llm.ledger import Ledger, PriceTable
from alchemist.task import Task, load_task

# Token counts of a local model are priced at this API model's rates for the cost chart.
REPRICE_AS = "gpt-3.5-turbo"
_METHOD_NAMES = {
    "label_model": "label model",
    "distilled": "distilled model",
    "reference_majority_vote": "human labeling functions, majority vote (baseline)",
    "majority_class": "majority class (baseline)",
    "dev_only": "same model on dev labels only (baseline)",
}

# Names in the cost chart, where space is short.
_SHORT_NAMES = {
    "reference_majority_vote": "human LFs, majority",
    "majority_class": "majority class",
    "dev_only": "dev labels only",
}


@dataclass(frozen=True)
class Score:
    split: str
    method: str  # key in summary.json's evaluation, e.g. "distilled"
    accuracy: float
    macro_f1: float | None
    coverage: float | None
    baseline: bool  # a method to compare against, not the run's own output


@dataclass
class Overview:
    task: Task
    label_model: str
    label_model_dev_scores: dict[str, float]
    coverage: dict[str, float]
    scores: list[Score]
    program_ids: list[str]
    charts: dict[str, str] = field(default_factory=dict)
    llm: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: str | Path) -> Overview:
        """The overview of the run in ``folder`` (after ``summary.json`` is written)."""
        folder = Path(folder)
        task = load_task(folder / "task.yaml")
        summary = json.loads((folder / "summary.json").read_text())
        diagnostics = _read_json(folder / "diagnostics.json") or {"programs": []}
        train = LabelMatrix.load(folder / "matrices" / "train.npz")
        scores = _scores(summary["evaluation"])
        ledger = Ledger(folder / "ledger.jsonl", prices=PriceTable.default())
        overview = cls(
            task=task,
            label_model=summary["label_model"]["name"],
            label_model_dev_scores=summary["label_model"].get("dev_scores") or {},
            coverage=summary["coverage"],
            scores=scores,
            program_ids=list(train.program_ids),
            llm=ledger.totals(),
        )
        overview.charts = {
            "programs": _program_chart(train, diagnostics),
            "agreement": _agreement_chart(train),
            "balance": _balance_chart(
                task, folder / "pseudolabels.parquet", summary["evaluation"].get("dev")
            ),
            "cost": _cost_chart(scores, ledger, folder),
        }
        return overview

    def accuracy(self, split: str, method: str) -> float | None:
        for s in self.scores:
            if s.split == split and s.method == method:
                return s.accuracy
        return None


def method_name(method: str, label_model: str = "") -> str:
    name = _METHOD_NAMES.get(method, method.replace("_", " "))
    return f"{name} ({label_model})" if method == "label_model" and label_model else name


def render_overview(overview: Overview) -> str:
    """The overview as an HTML fragment (figures table and charts), every text escaped."""
    task = overview.task
    classes = ", ".join(f"{c.name} ({c.id})" for c in task.classes)
    coverage = " · ".join(f"{split} {value:.1%}" for split, value in overview.coverage.items())
    rows = []
    for s in overview.scores:
        f1 = "–" if s.macro_f1 is None else f"{s.macro_f1:.3f}"
        cov = "–" if s.coverage is None else f"{s.coverage:.1%}"
        kind = ' class="baseline"' if s.baseline else ""
        rows.append(
            f'<tr{kind} data-split="{escape(s.split)}" data-method="{escape(s.method)}">'
            f"<td>{escape(s.split)}</td>"
            f"<td>{escape(method_name(s.method, overview.label_model))}</td>"
            f'<td class="num accuracy">{s.accuracy:.3f}</td><td class="num">{f1}</td>'
            f'<td class="num">{cov}</td></tr>'
        )
    llm = overview.llm
    return (
        f'<section class="facts"><h2>{escape(task.name)}</h2>'
        f"<p>{escape(task.description)}</p>"
        f"<dl><dt>Classes</dt><dd>{escape(classes)}</dd>"
        f"<dt>Programs in use</dt><dd>{len(overview.program_ids)}</dd>"
        f'<dt>Label model</dt><dd id="label-model">{escape(overview.label_model)}</dd>'
        f"<dt>Coverage (any vote)</dt><dd>{escape(coverage)}</dd>"
        f"<dt>LLM calls</dt><dd>{llm.get('calls', 0)} ({llm.get('cached', 0)} cached), "
        f"{llm.get('input_tokens', 0) + llm.get('output_tokens', 0)} tokens billed, "
        f"${llm.get('cost_usd', 0.0):.4f} paid</dd></dl></section>"
        "<section><h2>Accuracy where gold labels exist</h2>"
        '<table class="scores"><thead><tr><th>split</th><th>method</th><th>accuracy</th>'
        "<th>macro-F1</th><th>coverage</th></tr></thead><tbody>"
        + "".join(rows)
        + '</tbody></table><p class="note">Grey rows are baselines. The label model is chosen '
        "on the dev split; the test split is used for nothing but these figures.</p></section>"
        '<section class="charts">'
        + "".join(
            f'<figure id="chart-{name}">{svg}</figure>' for name, svg in overview.charts.items()
        )
        + "</section>"
    )


def write_report_html(folder: str | Path) -> Path:
    """Write ``report.html`` into the run in ``folder`` (atomically) and return its path."""
    path = Path(folder) / "report.html"
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(report_page(Overview.read(folder)), encoding="utf-8")
    os.replace(partial, path)
    return path


def report_page(overview: Overview) -> str:
    """A standalone HTML page of the overview (``report.html``)."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Alchemist run report: {escape(overview.task.name)}</title>"
        f"<style>{REPORT_CSS}</style></head><body><header><h1>Alchemist run report</h1>"
        f"</header><main>{render_overview(overview)}</main></body></html>\n"
    )


REPORT_CSS = """
body{font:14px/1.45 system-ui,sans-serif;color:#111827;margin:0;background:#f9fafb}
header{background:#1f2937;color:#fff;padding:10px 24px}header h1{font-size:18px;margin:0}
main{max-width:1180px;margin:0 auto;padding:16px 24px}
section{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:12px 16px;margin:12px 0}
h2{font-size:16px;margin:0 0 8px}dl{display:grid;grid-template-columns:190px 1fr;margin:0}
dt{color:#6b7280}dd{margin:0 0 4px}table{border-collapse:collapse}
td,th{padding:3px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.baseline td{color:#6b7280}
.note{color:#6b7280;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{margin:0}
"""


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text()) if path.exists() else None


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


def _balance_chart(task: Task, path: Path, dev: dict[str, Any] | None) -> str:
    names = list(task.class_names)
    series: dict[str, list[float | None]] = {}
    if path.exists():
        labels = pd.read_parquet(path, columns=["covered", "label_name"])
        covered = labels[labels["covered"]]
        counts = covered["label_name"].value_counts()
        total = max(len(covered), 1)
        series["pseudolabels (train)"] = [float(counts.get(n, 0)) / total for n in names]
    if dev is not None and "distilled" in dev:
        gold = np.asarray(dev["distilled"]["confusion"]).sum(axis=1)
        series["gold (dev)"] = [float(g / max(gold.sum(), 1)) for g in gold]
    return charts.bars("Class balance", names, series)


def _cost_chart(scores: list[Score], ledger: Ledger, folder: Path) -> str:
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
    zero_shot = _read_json(folder / "baseline" / f"{split}.json")
    if zero_shot and zero_shot.get("accuracy") is not None:
        points.append(
            charts.Point("zero-shot LLM", cost({ZERO_SHOT_STAGE}, True), zero_shot["accuracy"])
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


__all__ = [
    "Overview",
    "Score",
    "method_name",
    "render_overview",
    "report_page",
    "write_report_html",
]
