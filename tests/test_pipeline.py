"""The pipeline over a run directory, with a scripted stand-in for the LLM."""

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alchemist.cli.main import main
from alchemist.data.dataset import load_dataset
from alchemist.distill import DistilledModel, featurizer_candidates
from alchemist.errors import RunError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.labelmodels import simulate_votes
from alchemist.run import aggregation, pipeline
from alchemist.run.folder import RunDir
from alchemist.run.settings import RunConfig
from alchemist.run.synthesize import reference_on_dev
from alchemist.task import task_from_dict

from .conftest import NoCallProvider, ScriptedProvider

PROGRAMS = [
    "```python\nimport re\ndef label_spam(text):\n"
    "    return 1 if re.search(r'https?://|www\\.', text) else -1\n```",
    "def label_spam(text):\n    t = text.lower()\n"
    "    return 1 if 'subscribe' in t or 'my channel' in t else -1\n",
    "I cannot write that function.",  # no code at all
    "Here you go:\n```python\ndef label_spam(text):\n"
    "    return 0 if len(text) < 40 and 'check' not in text.lower() else -1\n```",
    "def label_spam(text):\n    return 0 if 'song' in text.lower() or 'love' in text.lower()"
    " else -1\n",
    "def label_spam(text):\n    return 1 / 0\n",  # crashes on every item
    "def label_spam(text):\n    return len(text)\n",  # not a class id
]


def test_run_stages_resume_and_predict(tmp_path: Path, youtube_task, config):
    provider = ScriptedProvider(PROGRAMS)
    run_dir = tmp_path / "run"
    summary = pipeline.run_pipeline(youtube_task, config, run_dir, provider=provider)
    for name in (
        "task.yaml",
        "run.yaml",
        "matrices/train.npz",
        "matrices/test.npz",
        "pseudolabels.parquet",
        "diagnostics.json",
        "summary.json",
        "report.md",
        "model",
    ):
        assert (run_dir / name).exists(), name
    run = RunDir(run_dir)
    programs = run.programs.load()
    assert len(programs) == 6  # the prose answer was rejected, not stored
    assert len(provider.calls) == 7
    train = run.load_matrices({"train": None})["train"]
    errors = dict(zip(train.program_ids, train.errors.max(axis=0), strict=True))
    assert errors["p005"] == CellError.EXCEPTION and errors["p006"] == CellError.INVALID_OUTPUT
    assert "ZeroDivisionError" in train.reasons["p005"]
    test = summary["evaluation"]["test"]
    assert test["label_model"]["accuracy"] > 0.6
    assert test["distilled"]["accuracy"] > 0.6 and test["distilled"]["coverage"] == 1.0
    assert test["reference_majority_vote"]["accuracy"] > 0.7

    # Re-running reuses the programs on disk: no LLM call, nothing overwritten.
    before = {p.id: p.source for p in programs}
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=NoCallProvider())
    assert {p.id: p.source for p in run.programs.load()} == before

    labeled = pipeline.predict(run_dir, config.test)
    assert len(labeled) == 250 and set(labeled["predicted_label_name"]) <= {"HAM", "SPAM"}
    # No dev labels train this model (use_gold off): its features are the unsupervised default.
    assert DistilledModel.load(run.model_dir).featurizer_.name == featurizer_candidates("text")[-1]


def test_hand_edits_rerun_without_llm(tmp_path: Path, youtube_task, config):
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    run = RunDir(run_dir)
    run.programs.set_enabled("p005", False)
    run.programs.set_enabled("p006", False)
    (run.programs.folder / "p003.py").write_text("def label_spam(text):\n    return 0\n")
    (run.programs.folder / "mine.py").write_text(
        "def label_spam(text):\n    return 1 if 'subscribe' in text.lower() else -1\n"
    )
    summary = pipeline.rerun(run)
    assert summary["programs"] == ["mine", "p001", "p002", "p003", "p004"]
    train = run.load_matrices({"train": None})["train"]
    assert (train.votes[:, train.program_ids.index("p003")] == 0).all()
    assert not train.errors.any()
    # Stage 6 alone (`alchemist distill`) refits from the saved matrices, with the gold rows.
    pipeline.init_run(run_dir, youtube_task, replace(config, use_gold=True))
    model = pipeline.distill_run(run)
    test = pipeline.load_splits(youtube_task, config)["test"]
    assert (model.predict(test.frame) == test.gold).mean() > 0.8
    assert run.read_json("distill.json")["gold_share"] in (0.0, 0.25, 0.5, 0.75, 1.0)
    # Trained on the dev rows, the distilled model and its dev-only twin are scored there out
    # of fold; every split with both says whether the programs helped.
    summary = pipeline.rerun(run)
    dev = summary["evaluation"]["dev"]
    assert dev["distilled"]["out_of_fold"] and dev["dev_only"]["out_of_fold"]
    assert dev["reference"]["out_of_fold"]
    assert "out_of_fold" not in dev["label_model"]
    # The strongest simple reference is scored on every split, and the verdicts are drawn
    # against it; the report says which model is the end model and why.
    for entry in summary["evaluation"].values():
        assert "reference" in entry and "versus_reference" in entry["distilled"]
    assert summary["end_model"]["model"] == run.read_json("distill.json")["end_model"]
    report = (run_dir / "report.md").read_text()
    assert "| dev | reference (out of fold) |" in report
    assert report.count("the best simple model on the dev labels alone") == 3  # train, dev, test
    assert f"End model: {summary['end_model']['why']}" in report


