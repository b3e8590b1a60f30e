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


def test_the_label_models_and_the_classifier_share_it():
    from alchemist.distill import classifiers
    from alchemist.labelmodels import _dawid_skene, _snorkel, _voting

    assert {m.softmax for m in (classifiers, _dawid_skene, _snorkel, _voting)} == {softmax}
