"""The dev split's uses in a run: the dev classifier's votes, the gold end model, baselines."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alchemist.data import load_dataset
from alchemist.devsplit import DEV_CLASSIFIER, add_dev_classifier, dev_only_baseline, evaluate
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import make_label_model

from .conftest import dataset_path


def test_dev_classifier_votes_and_baselines_on_youtube(youtube_task, config):
    folder = dataset_path("youtube")
    splits = {
        s: load_dataset(folder / f, youtube_task)
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
    logistic = dev_only_baseline(youtube_task, splits, gold_config, "logistic")
    assert logistic is not None and logistic.classifier_.name == "logistic"
    model = make_label_model("majority").fit(voting["train"].votes, 2)
    result = evaluate(youtube_task, {"test": splits["test"]}, voting, model, dev_only, dev_only)
    test = result["test"]
    assert test["majority_class"]["accuracy"] == max(np.bincount(splits["test"].gold)) / len(
        splits["test"].gold
    )
    assert test["dev_only"] == test["distilled"]
