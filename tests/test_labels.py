"""The user's labels: the append-only store, import/export, and the suggestion rule."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from alchemist.errors import LabelError
from alchemist.labels import (
    FAIR_REASON,
    Evidence,
    LabelStore,
    label_studio_tasks,
    labels_frame,
    rank,
    read_csv,
    read_label_studio,
    row_id,
    write_csv,
    write_label_studio,
)
from alchemist.task import load_task

from .conftest import EXAMPLES

CLASSES = ("HAM", "SPAM")


def _store(folder: Path, **kwargs) -> LabelStore:
    return LabelStore(folder, classes=CLASSES, **kwargs)


def test_labels_fold_label_correct_undo_and_carry_user_and_time(tmp_path: Path):
    store = _store(tmp_path)
    assert store.label("a", "HAM").event.action == "label"
    assert store.label("a", "HAM").event is None  # already so: nothing written
    assert store.label("a", "SPAM").event.action == "correct"
    store.label("b", "SPAM", user="ana")
    assert store.current() == {"a": "SPAM", "b": "SPAM"}
    assert store.undo("a").label == "HAM"  # back to before the correction
    assert store.undo("b").label is None
    assert store.undo("b").event is None  # nothing left to undo
    assert store.current() == {"a": "HAM"}
    lines = [json.loads(x) for x in store.path.read_text().splitlines()]
    assert [x["action"] for x in lines] == ["label", "correct", "label", "undo", "undo"]
    assert lines[2]["user"] == "ana" and lines[0]["user"] and lines[0]["time"].startswith("20")


def test_a_line_cut_short_by_a_crash_is_skipped_and_the_next_label_kept(tmp_path: Path):
    store = _store(tmp_path)
    store.label("a", "HAM")
    with store.path.open("a") as f:
        f.write('{"event": "x", "row": "b", "cla')  # killed mid-line
    store.label("c", "SPAM")
    assert store.current() == {"a": "HAM", "c": "SPAM"}


def test_test_rows_unknown_rows_and_classes_are_refused_in_one_line(tmp_path: Path):
    store = _store(tmp_path, refused={"t1"}, allowed={"a", "b"})
    with pytest.raises(LabelError, match="test split, and test rows never take a label"):
        store.label("t1", "HAM")
    with pytest.raises(LabelError, match="No row zz"):
        store.label("zz", "HAM")
    with pytest.raises(LabelError, match="not a class of the task"):
        store.label("a", "EGGS")
    with pytest.raises(LabelError, match="test split"):
        store.label_many({"a": "HAM", "t1": "SPAM"})  # checked whole: nothing written
    assert not store.path.exists()


def _writer(folder: str, rows: list[str], start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    store = _store(Path(folder))
    for row in rows:
        store.label(row, "SPAM" if int(row[1:]) % 2 else "HAM")


def test_two_concurrent_writers_keep_each_label_exactly_once(tmp_path: Path):
    rows = [f"r{i}" for i in range(300)]
    # Both label rows 0..199 in the same order (two tabs on the same suggestions, racing for
    # each row), and each 50 rows of its own.
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    writers = [
        ctx.Process(target=_writer, args=(str(tmp_path), part, start))
        for part in (rows[:250], rows[:200] + rows[250:])
    ]
    for w in writers:
        w.start()
    start.set()
    for w in writers:
        w.join(30)
        assert w.exitcode == 0
    events = _store(tmp_path).events()
    assert sorted(e.row for e in events) == sorted(rows)  # none lost, none doubled
    assert all(e.action == "label" for e in events)
    assert all(json.loads(line) for line in _store(tmp_path).path.read_text().splitlines())


def test_label_studio_and_csv_exports_reimport_to_the_same_labels(tmp_path: Path):
    task = load_task(EXAMPLES / "youtube.yaml")
    texts = ["check my channel", 'she said "hi", then\nleft', "Ünïcode ♥ song"]
    items = {row_id(t): t for t in texts}
    store = LabelStore(tmp_path / "labels", classes=task.class_names)
    store.label_many(dict(zip(items, ["SPAM", "HAM", "HAM"], strict=True)))
    store.label(row_id(texts[2]), "SPAM")  # a correction travels as the current label
    labels = store.current()
    exported = write_label_studio(label_studio_tasks(task, items, labels), tmp_path / "ls.json")
    tasks = json.loads(exported.read_text())
    result = tasks[0]["annotations"][0]["result"][0]
    assert result["type"] == "choices" and result["value"] == {"choices": ["SPAM"]}
    assert read_label_studio(exported, task) == labels
    # Without our ids (tasks made in Label Studio from the data) the inputs name the rows.
    for entry in tasks:
        del entry["data"]["alchemist_id"]
    (tmp_path / "bare.json").write_text(json.dumps(tasks))
    assert read_label_studio(tmp_path / "bare.json", task) == labels
    csv = write_csv(labels_frame(task, items, store.events(), labels), tmp_path / "l.csv")
    assert read_csv(csv, task) == labels


def test_suggestions_pick_the_disagreement_rows_and_never_a_duplicate():
    task = load_task(EXAMPLES / "youtube.yaml")
    rng = np.random.default_rng(0)
    n = 200
    # Three programs agree everywhere except rows 10..19, where they split 2 to 1; rows 10..14
    # are one text five times over.
    truth = rng.integers(0, 2, n)
    votes = np.stack([truth, truth, truth], axis=1)
    disagree = np.arange(10, 20)
    votes[disagree, 2] = 1 - truth[disagree]
    proba = np.eye(2)[truth] * 0.9 + 0.05
    proba[disagree] = np.eye(2)[truth[disagree]] * 0.4 + 0.3
    features = rng.normal(size=(n, 16))
    features[10:15] = features[10]
    keys = [f"row{i}" for i in range(n)]
    keys[11:15] = ["row10"] * 4
    evidence = Evidence(votes, proba, features=features, keys=keys)
    picked = rank(task, evidence, n=6, fair=0.0)  # the rule alone
    rows = [s.row for s in picked]
    assert set(rows) == {10, 15, 16, 17, 18, 19}
    assert all("programs disagree (2 " in s.reason or "1 HAM, 2" in s.reason for s in picked)
    # Without the shared ids, the copies are still never picked twice (distance 0).
    bare = Evidence(votes, proba, features=features)
    again = [s.row for s in rank(task, bare, n=6, fair=0.0)]
    assert len(set(again) & set(range(10, 15))) == 1 and len(set(again)) == 6
    # By default half the batch is drawn at random; the rule's half still goes to the split
    # rows, and no row (nor a copy of one) comes twice.
    mixed = rank(task, evidence, n=6)
    drawn = [s.row for s in mixed if s.reason == FAIR_REASON]
    ruled = [s.row for s in mixed if s.reason != FAIR_REASON]
    assert len(drawn) == 3 and set(ruled) <= set(disagree) and len(ruled) == 3
    assert len({keys[r] for r in drawn + ruled}) == 6


def test_half_of_each_batch_is_a_fair_random_sample_of_the_rows_that_may_be_labeled():
    """Labels chosen only where the run is unsure are the hard rows, not a sample of the data:
    half of each batch is drawn at random among the rows that may be suggested (never one
    that may not: a test row), seeded, and a new draw once labels were added."""
    task = load_task(EXAMPLES / "youtube.yaml")
    n = 2000
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 2, n)
    votes = np.stack([truth, truth, 1 - truth], axis=1)
    votes[:1000] = truth[:1000, None]  # the first half: every program agrees (need is low)
    proba = np.eye(2)[truth] * 0.9 + 0.05
    proba[1000:] = 0.5  # the second half: the label model is unsure
    eligible = np.ones(n, dtype=bool)
    eligible[1500:] = False  # test rows
    evidence = Evidence(votes, proba, eligible=eligible, label_counts=np.array([5.0, 5.0]))
    draws = [rank(task, evidence, n=40, seed=seed) for seed in (0, 0, 1)]
    fair = [{s.row for s in picked if s.reason == FAIR_REASON} for picked in draws]
    assert fair[0] == fair[1] and fair[0] != fair[2] and all(len(f) == 20 for f in fair)
    for picked, rows in zip(draws, fair, strict=True):
        ruled = {s.row for s in picked} - rows
        assert len(ruled) == 20 and all(1000 <= r < 1500 for r in ruled)  # the unsure rows
        assert all(r < 1500 for r in rows) and sum(r < 1000 for r in rows) >= 5  # both halves
    later = Evidence(votes, proba, eligible=eligible, label_counts=np.array([25.0, 25.0]))
    assert {s.row for s in rank(task, later, n=40) if s.reason == FAIR_REASON} != fair[0]


def test_expected_calibration_error_uses_ten_equal_width_bins():
    from alchemist.labels.calibration import below, calibration

    # 10 rows at 0.95, half right; 30 rows at 0.55, 18 right: 10/40 x 0.45 + 30/40 x 0.05.
    proba = np.array([[0.95, 0.05]] * 10 + [[0.55, 0.45]] * 30)
    gold = np.array([0, 1] * 5 + [0] * 18 + [1] * 12)
    result = calibration(proba, gold)
    assert result["ece"] == pytest.approx(0.15)
    assert [(b["low"], b["count"]) for b in result["bins"]] == [(0.5, 30), (0.9, 10)]
    perfect = calibration(np.array([[0.3, 0.7]] * 10), np.array([1] * 7 + [0] * 3))
    assert perfect["ece"] == pytest.approx(0.0)
    assert list(below(proba, 0.9)) == list(range(10, 40))
