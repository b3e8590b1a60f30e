"""The workbench's model of a run: versions, enabling, trying, re-running, concurrent edits."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")

from alchemist.errors import RunError  # noqa: E402
from alchemist.review.workbench import NotFound, Workbench  # noqa: E402

from .run_helpers import build_run  # noqa: E402

BETTER_P003 = (
    "def label_spam(text):\n    t = text.lower()\n"
    "    return 0 if len(text) < 40 and 'check' not in t and 'subscribe' not in t "
    "else -1\n"
)


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    return Workbench(build_run(tmp_path / "run").folder)


def _wait(bench: Workbench) -> None:
    deadline = time.time() + 120
    while bench.job.state == "running" and time.time() < deadline:
        time.sleep(0.1)
    assert bench.job.state == "done", bench.job.error


def test_saving_keeps_the_old_version_and_numbers_the_new_ones(bench: Workbench):
    old_source = bench.program("p003").source
    v2 = bench.save_version("p003", BETTER_P003)
    v3 = bench.save_version(v2.id, BETTER_P003.replace("40", "30"))
    assert (v2.id, v3.id) == ("p003_v2", "p003_v3")
    assert v3.provenance["parent"] == "p003_v2" and v3.enabled
    programs = {p.id: p for p in bench.programs()}
    assert programs["p003"].source == old_source and not programs["p003"].enabled
    assert not programs["p003_v2"].enabled and programs["p003_v3"].source.count("30") == 1
    with pytest.raises(NotFound):
        bench.program("../p003")


def test_rerun_uses_the_edits_and_reports_the_change(bench: Workbench):
    before = bench.overview().accuracy("dev", "label_model")
    bench.set_enabled("p001", False)
    bench.save_version("p003", BETTER_P003)
    bench.start_rerun()
    _wait(bench)
    summary = json.loads((bench.folder / "summary.json").read_text())
    assert summary["programs"] == ["p002", "p003_v2", "p004", "p005"]
    after = bench.overview().accuracy("dev", "label_model")
    assert after == summary["evaluation"]["dev"]["label_model"]["accuracy"] != before
    assert bench.previous is not None and bench.previous.accuracy("dev", "label_model") == before
    assert bench.view().splits["dev"].matrix.program_ids == summary["programs"]


def test_changes_wait_while_a_rerun_runs(bench: Workbench):
    bench.start_rerun()
    with pytest.raises(RunError, match="in progress"):
        bench.set_enabled("p001", False)
    _wait(bench)
    assert not bench.set_enabled("p001", False).enabled


def test_concurrent_saves_from_two_workbenches_never_collide(bench: Workbench):
    other = Workbench(bench.folder)  # e.g. a second browser tab on another server

    def save(k: int) -> str:
        return (bench if k % 2 else other).save_version("p004", BETTER_P003).id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(save, range(8)))
    assert sorted(ids) == sorted(f"p004_v{n}" for n in range(2, 10))
    for path in (bench.folder / "programs").glob("*.json"):
        json.loads(path.read_text())  # every metadata file whole
    assert not list((bench.folder / "programs").glob(".*.tmp"))


def test_trying_reports_votes_gold_and_the_saved_versions_votes(bench: Workbench):
    result = bench.try_program("p003", BETTER_P003, "dev", 40)
    assert result.ok and len(result.rows) == 40 and result.reason == ""
    dev = bench.view().splits["dev"]
    column = dev.matrix.program_ids.index("p003")
    for row in result.rows:
        assert row.gold == dev.dataset.gold[row.row]
        assert row.before == dev.matrix.votes[row.row, column]
        text = dev.dataset.items[row.row]
        short = len(text) < 40 and "check" not in text.lower() and "subscribe" not in text.lower()
        assert row.vote == (0 if short else -1) and row.error == ""
