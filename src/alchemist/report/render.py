"""The run report: ``report.md`` and ``report.html`` rendered from the data passed in.

Nothing here reads or writes files, or computes a figure: it lays out the run's summary (as
``pipeline.rerun`` returns it) and its program diagnostics as Markdown, and the run's
``Overview`` (figures and charts) as HTML: a fragment the review workbench shows, and a
standalone page with its own style sheet that needs no server, script or network.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from alchemist.diagnostics import Diagnostics
from alchemist.report import charts
from alchemist.report.overview import Overview, method_name, verdict
from alchemist.task import Task

_OUT_OF_FOLD = (
    "Out of fold: scored by the cross-validation on dev that chose the distilled model, each dev "
    "row by a model trained without it (as the best of the candidates, a little flattered)."
)


def render_report(task: Task, summary: dict[str, Any], diagnostics: Diagnostics) -> str:
    """The Markdown report of a run: label model, coverage, accuracy, generation, programs."""
    lines = [
        f"# Run report: {task.name}",
        "",
        f"Label model: **{summary['label_model']['name']}**",
        "",
        "## Coverage",
        "",
    ]
    lines += [f"- {split}: {value:.1%}" for split, value in summary["coverage"].items()]
    lines += [
        "",
        "## Accuracy where gold labels exist",
        "",
        "| split | model | accuracy | macro-F1 | coverage | worst group (gap) |",
        "|---|---|---|---|---|---|",
    ]
    for split, entry in summary["evaluation"].items():
        for model, s in entry.items():
            lines.append(
                f"| {split} | {model}{' (out of fold)' if s.get('out_of_fold') else ''} | "
                f"{s['accuracy']:.3f} | {s['macro_f1']:.3f} | "
                f"{s['coverage']:.1%} | {worst_group_text(s) or '–'} |"
            )
    verdicts = [v for split, entry in summary["evaluation"].items() if (v := verdict(split, entry))]
    if any(s.get("out_of_fold") for e in summary["evaluation"].values() for s in e.values()):
        lines += ["", _OUT_OF_FOLD]
    if verdicts:
        lines += ["", *(f"- {v}" for v in verdicts)]
    if why := (summary.get("end_model") or {}).get("why"):
        lines += ["", f"End model: {why}"]
    lines += _calibration_lines(summary.get("calibration") or {})
    synthesis = summary.get("synthesis") or {}
    if synthesis:
        lines += [
            "",
            "## Generation",
            "",
            f"{synthesis['programs']} programs, {len(synthesis['failures'])} rejected, "
            f"{synthesis['seconds']:.0f} s, {synthesis['tokens_per_second']:.1f} tokens/s.",
        ]
    ignored = summary.get("ignored_votes") or []
    if ignored:
        lines += [
            "",
            "## Votes ignored: no better than chance on dev",
            "",
            "| program | votes for | right on dev | share of dev rows in that class |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['program']} | {r['class']} | {r['dev_precision']:.0%} of {r['dev_votes']} | "
            f"{r['class_share']:.0%} |"
            for r in ignored
        ]
    lines += ["", "## Programs", "", diagnostics.to_markdown(), ""]
    return "\n".join(lines)


def worst_group_text(scores: dict[str, Any]) -> str:
    """The worst group's accuracy and its gap to the average, as ``0.420 (gap 0.303)``; empty
    when the data has no group labels."""
    groups = scores.get("groups")
    if not groups:
        return ""
    return f"{groups['worst_group']:.3f} (gap {groups['gap']:.3f})"


def render_overview(overview: Overview) -> str:
    """The overview as an HTML fragment (facts, scores, charts), every text escaped."""
    task, llm = overview.task, overview.llm
    classes = ", ".join(f"{c.name} ({c.id})" for c in task.classes)
    coverage = " · ".join(f"{split} {value:.1%}" for split, value in overview.coverage.items())
    rows = []
    majority = {s.split: s.accuracy for s in overview.scores if s.method == "majority_class"}
    for s in overview.scores:
        f1 = "–" if s.macro_f1 is None else f"{s.macro_f1:.3f}"
        covered = "–" if s.coverage is None else f"{s.coverage:.1%}"
        below = not s.baseline and s.accuracy < majority.get(s.split, -1.0)
        kind = ' class="baseline"' if s.baseline else ' class="below-majority"' if below else ""
        name = method_name(s.method, overview.label_model) + (" (out of fold)" * s.out_of_fold)
        flag = (
            f' <span class="flag" title="always answering the most frequent class scores '
            f'{majority[s.split]:.3f} here">below the majority class</span>'
            if below
            else ""
        )
        rows.append(
            f'<tr{kind} data-split="{escape(s.split)}" data-method="{escape(s.method)}">'
            f"<td>{escape(s.split)}</td>"
            f"<td>{escape(name)}{flag}</td>"
            f'<td class="num accuracy">{s.accuracy:.3f}</td><td class="num">{f1}</td>'
            f'<td class="num">{covered}</td></tr>'
        )
    verdicts = "".join(f"<li>{escape(v)}</li>" for v in overview.verdicts)
    verdicts = f'<ul class="verdicts">{verdicts}</ul>' if verdicts else ""
    figures = "".join(
        f'<figure id="chart-{name}">{svg}</figure>' for name, svg in overview.charts.items()
    )
    return (
        f'<section class="facts"><h2>{escape(task.name)}</h2><p>{escape(task.description)}</p>'
        f"<dl><dt>Classes</dt><dd>{escape(classes)}</dd>"
        f"<dt>Programs in use</dt><dd>{len(overview.program_ids)}</dd>"
        f'<dt>Label model</dt><dd id="label-model">{escape(overview.label_model)}</dd>'
        f"<dt>Coverage (any vote)</dt><dd>{escape(coverage)}</dd>"
        f"<dt>LLM calls</dt><dd>{llm.get('calls', 0)} ({llm.get('cached', 0)} cached), "
        f"{llm.get('input_tokens', 0) + llm.get('output_tokens', 0)} tokens billed, "
        f"${llm.get('cost_usd', 0.0):.4f} paid</dd></dl></section>"
        "<section><h2>Accuracy where gold labels exist</h2>"
        '<table class="scores"><thead><tr><th>split</th><th>method</th><th>accuracy</th>'
        f"<th>macro-F1</th><th>coverage</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{verdicts}"
        '<p class="note">Grey rows are baselines. The label model is chosen on the dev split; '
        f"the test split is used for nothing but these figures. {escape(_OUT_OF_FOLD)}</p>"
        "</section>"
        f'<section class="charts">{figures}</section>'
    )


def render_report_html(overview: Overview) -> str:
    """``report.html``: the overview as a standalone page, with the distilled model's
    reliability diagram per split of ``overview.calibration`` (``labels.calibration``)."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Alchemist run report: {escape(overview.task.name)}</title>"
        f"<style>{_CSS}</style></head><body><header><h1>Alchemist run report</h1></header>"
        f"<main>{render_overview(overview)}{_calibration_html(overview.calibration)}</main>"
        "</body></html>\n"
    )