def test_programs_that_never_vote_fail_clearly(tmp_path: Path, youtube_task, config):
    silent = ["def label_spam(text):\n    return -1\n"]
    with pytest.raises(RunError, match="fewer than 2 training rows"):
        pipeline.run_pipeline(
            youtube_task, config, tmp_path / "run", provider=ScriptedProvider(silent)
        )
    assert np.load(tmp_path / "run" / "matrices" / "train.npz")["votes"].max() == -1


def test_quality_loop_drops_weak_programs_and_regenerates(tmp_path: Path, youtube_task, config):
    rare = "def label_spam(text):\n    return 1 if 'money' in text.lower() else -1\n"
    answers = [PROGRAMS[0], rare, PROGRAMS[1], PROGRAMS[4]]
    provider = ScriptedProvider(answers)
    looped = RunConfig.from_dict(
        {**config.to_dict(), "n_programs": 3, "generator": "loop", "max_llm_calls": 6}
    )
    summary = pipeline.run_pipeline(youtube_task, looped, tmp_path / "run", provider=provider)
    run = RunDir(tmp_path / "run")
    assert len(provider.calls) == 4
    enabled = [p.source for p in run.programs.load()]
    assert len(enabled) == 3 and rare not in enabled
    (dropped,) = [p for p in run.programs.load(include_disabled=True) if not p.enabled]
    assert "coverage" in dropped.provenance["dropped"]
    quality = run.read_json("quality.json")
    assert quality["n_llm_calls"] == 4 and quality["reached_target"]
    assert summary["synthesis"]["llm_calls"] == 4


