"""The workbench's model of a run: versions, enabling, trying, re-running, concurrent edits."""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")

from alchemist.errors import RunError  # noqa: E402
from alchemist.report.overview import method_name  # noqa: E402
from alchemist.review import items as item_pages  # noqa: E402
from alchemist.review.workbench import NotFound, Workbench  # noqa: E402
from alchemist.run import pipeline  # noqa: E402

from .run_helpers import build_run  # noqa: E402

BETTER_P003 = (
    "def label_spam(text):\n    t = text.lower()\n"
    "    return 0 if len(text) < 40 and 'check' not in t and 'subscribe' not in t "
    "else -1\n"
)


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    return Workbench(build_run(tmp_path / "run").folder)


def _wait(bench: Workbench, seconds: float = 120) -> None:
    deadline = time.time() + seconds
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


GOLD_RERUN_SECONDS = 900  # the end model's cross-validation, on a busy machine


@pytest.fixture(scope="module")
def gold_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run made as runs with dev labels are: dev classifier, label model and end model
    chosen on dev (built once; each test works on its own copy)."""
    return build_run(tmp_path_factory.mktemp("gold") / "run", use_gold=True).folder


def _copy(run: Path, to: Path) -> Path:
    shutil.copytree(run, to)
    return to


def test_items_counts_agree_with_the_overview_on_every_split(gold_run: Path, tmp_path: Path):
    bench = Workbench(_copy(gold_run, tmp_path / "run"))
    view, scores = bench.view(), bench.overview().scores
    checked = set()
    for score in scores:
        if score.method not in ("label_model", "distilled"):
            continue
        part = view.splits[score.split]
        known = int((part.dataset.gold >= 0).sum())
        show = "label-model-wrong" if score.method == "label_model" else "distilled-wrong"
        wrong = item_pages.select(part, show=show).total
        assert wrong == known - round(score.accuracy * known), (score.split, score.method)
        checked.add((score.split, score.method))
    assert {split for split, _ in checked} == set(view.splits) and len(checked) == 6
    assert view.splits["dev"].out_of_fold and not view.splits["test"].out_of_fold
    summary = json.loads((bench.folder / "summary.json").read_text())
    assert view.label_model == summary["label_model"]["name"]


def test_incremental_rerun_equals_a_full_rerun_with_the_choices_kept(
    gold_run: Path, tmp_path: Path
):
    bench = Workbench(_copy(gold_run, tmp_path / "incremental"))
    full = pipeline.RunDir(_copy(gold_run, tmp_path / "full"))
    bench.save_version("p003", BETTER_P003)
    Workbench(full.folder).save_version("p003", BETTER_P003)
    bench.start_rerun()
    _wait(bench, GOLD_RERUN_SECONDS)
    rows = {s: len(d) for s, d in bench.splits().items()}
    assert bench.job.executed == rows  # one program (the new one) on every split
    (full.folder / "matrices" / "programs.json").unlink()  # nothing to reuse: all executed
    pipeline.rerun(full, keep_choices=True)
    ours = json.loads((bench.folder / "summary.json").read_text())
    theirs = json.loads((full.folder / "summary.json").read_text())
    assert ours["kept_choices"] and theirs["kept_choices"]
    assert ours["choices"] == theirs["choices"]
    assert ours["evaluation"] == theirs["evaluation"]
    for split, named in full.read_predictions().items():
        for name, values in named.items():
            np.testing.assert_array_equal(
                pipeline.RunDir(bench.folder).read_predictions()[split][name], values
            )


def test_choices_are_kept_unless_asked_and_the_change_box_says_what_fell(
    gold_run: Path, tmp_path: Path
):
    bench = Workbench(_copy(gold_run, tmp_path / "run"))
    chosen = bench.choices()
    bench.set_enabled("p001", False)
    bench.start_rerun()
    _wait(bench, GOLD_RERUN_SECONDS)
    assert bench.choices() == chosen
    changes = bench.changes()
    assert changes is not None and not changes.chose_again and changes.choices_changed == []
    fell = [
        f"{c.split} {method_name(c.method)} {figure}"
        for c in changes.rows
        for figure, old, new in (
            ("accuracy", c.accuracy_before, c.accuracy),
            ("macro-F1", c.macro_f1_before, c.macro_f1),
        )
        if old is not None and new is not None and new < old - 0.0005
    ]
    assert changes.fell == fell, changes.rows
    # Where figures fell the box names each: the overview before with every accuracy higher.
    assert bench.previous is not None
    bench.previous.scores = [replace(s, accuracy=s.accuracy + 0.1) for s in bench.previous.scores]
    higher = bench.changes()
    assert higher is not None
    fell = higher.fell
    assert {"dev label model accuracy", "test distilled model accuracy"} <= set(fell)
    assert not any(f.endswith("macro-F1") for f in fell if f not in changes.fell)
    assert changes.balance is not None and changes.balance_before is not None
    assert abs(sum(changes.balance) - 1) < 1e-9
    bench.start_rerun(choose_again=True)
    _wait(bench, GOLD_RERUN_SECONDS)
    summary = json.loads((bench.folder / "summary.json").read_text())
    assert not summary["kept_choices"] and bench.job.choose_again
