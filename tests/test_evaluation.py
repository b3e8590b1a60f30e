import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, f1_score

from alchemist.evaluation.metrics import paired_gain, score, summarize_seeds


def test_score_hand_computed_with_abstentions():
    y_true = [0, 0, 1, 1, 1, 0]
    y_pred = [0, 1, 1, -1, 1, -1]
    result = score(y_true, y_pred, 2, positive=1)
    assert result["n"] == 6
    assert result["accuracy"] == pytest.approx(3 / 6)  # abstentions count as wrong
    assert result["covered_accuracy"] == pytest.approx(3 / 4)
    assert result["coverage"] == pytest.approx(4 / 6)
    # class 0: tp 1, fp 0, fn 2 -> 2/4; class 1: tp 2, fp 1, fn 1 -> 4/6
    assert result["positive_f1"] == pytest.approx(4 / 6)
    assert result["macro_f1"] == pytest.approx((2 / 4 + 4 / 6) / 2)
    assert result["confusion"] == [[1, 1], [0, 2]]


def test_unknown_gold_is_left_out():
    result = score([0, -1, 1], [0, 1, 0], 2)
    assert result["n"] == 2
    assert result["accuracy"] == pytest.approx(0.5)
    assert result["confusion"] == [[1, 0], [1, 0]]


def test_macro_f1_ignores_classes_absent_from_gold_and_predictions():
    result = score([0, 1, 1], [0, 1, 0], 3)
    assert result["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert len(result["confusion"]) == 3


def test_all_abstained():
    result = score([0, 1], [-1, -1], 2, positive=1)
    assert result["accuracy"] == 0.0
    assert result["coverage"] == 0.0
    assert math.isnan(result["covered_accuracy"])
    assert result["positive_f1"] == 0.0


@pytest.mark.parametrize(
    ("y_true", "y_pred", "n_classes", "positive"),
    [
        ([0, 1], [0], 2, None),
        ([0, 2], [0, 1], 2, None),
        ([0, 1], [0, -2], 2, None),
        ([0, 1], [0, 1], 2, 2),
        ([0, 0], [0, 0], 1, None),
    ],
)
def test_score_rejects_bad_input(y_true, y_pred, n_classes, positive):
    with pytest.raises(ValueError):
        score(y_true, y_pred, n_classes, positive=positive)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=60))
def test_score_agrees_with_scikit_learn_without_abstentions(pairs):
    y_true, y_pred = (np.array(v) for v in zip(*pairs, strict=True))
    result = score(y_true, y_pred, 4, positive=2)
    assert result["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred))
    assert result["macro_f1"] == pytest.approx(
        f1_score(y_true, y_pred, average="macro", zero_division=0)
    )
    assert result["positive_f1"] == pytest.approx(
        f1_score(y_true, y_pred, labels=[2], average="macro", zero_division=0)
    )
    assert np.array(result["confusion"]).sum() == len(pairs)


def test_summarize_seeds_mean_and_sample_std():
    runs = [score([0, 1, 1, 0], pred, 2) for pred in ([0, 1, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0])]
    summary = summarize_seeds(runs)
    accuracies = [1.0, 0.75, 0.25]
    assert summary["n_seeds"] == 3
    assert summary["accuracy"]["mean"] == pytest.approx(np.mean(accuracies))
    assert summary["accuracy"]["std"] == pytest.approx(np.std(accuracies, ddof=1))
    assert "confusion" not in summary and "n" not in summary
    assert set(summary) >= {"macro_f1", "coverage", "covered_accuracy"}


def test_summarize_one_seed_and_none():
    summary = summarize_seeds([{"accuracy": 0.5, "positive_f1": 0.25}])
    assert summary["accuracy"] == {"mean": 0.5, "std": 0.0}
    assert summary["positive_f1"]["mean"] == 0.25
    with pytest.raises(ValueError):
        summarize_seeds([])


def test_paired_gain_counts_the_same_rows_and_its_noise():
    gold = np.array([0, 1, 1, 0, -1, 1])
    ours = np.array([0, 1, -1, 0, 1, 1])  # wrong once (abstained); the unknown row is left out
    theirs = np.array([1, 1, 1, 1, 0, 1])  # wrong twice
    paired = paired_gain(gold, ours, theirs)
    assert paired["n"] == 5
    assert paired["accuracy_gain"] == pytest.approx(4 / 5 - 3 / 5)
    assert paired["standard_error"] == pytest.approx(np.std([1, 0, -1, 1, 0], ddof=1) / 5**0.5)
    same = paired_gain(gold, ours, ours)
    assert same["accuracy_gain"] == 0 and same["standard_error"] == 0
