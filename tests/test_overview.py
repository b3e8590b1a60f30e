"""The run overview and report.html, on a real run directory built without an LLM."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from alchemist.overview import Overview

from .run_helpers import build_run


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.scripts += tag == "script" or any(
            k in ("src", "href") and v and "://" in v for k, v in attrs
        )


def test_every_run_writes_a_standalone_report_html(tmp_path: Path):
    run = build_run(tmp_path / "run")
    html = (run.folder / "report.html").read_text()
    parsed = _Tags()
    parsed.feed(html)
    assert parsed.scripts == 0  # nothing to fetch, nothing to run
    assert parsed.tags.count("svg") == 4  # the four charts, inline
    summary = json.loads((run.folder / "summary.json").read_text())
    distilled = summary["evaluation"]["test"]["distilled"]["accuracy"]
    assert f"{distilled:.3f}" in html and "majority class (baseline)" in html


def test_overview_scores_and_majority_class_baseline(tmp_path: Path):
    run = build_run(tmp_path / "run")
    overview = Overview.read(run.folder)
    summary = json.loads((run.folder / "summary.json").read_text())
    assert (
        overview.accuracy("test", "label_model")
        == summary["evaluation"]["test"]["label_model"]["accuracy"]
    )
    # The dev split's majority class is HAM; on the test split HAM is 132 of 250 rows.
    assert overview.accuracy("test", "majority_class") == 132 / 250
    assert [s.baseline for s in overview.scores if s.split == "test"] == [False, False, True, True]
    assert overview.program_ids == ["p001", "p002", "p003", "p004", "p005"]
