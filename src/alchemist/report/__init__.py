"""What a person reads about a run: the overview's figures and honest baselines (``overview``),
``report.md`` / ``report.html`` (``render``) and the inline SVG charts both the report and the
workbench draw (``charts``). Nothing here computes a label or writes a file.

May import: ``alchemist.diagnostics``, ``alchemist.label_matrix``, ``alchemist.task``,
``alchemist.llm.ledger``, ``alchemist.evaluation`` and the run folder's reader
(``alchemist.run.folder``, to read a finished run).
"""

from alchemist.report.overview import Overview, Score, verdict
from alchemist.report.render import render_overview, render_report, render_report_html

__all__ = [
    "Overview",
    "Score",
    "render_overview",
    "render_report",
    "render_report_html",
    "verdict",
]
