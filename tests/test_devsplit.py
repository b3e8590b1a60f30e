"""The dev split's uses in a run: the dev classifier's votes, the gold end model, baselines
(on the synthetic spam splits)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alchemist.data.dataset import load_dataset
from alchemist.distill import featurizer_candidates
from alchemist.distill.dev_classifier import choose_featurizer
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import make_label_model
from alchemist.run import features as dev_features
from alchemist.run.aggregation import (
    DEV_CLASSIFIER,
    add_dev_classifier,
    aggregate,
    drop_chance_votes,
    fold_pseudolabels,
)
from alchemist.run.distillation import dev_only_baseline
from alchemist.run.features import end_model_featurizers, featurizer_for, few_labels_featurizer
from alchemist.run.scoring import evaluate


def test_dev_classifier_votes_and_baselines(youtube_task, config, spam_folder):
    splits = {
        s: load_dataset(spam_folder / f, youtube_task)
        for s, f in (("train", "train.json"), ("dev", "valid.json"), ("test", "test.json"))
    }
    empty = {s: LabelMatrix(np.zeros((len(d), 0), dtype=np.int8), []) for s, d in splits.items()}
    gold_config = replace(config, use_gold=True)
    voting = add_dev_classifier(youtube_task, empty, splits, gold_config)
    assert all(m.program_ids == [DEV_CLASSIFIER] for m in voting.values())
    # Out of fold on dev: its dev accuracy is an honest estimate, close to its test accuracy.
    accuracy = {s: (voting[s].votes[:, 0] == splits[s].gold).mean() for s in ("dev", "test")}
    assert accuracy["test"] > 0.8 and abs(accuracy["dev"] - accuracy["test"]) < 0.1
    assert add_dev_classifier(youtube_task, empty, splits, config) is empty  # use_gold off
    dev_only = dev_only_baseline(youtube_task, splits, gold_config)
    assert dev_only is not None and dev_only.classifier_.name == "mlp"
    logistic = dev_only_baseline(youtube_task, splits, gold_config, ["logistic"])
    assert logistic is not None and logistic.classifier_.name == "logistic"
    model = make_label_model("majority").fit(voting["train"].votes, 2)
    result = evaluate(youtube_task, {"test": splits["test"]}, voting, model, dev_only, dev_only)
    test = result["test"]
    assert test["majority_class"]["accuracy"] == max(np.bincount(splits["test"].gold)) / len(
        splits["test"].gold
    )
    paired = test["distilled"].pop("versus_dev_only")  # the same model: no gain, no noise
    assert paired == {"n": 250, "accuracy_gain": 0.0, "standard_error": 0.0}
    assert test["dev_only"] == test["distilled"]
    # With group labels every model gets its worst-group accuracy, the baseline included.
    lengths = np.array([len(t) > 80 for t in splits["test"].items])
    grouped = replace(splits["test"], groups=np.where(lengths, "long", "short"))
    test = evaluate(youtube_task, {"test": grouped}, voting, model, dev_only, dev_only)["test"]
    assert {"label_model", "distilled", "dev_only"} <= {m for m in test if "groups" in test[m]}
    assert test["dev_only"]["groups"]["worst_group"] <= test["dev_only"]["accuracy"]


def test_votes_no_better_than_chance_on_dev_are_ignored_on_every_split(
    youtube_task, config, spam_folder
):
    splits = {
        s: load_dataset(spam_folder / f, youtube_task)
        for s, f in (("train", "train.json"), ("dev", "valid.json"), ("test", "test.json"))
    }

    def votes(gold: np.ndarray) -> np.ndarray:
        rows = np.arange(len(gold))
        spam = gold == 1
        first_spam = np.flatnonzero(spam)[:1]
        return np.stack(
            [
                np.where(rows % 3 == 0, -1, gold),  # right whenever it votes
                # spam votes right; "ham" votes only ever on spam rows: no better than chance
                np.where(spam, np.where(rows % 2 == 0, 1, 0), -1),
                np.where(np.isin(rows, first_spam), 0, -1),  # one wrong vote: too few to judge
            ],
            axis=1,
        )

    matrices = {s: LabelMatrix(votes(d.gold), ["good", "half", "once"]) for s, d in splits.items()}
    gold_config = replace(config, use_gold=True)
    kept, ignored = drop_chance_votes(youtube_task, matrices, splits, gold_config)
    ham = youtube_task.classes[0].name
    assert [(r["program"], r["class"], r["dev_precision"]) for r in ignored] == [("half", ham, 0)]
    assert (
        ignored[0]["dev_votes"]
        == ((splits["dev"].gold == 1) & (np.arange(len(splits["dev"])) % 2 == 1)).sum()
    )
    for split, matrix in kept.items():
        before = matrices[split].votes
        assert (matrix.votes[:, [0, 2]] == before[:, [0, 2]]).all()
        assert (matrix.votes[:, 1] == np.where(before[:, 1] == 0, -1, before[:, 1])).all()
        assert (before[:, 1] == 0).any()  # there were such votes on this split to drop
    unchanged, none = drop_chance_votes(youtube_task, matrices, splits, config)  # use_gold off
    assert unchanged is matrices and none == []


def test_each_folds_pseudolabels_read_no_gold_label_of_the_fold(youtube_task, config, spam_folder):
    """The end model's cross-validation scores each dev fold against pseudolabels made without
    its gold labels: the dev classifier retrained, the label model refitted on the other rows."""
    splits = {
        s: load_dataset(spam_folder / f, youtube_task)
        for s, f in (("train", "train.json"), ("dev", "valid.json"))
    }
    rules = (("http", 1), ("subscribe", 1), ("song", 0), ("love", 0))
    matrices = {
        s: LabelMatrix(
            np.array([[c if w in t.lower() else -1 for w, c in rules] for t in d.items]),
            [w for w, _ in rules],
        )
        for s, d in splits.items()
    }
    gold_config = replace(config, use_gold=True)
    voting = add_dev_classifier(youtube_task, matrices, splits, gold_config)
    fitted = aggregate(youtube_task, voting, splits, gold_config)
    covered = voting["train"].covered()
    every = np.arange(len(splits["dev"]))
    held, rows = every[::5], np.setdiff1d(every, every[::5])
    flipped = dict(splits, dev=replace(splits["dev"], gold=splits["dev"].gold.copy()))
    flipped["dev"].gold[held] = 1 - flipped["dev"].gold[held]
    chosen = (fitted.name, fitted.params)
    for label_model in (chosen, ("stacked", {"base": "dawid_skene", "C": 1.0})):
        soft = fold_pseudolabels(youtube_task, voting, splits, gold_config, label_model, covered)
        assert soft is not None
        if label_model == chosen:  # from every dev row: the run's own pseudolabels
            np.testing.assert_allclose(soft(every), fitted.proba[covered], atol=1e-6)
        again = fold_pseudolabels(youtube_task, voting, flipped, gold_config, label_model, covered)
        assert again is not None
        np.testing.assert_array_equal(soft(rows), again(rows))  # the held rows' labels unread
        assert not np.array_equal(soft(every), again(every))
    assert fold_pseudolabels(youtube_task, voting, splits, config, label_model, covered) is None


def test_the_runs_featurizer_is_chosen_once_on_labeled_dev_rows(
    youtube_task, config, spam_folder, monkeypatch
):
    splits = {
        s: load_dataset(spam_folder / f, youtube_task)
        for s, f in (("train", "train.json"), ("dev", "valid.json"))
    }
    gold_config = replace(config, use_gold=True, featurizer="auto")
    candidates = featurizer_candidates("text")
    chosen = featurizer_for(youtube_task, splits, gold_config)
    assert chosen in candidates
    expected, _ = choose_featurizer(
        splits["dev"].frame, splits["dev"].gold, n_classes=2, candidates=candidates
    )
    assert chosen == expected

    def not_again(*args, **kwargs):
        raise AssertionError("chosen again")

    monkeypatch.setattr(dev_features, "choose_featurizer", not_again)
    assert featurizer_for(youtube_task, splits, gold_config) == chosen  # every stage: the same
    assert (
        featurizer_for(youtube_task, splits, replace(gold_config, featurizer="minilm")) == "minilm"
    )
    # Without dev labels to choose: the last candidate (MiniLM where installed).
    assert featurizer_for(youtube_task, {"train": splits["train"]}, gold_config) == candidates[-1]
    unused = replace(gold_config, use_gold=False)
    assert featurizer_for(youtube_task, splits, unused) == candidates[-1]
    # The distilled model's cross-validation tries every candidate; set, it tries that one.
    assert end_model_featurizers(youtube_task, splits, gold_config) == candidates
    no_dev = {"train": splits["train"]}
    assert end_model_featurizers(youtube_task, no_dev, gold_config) == [candidates[-1]]
    assert end_model_featurizers(
        youtube_task, splits, replace(gold_config, featurizer="hashing")
    ) == ["hashing"]
    baseline = dev_only_baseline(youtube_task, splits, gold_config, ["logistic"], "tfidf")
    assert baseline is not None and baseline.featurizer_.name == "tfidf"
    # Too few labels to choose by: the features used without labels, never chosen on them.
    assert few_labels_featurizer(youtube_task, gold_config) == candidates[-1]
    assert few_labels_featurizer(youtube_task, replace(gold_config, featurizer="tfidf")) == "tfidf"