def test_predict_never_overwrites_a_column_of_the_data(
    tmp_path: Path, youtube_task, config, capsys
):
    """A CSV with its own gold 'label' (and an id) keeps both; predictions get their own names,
    and a name already taken is refused in one line naming it and --prefix."""
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": ["subscribe to my channel", "love this song", "check out my page"],
            "label": [1, 0, 1],
            "confidence": ["high", "low", "high"],
        }
    )
    data = tmp_path / "new.csv"
    frame.to_csv(data, index=False)
    out = tmp_path / "labeled.csv"
    assert main(["predict", str(run_dir), str(data), "-o", str(out)]) == 0
    labeled = pd.read_csv(out)
    pd.testing.assert_frame_equal(labeled[list(frame.columns)], frame)
    assert list(labeled.columns[4:]) == [
        "predicted_label",
        "predicted_label_name",
        "predicted_confidence",
    ]
    assert set(labeled["predicted_label"]) <= {0, 1}
    capsys.readouterr()
    taken = tmp_path / "taken.csv"
    frame.assign(predicted_label=0).to_csv(taken, index=False)
    assert main(["predict", str(run_dir), str(taken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("alchemist: error: ") and "\n" not in err
    assert "['predicted_label']" in err and "--prefix" in err
    assert main(["predict", str(run_dir), str(taken), "--prefix", "model_"]) == 0


def test_without_dev_the_label_model_takes_the_class_shares_the_task_states(youtube_task):
    votes, _ = simulate_votes(3000, [0.8, 0.7, 0.65], coverage=0.5, class_balance=[0.6, 0.4])
    matrices = {"train": LabelMatrix(votes, ["p1", "p2", "p3"])}
    no_dev = RunConfig(data="train.csv")
    estimated = aggregation.aggregate(youtube_task, matrices, {}, no_dev)
    assert estimated.params == {} and estimated.name == "average"
    classes = [{"id": 0, "name": "HAM", "share": 0.9}, {"id": 1, "name": "SPAM", "share": 0.1}]
    stated = task_from_dict({**youtube_task.to_dict(), "classes": classes})
    fitted = aggregation.aggregate(stated, matrices, {}, no_dev)
    assert fitted.params == {"class_balance": [0.9, 0.1]}
    np.testing.assert_allclose(fitted.model.class_balance_, [0.9, 0.1])
    assert (fitted.proba.argmax(axis=1) == 1).sum() < (estimated.proba.argmax(axis=1) == 1).sum()


def test_without_labels_the_end_model_answers_in_the_shares_the_task_states(
    tmp_path: Path, youtube_task, config
):
    """No dev label trains or chooses the end model: where the task file states the classes'
    shares, its answers on the training rows take them (and keep them once saved); where it
    states none, they are the classifier's own."""
    classes = [
        {**c, "share": share}
        for c, share in zip(youtube_task.to_dict()["classes"], (0.8, 0.2), strict=True)
    ]
    stated = task_from_dict({**youtube_task.to_dict(), "classes": classes})
    answered = {}
    for name, task in (("own", youtube_task), ("stated", stated)):
        pipeline.run_pipeline(task, config, tmp_path / name, provider=ScriptedProvider(PROGRAMS))
        run = RunDir(tmp_path / name)
        model = DistilledModel.load(run.model_dir)
        train = run.splits(task, config)["train"]
        answered[name] = np.bincount(model.predict(train.frame), minlength=2) / len(train)
        assert (model.class_bias_ is None) == (name == "own")
    assert abs(answered["stated"][1] - 0.2) < 0.01
    assert abs(answered["own"][1] - 0.2) > 0.1  # the programs' own lean was far from it


def test_a_labeled_split_without_some_class_is_warned_about(tmp_path: Path, youtube_task, caplog):
    """A file sorted by label cut by --limit holds one class only: the run says so."""
    from alchemist.data.dataset import load_dataset

    rows = pd.DataFrame({"text": [f"comment {i}" for i in range(20)], "label": [0] * 10 + [1] * 10})
    rows.to_csv(tmp_path / "sorted.csv", index=False)
    config = RunConfig(data=str(tmp_path / "sorted.csv"), limit=10)
    cut = load_dataset(config.data, youtube_task, limit=config.limit)
    whole = load_dataset(config.data, youtube_task)
    assert cut.absent_classes() == ["SPAM"] and whole.absent_classes() == []
    with caplog.at_level("WARNING", logger="alchemist"):
        pipeline.warn_absent_classes({"train": whole, "dev": cut}, config)
    [record] = caplog.records
    assert record.getMessage().startswith("The dev split has no item of class SPAM. --limit 10")


def test_the_default_search_reports_each_llm_call_to_the_run_caller(
    tmp_path: Path, youtube_task, config
):
    searched = replace(config, generator="search", search_candidates=6, search_refinements=0)
    events: list[dict] = []
    pipeline.ensure_programs(
        pipeline.init_run(tmp_path / "run", youtube_task, searched),
        youtube_task,
        searched,
        provider=ScriptedProvider(PROGRAMS),
        progress=events.append,
    )
    calls = [(e["split"], e["done"], e["total"]) for e in events if e.get("unit") == "call"]
    assert calls == [("candidates", d, 6) for d in range(1, 7)]
    # The search counted each program's dev votes against the dev labels' own reference.
    record = json.loads((tmp_path / "run" / "search.json").read_text())["candidates"]
    scored = [c for c in record if c["dev_votes"]]
    assert scored and sum(c["fixes"] + c["breaks"] for c in scored) > 0
    assert all(c["fixes"] + c["breaks"] <= c["dev_votes"] for c in scored)


def test_the_search_is_told_what_the_dev_labels_alone_miss(spam_folder: Path, youtube_task):
    """Per dev row, the reference's out-of-fold probability of its gold class; NaN where the
    gold is unknown, which the reference never reads."""
    dev = load_dataset(spam_folder / "valid.json", youtube_task)
    assert dev.gold is not None
    labeled = replace(dev, gold=np.where(np.arange(len(dev.gold)) == 3, -1, dev.gold))
    config = RunConfig(data=str(spam_folder / "train.json"), featurizer="tfidf")
    on_gold = reference_on_dev(youtube_task, config, labeled)
    assert on_gold is not None and len(on_gold) == len(dev)
    assert np.isnan(on_gold[3]) and not np.isnan(np.delete(on_gold, 3)).any()
    assert 0.5 < np.nanmean(on_gold) < 1  # the labels teach most rows, not every one