def _calibration_html(calibration: Mapping[str, Mapping[str, Any]]) -> str:
    if not calibration:
        return ""
    figures = "".join(
        f"<figure>{charts.reliability(f'{split}: calibration', c['bins'])}"
        f"<figcaption>{escape(split)}: ECE {c['ece']:.3f} on {c['n']} rows</figcaption></figure>"
        for split, c in calibration.items()
    )
    return (
        '<section id="calibration"><h2>Calibration of the distilled model</h2>'
        f'<div class="charts">{figures}</div><p class="note">{_CALIBRATION}</p></section>'
    )


def _calibration_lines(calibration: Mapping[str, Mapping[str, Any]]) -> list[str]:
    if not calibration:
        return []
    lines = ["", "## Calibration of the distilled model", ""]
    lines += [
        f"- {split}: expected calibration error **{c['ece']:.3f}** on {c['n']} rows"
        for split, c in calibration.items()
    ]
    return [*lines, "", _CALIBRATION]


_CALIBRATION = (
    "Expected calibration error: the rows' probabilities of their predicted class fall in 10 "
    "equal-width bins; per bin, |share right - mean probability|, weighted by the bin's share "
    "of the rows. 0 is perfect. Bars: share right per bin; dots: mean probability; dashed: "
    "perfect calibration."
)


_CSS = """
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


__all__ = ["render_overview", "render_report", "render_report_html", "worst_group_text"]
