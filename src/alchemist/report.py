"""The run report: ``report.md`` rendered from the data the pipeline passes in.

Nothing here reads or writes files, or computes a figure: it lays out the run's summary (as
``pipeline.rerun`` returns it) and its program diagnostics as Markdown.
"""

from __future__ import annotations

from typing import Any

from alchemist.analysis import Diagnostics
from alchemist.task import Task


def render_report(task: Task, summary: dict[str, Any], diagnostics: Diagnostics) -> str:
    """The Markdown report of a run: label model, coverage, accuracy, generation, programs."""
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


__all__ = ["render_report"]
