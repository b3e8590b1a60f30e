from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from alchemist.diagnostics import diagnose
from alchemist.label_matrix import CellError, LabelMatrix

E, T = CellError.EXCEPTION, CellError.TIMEOUT


def hand_built() -> LabelMatrix:
    # rows: 6 items; columns: p1 mixed, p2 mixed with an error and a timeout, p3 always
    # abstains, p4 always votes class 1.
    votes = np.array(
        [
            [0, 0, -1, 1],
            [0, 1, -1, 1],
            [1, -1, -1, 1],
            [-1, -1, -1, 1],
            [-1, 1, -1, 1],
            [-1, -1, -1, 1],
        ]
    )
    errors = np.zeros_like(votes)
    errors[3, 1], errors[5, 1] = E, T
    return LabelMatrix(votes, ["p1", "p2", "p3", "p4"], errors)


def test_per_program_figures_on_a_hand_built_matrix():
    gold = np.array([0, 1, 1, -1, 0, 0])
    learned = np.array([0.9, np.nan, 0.5, 0.6])
    d = diagnose(hand_built(), 2, gold=gold, learned_accuracies=learned)
    p1, p2, p3, p4 = d.programs
    assert (p1.coverage, p2.coverage, p3.coverage, p4.coverage) == (0.5, 0.5, 0.0, 1.0)
    assert p1.polarity == (0, 1) and p3.polarity == () and p4.polarity == (1,)
    # p1 votes on items 0-2, all of which p4 also votes on; it disagrees on items 0 and 1
    # (p4 says 1, and on item 1 p1 says 0).
    assert p1.overlap == pytest.approx(3 / 6) and p1.conflict == pytest.approx(2 / 6)
    assert p4.overlap == pytest.approx(4 / 6)  # items 0-2 (p1) and 4 (p2)
    assert p4.conflict == pytest.approx(2 / 6)  # items 0 and 1: p1 says 0
    assert p3.overlap == 0.0 and p3.conflict == 0.0
    assert (p2.error_rate, p2.timeout_rate) == pytest.approx((1 / 6, 1 / 6))
    assert p1.error_rate == 0.0
    assert [p.constant for p in d.programs] == [False, False, True, True]
    # Accuracy on gold rows voted on: p1 right on items 0 and 2 of 0-2; p4 right on 1 and 2.
    assert (p1.n_gold_votes, p1.accuracy) == (3, pytest.approx(2 / 3))
    assert (p4.n_gold_votes, p4.accuracy) == (5, pytest.approx(2 / 5))
    assert p3.accuracy is None and p3.n_gold_votes == 0
    assert (p1.learned_accuracy, p2.learned_accuracy) == (0.9, None)


def test_set_figures_on_a_hand_built_matrix():
    d = diagnose(hand_built(), 2, gold=np.array([0, 1, 1, -1, 0, 0]))
    assert d.coverage == 1.0  # p4 votes everywhere
    assert d.overlap == pytest.approx(4 / 6)  # items 0, 1, 2, 4
    assert d.conflict == pytest.approx(2 / 6)  # items 0 and 1 get both classes
    accuracies = [p.accuracy for p in d.programs if p.accuracy is not None]
    assert d.mean_accuracy == pytest.approx(np.mean(accuracies))
    assert d["p2"].id == "p2" and d.ids == ["p1", "p2", "p3", "p4"]
    with pytest.raises(KeyError):
        d["p9"]


def test_no_gold_means_no_accuracy():
    d = diagnose(hand_built(), 2)
    assert all(p.accuracy is None for p in d.programs) and d.mean_accuracy is None


def test_constant_ignores_failed_cells():
    votes = np.array([[1], [-1], [1]])
    errors = np.array([[0], [E], [0]])
    assert diagnose(LabelMatrix(votes, ["p"], errors), 2).programs[0].constant
    all_failed = LabelMatrix(np.full((2, 1), -1), ["q"], np.full((2, 1), CellError.REJECTED))
    q = diagnose(all_failed, 2).programs[0]
    assert not q.constant and q.error_rate == 1.0


def test_reports_are_json_and_markdown():
    d = diagnose(hand_built(), 2, gold=np.array([0, 1, 1, -1, 0, 0]))
    data = json.loads(json.dumps(d.to_dict()))
    assert data["programs"][0]["polarity"] == [0, 1]
    assert data["programs"][2]["accuracy"] is None
    table = d.to_markdown(class_names=["HAM", "SPAM"])
    assert "| p1 | 50.0% | HAM, SPAM |" in table
    assert "| p4 | 100.0% | SPAM |" in table
    assert "4 programs on 6 items: coverage 100.0%" in table


def test_misuse_is_refused():
    with pytest.raises(ValueError, match="class indices in -1..1"):
        diagnose(LabelMatrix(np.array([[2]]), ["p"]), 2)
    with pytest.raises(ValueError, match=r"gold must have shape \(6,\)"):
        diagnose(hand_built(), 2, gold=np.zeros(3))
    with pytest.raises(ValueError, match=r"learned_accuracies must have shape \(4,\)"):
        diagnose(hand_built(), 2, learned_accuracies=np.zeros(2))


def test_empty_matrix():
    d = diagnose(LabelMatrix(np.zeros((5, 0)), []), 3)
    assert d.programs == () and d.coverage == 0.0 and d.mean_accuracy is None


def naive(votes: np.ndarray, gold: np.ndarray, j: int) -> tuple[float, float, float | None]:
    """Overlap, conflict and accuracy of column ``j``, one item at a time."""
    n = votes.shape[0]
    overlap = conflict = 0
    right = scored = 0
    for i in range(n):
        v = votes[i, j]
        if v < 0:
            continue
        others = [votes[i, k] for k in range(votes.shape[1]) if k != j and votes[i, k] >= 0]
        overlap += bool(others)
        conflict += any(o != v for o in others)
        if gold[i] >= 0:
            scored += 1
            right += v == gold[i]
    return overlap / n, conflict / n, (right / scored if scored else None)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int8, st.tuples(st.integers(1, 12), st.integers(1, 5)), elements=st.integers(-1, 2)),
    st.data(),
)
def test_vectorised_figures_match_an_item_by_item_count(votes, data):
    gold = np.array(
        data.draw(st.lists(st.integers(-1, 2), min_size=votes.shape[0], max_size=votes.shape[0]))
    )
    ids = [f"p{j}" for j in range(votes.shape[1])]
    d = diagnose(LabelMatrix(votes, ids), 3, gold=gold)
    for j, p in enumerate(d.programs):
        overlap, conflict, accuracy = naive(votes, gold, j)
        assert p.overlap == pytest.approx(overlap) and p.conflict == pytest.approx(conflict)
        assert p.accuracy == (None if accuracy is None else pytest.approx(accuracy))
        assert p.coverage == pytest.approx((votes[:, j] >= 0).mean())


def test_agreement_counts_overlaps_and_shares_of_same_votes():
    from alchemist.diagnostics import agreement

    L = LabelMatrix(np.array([[0, 0, -1], [1, 0, -1], [1, 1, -1], [-1, 1, 0]]), ["a", "b", "c"])
    share, overlap = agreement(L)
    assert overlap.tolist() == [[3, 3, 0], [3, 4, 1], [0, 1, 1]]
    assert share[0, 1] == share[1, 0] == 2 / 3 and share[1, 2] == 0.0
    assert np.isnan(share[0, 2]) and share[0, 0] == 1.0
