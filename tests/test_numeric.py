"""The one softmax of the label models and the distilled classifier."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from alchemist._util.numeric import softmax


@given(
    arrays(
        np.float64, st.tuples(st.integers(1, 5), st.integers(2, 4)), elements=st.floats(-700, 700)
    )
)
def test_rows_are_distributions_and_shift_invariant(scores):
    before = scores.copy()
    p = softmax(scores)
    np.testing.assert_array_equal(scores, before)  # the input is left as it was
    assert np.isfinite(p).all() and (p >= 0).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(softmax(scores + 3.0), p, atol=1e-12)
    assert (p.argmax(axis=1) == scores.argmax(axis=1)).all() or np.isclose(
        np.sort(scores, axis=1)[:, -1], np.sort(scores, axis=1)[:, -2]
    ).any()


def test_axis_zero_normalises_columns_as_the_transpose_would():
    scores = np.random.default_rng(0).normal(size=(3, 7)) * 50  # class-major: (classes, rows)
    p = softmax(scores, axis=0)
    np.testing.assert_allclose(p.sum(axis=0), 1.0)
    np.testing.assert_array_equal(p, softmax(scores.T).T)


def test_keeps_the_dtype():
    assert softmax(np.zeros((2, 3), dtype=np.float32)).dtype == np.float32


def test_the_label_models_and_the_classifier_stay_finite_past_exps_range():
    """Each normalises its scores with the shifted softmax: 300 agreeing 97%-accurate programs
    give a row scores far past exp's float64 range (~709), as do a classifier's huge logits;
    the probabilities stay finite rows summing to 1 (an overflow would warn: an error here)."""
    from alchemist.distill import LogisticClassifier, MLPClassifier
    from alchemist.labelmodels import make_label_model, simulate_votes

    L, y = simulate_votes(400, np.full(300, 0.97), n_classes=3, seed=0)
    for name in ("weighted", "dawid_skene", "snorkel"):
        p = make_label_model(name).fit(L, 3).predict_proba(L)
        assert np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1.0), name
        assert (p.argmax(axis=1) == y).all() and p.max(axis=1).min() > 0.999, name

    X = np.random.default_rng(0).normal(size=(60, 4)).astype(np.float32)
    for classifier in (MLPClassifier(seed=0, max_epochs=2), LogisticClassifier(C=1.0)):
        classifier.fit(X, (X[:, 0] > 0).astype(int), n_classes=2)
        huge = X * 1e6  # logits of the order of 1e6
        p = classifier.predict_proba(huge)
        assert np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1.0)
        assert set(np.unique(p)) <= {0.0, 1.0}
