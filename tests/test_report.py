"""report.md and report.html, on a real run directory built without an LLM."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

from alchemist.evaluation.metrics import group_accuracy, paired_gain, score
from alchemist.report.overview import verdict
from alchemist.report.render import render_report, render_report_html
from alchemist.run.pipeline import diagnose_run

from .run_helpers import build_run


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetches = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.fetches += tag == "script" or any(
            k in ("src", "href") and v and "://" in v for k, v in attrs
        )


def test_every_run_writes_a_standalone_report_html(tmp_path: Path):
    run = build_run(tmp_path / "run")
    html = (run.folder / "report.html").read_text()
    parsed = _Tags()
    parsed.feed(html)
    assert parsed.fetches == 0  # nothing to fetch, nothing to run: opens without a server
    # The four charts and the test split's reliability diagram, inline.
    assert parsed.tags.count("svg") == 5
    summary = json.loads((run.folder / "summary.json").read_text())
    distilled = summary["evaluation"]["test"]["distilled"]["accuracy"]
    assert f"{distilled:.3f}" in html and "majority class (baseline)" in html
    # The pipeline builds it from memory; read back from the files it is the same page.
    assert render_report_html(run.overview()) == html


def test_report_html_escapes_the_task_text(tmp_path: Path):
    run = build_run(tmp_path / "run")
    overview = run.overview()
    overview.task = overview.task.__class__(
        **{**vars(overview.task), "description": "<script>alert(1)</script>"}
    )
    html = render_report_html(overview)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_md_lists_the_votes_ignored_as_no_better_than_chance(tmp_path: Path):
    run = build_run(tmp_path / "run")
    summary = json.loads((run.folder / "summary.json").read_text())
    assert summary["ignored_votes"] == []  # use_gold off: nothing is ignored
    assert "Votes ignored" not in (run.folder / "report.md").read_text()
    summary["ignored_votes"] = [
        {
            "program": "p003",
            "class": "ham",
            "dev_votes": 40,
            "dev_precision": 0.35,
            "class_share": 0.5,
        }
    ]
    text = render_report(run.task(), summary, diagnose_run(run))
    assert "## Votes ignored: no better than chance on dev" in text
    assert "| p003 | ham | 35% of 40 | 50% |" in text


def test_report_md_gives_the_worst_group_where_the_data_has_groups(tmp_path: Path):
    run = build_run(tmp_path / "run")
    summary = json.loads((run.folder / "summary.json").read_text())
    assert "| test | distilled |" in (run.folder / "report.md").read_text()
    test = summary["evaluation"]["test"]
    test["distilled"]["groups"] = group_accuracy(
        [0, 0, 1, 1], [0, 0, 1, 0], ["water", "water", "land", "land"]
    )
    text = render_report(run.task(), summary, diagnose_run(run))
    assert f"| {test['distilled']['coverage']:.1%} | 0.500 (gap 0.250) |" in text
    assert f"| {test['label_model']['coverage']:.1%} | – |" in text


def test_each_split_says_whether_the_programs_beat_the_dev_labels_alone():
    gold = np.array([0, 1] * 100)
    theirs = np.where(np.arange(200) < 150, gold, 1 - gold)  # right on 150 of 200 rows

    def entry(ours: np.ndarray) -> dict:
        scored = {m: score(gold, p, 2) for m, p in (("distilled", ours), ("dev_only", theirs))}
        scored["distilled"]["versus_dev_only"] = paired_gain(gold, ours, theirs)
        return scored

    better = np.where(np.arange(200) < 190, gold, 1 - gold)  # 40 rows more, none fewer
    helped = verdict("test", entry(better))
    assert helped.startswith("test: distilled 0.950 accuracy against 0.750 for the same model")
    assert "(+20.0 ± 5.7 points, two standard errors; macro-F1 +" in helped and helped.endswith(
        "programs helped."
    )
    worse = np.where(np.arange(200) < 100, gold, 1 - gold)
    assert verdict("test", entry(worse)).endswith("the dev labels alone did better.")
    # Two rows more out of 200: sampling the rows could give that.
    close = np.where(np.arange(200) < 152, gold, 1 - gold)
    said = verdict("dev", {**entry(close), "label_model": {}})
    assert "(+1.0 ± 1.4 points" in said and "within the noise of 200 rows" in said
    entry_oof = entry(close)
    entry_oof["distilled"]["out_of_fold"] = True
    assert verdict("dev", entry_oof).startswith("dev (out of fold): ")
    assert verdict("test", {"distilled": score(gold, better, 2)}) == ""
    # Beside the strongest simple reference, the verdict is drawn against it.
    against = entry(better)
    against["reference"] = score(gold, close, 2)
    against["distilled"]["versus_reference"] = paired_gain(gold, better, close)
    said = verdict("test", against)
    assert "against 0.760 for the best simple model on the dev labels alone" in said
    assert said.endswith("the programs helped.")
    against["distilled"]["is_reference"] = True
    assert "the end model is the best simple model" in verdict("test", against)
