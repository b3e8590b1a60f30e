"""A run's labels: suggestions on a real run, test rows refused, labels joining the dev split."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from alchemist.errors import LabelError
from alchemist.labels import row_ids
from alchemist.labels.store import LabelStore
from alchemist.programs import Program
from alchemist.run import pipeline
from alchemist.run.folder import MIN_CHOICE_LABELS, load_splits
from alchemist.run.labeling import RunLabels, suggest
from alchemist.task import load_task

from .conftest import EXAMPLES
from .run_helpers import PROGRAMS
from .synthetic import spam_splits


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> pipeline.RunDir:
    """The synthetic spam splits (shaped like YouTube's) with no dev split (the person starts
    from zero labels) and the gold on."""
    folder = tmp_path_factory.mktemp("labels")
    youtube = spam_splits(folder / "spam")
    task = load_task(EXAMPLES / "youtube.yaml")
    config = pipeline.RunConfig(
        data=str(youtube / "train.json"),
        test=str(youtube / "test.json"),
        n_programs=len(PROGRAMS),
        workers=1,
        use_cache=False,
        featurizer="tfidf",
    )
    run = pipeline.init_run(folder / "run", task, config)
    for program_id, source in PROGRAMS.items():
        run.programs.add(Program(id=program_id, source=source, function_name=task.function_name))
    pipeline.rerun(run)
    return run


def test_test_rows_are_never_suggested_and_never_take_a_label(run: pipeline.RunDir):
    labels = RunLabels(run)
    suggested = labels.suggest(50)
    assert len(suggested) == 50 and len({s.id for s in suggested}) == 50
    # Every row it would ever suggest: none shares its inputs with a test row (the training
    # data repeats some test comments word for word).
    everything = {s.id for s in labels.suggest(5000)}
    eligible = {r for r in labels.items if r not in labels.test_ids}
    assert len(everything) > len(eligible) / 2 and not everything & labels.test_ids
    assert {r for r in labels.items if r in labels.test_ids}  # such rows exist
    test_row = next(iter(labels.test_ids - set(labels.items)))
    with pytest.raises(LabelError, match="test split"):
        labels.store.label(test_row, "SPAM")
    assert labels.current() == {}


def test_labels_join_dev_and_below_the_rule_nothing_is_chosen(run: pipeline.RunDir):
    labels = RunLabels(run)
    task = labels.task
    train = load_splits(task, labels.config)["train"]
    gold = dict(zip(row_ids(train.items), train.gold, strict=True))
    # Twenty suggested rows whose inputs no other row shares (the training data repeats some
    # comments many times over: a label on one such joins every copy to dev).
    copies = Counter(row_ids(train.items))
    chosen = [s.id for s in suggest(run, 60) if copies[s.id] == 1][:20]
    assert len(chosen) == 20 < MIN_CHOICE_LABELS
    labels.store.label_many({r: task.class_names[gold[r]] for r in chosen})
    assert not {s.id for s in suggest(run, 20)} & set(chosen)  # labeled rows leave the queue

    splits = run.splits(task, labels.config)
    # A label names a row by its inputs: every training row with those inputs joins dev.
    joined = sum(r in set(chosen) for r in row_ids(train.items))
    assert 20 <= joined < MIN_CHOICE_LABELS and len(splits["dev"]) == joined
    assert len(splits["train"]) == len(train) - joined
    assert set(row_ids(splits["dev"].items)) == set(chosen)
    summary = pipeline.rerun(run)
    assert summary["label_model"]["name"] == "average"  # the default: not chosen on 20 rows
    assert summary["label_model"]["dev_scores"] == {}
    distilled = run.read_json("distill.json")
    assert distilled["gold_rows"] == joined and distilled["end_model"] == "stacked"
    assert distilled["featurizer"] == "tfidf"  # the run's setting, not a choice on 20 labels
    assert "nothing is chosen by cross-validation" in distilled["why"]
    assert set(distilled["weights"]) == {"programs", "reference"}
    assert min(distilled["weights"].values()) >= 0
    # The reference on the labels is scored beside the end model, with the verdict against it.
    test = summary["evaluation"]["test"]
    assert "reference" in test and "versus_reference" in test["distilled"]
    assert summary["end_model"]["model"] == "stacked"
    # The training votes were re-run without the labeled rows; suggestions still line up.
    assert len(suggest(run, 5)) == 5
    LabelStore(run.labels_dir, classes=task.class_names).path.unlink()
    assert np.isfinite(pipeline.rerun(run)["coverage"]["train"])


def test_report_shows_calibration_and_unsure_rows_export_for_review(run: pipeline.RunDir, tmp_path):
    summary = run.read_json("summary.json")
    test = summary["calibration"]["test"]
    assert set(summary["calibration"]) == {"test"}  # never dev: the model trained on it
    assert test["n"] == 250 and 0 <= test["ece"] < 0.5 and "10 equal-width" in test["binning"]
    assert sum(b["count"] for b in test["bins"]) == test["n"]
    html = (run.folder / "report.html").read_text()
    assert 'id="calibration"' in html and "ECE" in html
    assert "expected calibration error" in (run.folder / "report.md").read_text()

    labels = RunLabels(run)
    path, count = labels.export_review(tmp_path / "review.csv", 0.8)
    table = pd.read_csv(path)
    assert count == len(table) > 0 and (table["alchemist_probability"] < 0.8).all()
    assert table["alchemist_probability"].is_monotonic_increasing  # least sure first
    assert not set(table["alchemist_id"]) & (set(labels.current()) | labels.test_ids)
    tasks = json.loads(labels.export_review(tmp_path / "review.json", 0.8)[0].read_text())
    assert len(tasks) == count and tasks[0]["predictions"][0]["score"] < 0.8
    assert tasks[0]["predictions"][0]["result"][0]["value"]["choices"][0] in ("HAM", "SPAM")


def test_suggest_command_prints_rows_and_moves_labels_in_and_out(
    run: pipeline.RunDir, tmp_path, capsys
):
    from alchemist.cli.main import main

    assert main(["suggest", str(run.folder), "-n", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6  # id, score, reason; then the text
    row, score = lines[0].split()[:2]
    assert len(row) == 16 and 0 < float(score) <= 2
    (tmp_path / "in.csv").write_text(f"alchemist_id,label\n{row},SPAM\n")
    assert main(["suggest", str(run.folder), "--import", str(tmp_path / "in.csv")]) == 0
    assert RunLabels(run).current()[row] == "SPAM"
    assert main(["suggest", str(run.folder), "--export", str(tmp_path / "out.json")]) == 0
    assert row in (tmp_path / "out.json").read_text()
    test_row = next(iter(RunLabels(run).test_ids - set(RunLabels(run).items)))
    (tmp_path / "bad.csv").write_text(f"alchemist_id,label\n{row},HAM\n{test_row},SPAM\n")
    capsys.readouterr()
    assert main(["suggest", str(run.folder), "--import", str(tmp_path / "bad.csv")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "test rows never take a label" in error
    assert RunLabels(run).current()[row] == "SPAM"  # nothing of the bad file was written
