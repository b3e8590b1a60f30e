"""The distilled classifiers and model, on the synthetic spam comments (tests/synthetic.py) with
the votes of their ten keyword labeling functions."""

import json

import numpy as np
import pytest
from scipy import sparse

from alchemist._util.numeric import softmax
from alchemist.data.dataset import load_dataset
from alchemist.distill import DistilledModel, LogisticClassifier, MLPClassifier, make_featurizer
from alchemist.distill._network import Adam, forward, init_params, touched
from alchemist.errors import DistillError, NotFittedError
from alchemist.evaluation.metrics import score
from alchemist.task import task_from_dict

TASK = task_from_dict(
    {
        "name": "spam",
        "description": "spam or not",
        "classes": ["HAM", "SPAM"],
        "label_field": "label",
    }
)


def majority_vote(votes: np.ndarray, k: int = 2) -> np.ndarray:
    """Vote shares per class; NaN rows where no function voted."""
    counts = np.stack([(votes == c).sum(axis=1) for c in range(k)], axis=1).astype(float)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.full_like(counts, np.nan), where=totals > 0)


@pytest.fixture(scope="module")
def spam(spam_folder):
    train, dev, test = (
        load_dataset(spam_folder / f"{s}.json", TASK) for s in ("train", "valid", "test")
    )
    return train, dev, test, majority_vote(train.reference_votes)


@pytest.fixture(scope="module")
def features(spam):
    train, dev, test, soft = spam
    featurizer = make_featurizer("tfidf").fit(train.frame)
    return (
        featurizer.transform(train.frame),
        featurizer.transform(dev.frame),
        featurizer.transform(test.frame),
        soft,
    )


def test_mlp_learns_from_soft_labels(spam, features):
    _, dev, test, _ = spam
    X, X_dev, X_test, soft = features
    model = MLPClassifier(seed=0).fit(X, soft, X_dev=X_dev, y_dev=dev.gold)
    accuracy = score(test.gold, model.predict(X_test), 2)["accuracy"]
    majority = max(np.mean(test.gold == c) for c in (0, 1))
    assert majority < 0.55
    assert accuracy > 0.8
    proba = model.predict_proba(X_test)
    assert proba.shape == (len(test), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert [w.shape[1] for w in model.coefs_] == [32, 32, 2]


def test_mlp_is_deterministic_per_seed(features):
    X, _, X_test, soft = features
    first = MLPClassifier(seed=3, max_epochs=5).fit(X, soft).predict_proba(X_test)
    again = MLPClassifier(seed=3, max_epochs=5).fit(X, soft).predict_proba(X_test)
    other = MLPClassifier(seed=4, max_epochs=5).fit(X, soft).predict_proba(X_test)
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


def test_early_stopping_keeps_the_best_dev_epoch(spam, features):
    _, dev, _, _ = spam
    X, X_dev, _, soft = features
    model = MLPClassifier(seed=0, patience=3, max_epochs=60).fit(
        X, soft, X_dev=X_dev, y_dev=dev.gold
    )
    assert model.validation_ == "dev"
    history = [(s["balanced_accuracy"], -s["loss"]) for s in model.validation_scores_]
    assert len(history) == model.n_epochs_
    assert history[model.best_epoch_] == max(history)
    assert model.n_epochs_ == model.best_epoch_ + 1 + 3 < 60  # stopped 3 epochs after the best
    predicted = model.predict(X_dev)
    recalls = [(predicted[dev.gold == c] == c).mean() for c in (0, 1)]
    assert np.mean(recalls) == pytest.approx(history[model.best_epoch_][0])


def test_without_dev_a_share_of_pseudolabels_is_held_out(features):
    X, _, _, soft = features
    held = MLPClassifier(seed=0, max_epochs=4).fit(X, soft)
    assert held.validation_ == "holdout" and len(held.validation_scores_) == held.n_epochs_
    plain = MLPClassifier(seed=0, max_epochs=4, validation_fraction=0.0).fit(X, soft)
    assert plain.validation_ == "none" and plain.n_epochs_ == 4 and plain.best_epoch_ == 3


def test_unlabeled_rows_are_not_trained_on(features):
    X, _, X_test, soft = features
    covered = ~np.isnan(soft).any(axis=1)
    assert 0 < covered.sum() < len(covered)
    with_gaps = MLPClassifier(seed=1, max_epochs=3).fit(X, soft).predict_proba(X_test)
    only_covered = MLPClassifier(seed=1, max_epochs=3).fit(X[covered], soft[covered])
    np.testing.assert_array_equal(with_gaps, only_covered.predict_proba(X_test))
    with pytest.raises(DistillError, match="No training row has a label"):
        MLPClassifier().fit(X, np.full_like(soft, np.nan))


def test_hard_labels_equal_one_hot_soft_labels(spam, features):
    train = spam[0]
    X, _, X_test, _ = features
    hard = MLPClassifier(seed=0, max_epochs=3).fit(X, train.gold).predict_proba(X_test)
    one_hot = np.eye(2)[train.gold]
    soft = MLPClassifier(seed=0, max_epochs=3).fit(X, one_hot).predict_proba(X_test)
    np.testing.assert_array_equal(hard, soft)
    with pytest.raises(ValueError, match="Soft labels"):
        MLPClassifier().fit(X, one_hot, n_classes=3)


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((7, 5)).astype(np.float32)
    T = softmax(rng.standard_normal((7, 3))).astype(np.float32)
    params = [p.astype(np.float64) for p in init_params([5, 4, 4, 3], rng)]

    def loss() -> float:
        logits = np.asarray(X, np.float64) @ params[0] + params[1]
        for i in (2, 4):
            logits = np.maximum(logits, 0) @ params[i] + params[i + 1]
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return float(-(T * log_p).sum(axis=1).mean())

    np.testing.assert_allclose(
        forward(params, X)[-1],
        forward([p.astype(np.float32) for p in params], X)[-1],
        rtol=1e-4,
        atol=1e-5,
    )
    grads = MLPClassifier(weight_decay=0.0)._gradients(params, X.astype(np.float64), T)
    for p, g in zip(params, grads, strict=True):
        numeric = np.zeros(p.shape)
        for idx in np.ndindex(p.shape):
            p[idx] += 1e-6
            up = loss()
            p[idx] -= 2e-6
            numeric[idx] = (up - loss()) / 2e-6
            p[idx] += 1e-6
        np.testing.assert_allclose(g, numeric, atol=1e-3)


def test_sparse_steps_move_only_the_first_layer_rows_of_present_features():
    """On sparse features a step narrows the batch to the features it holds and updates only
    those first-layer rows; on them it is the dense step on the narrowed batch."""
    rng = np.random.default_rng(0)
    X = sparse.random(6, 40, density=0.05, random_state=1, dtype=np.float32, format="csr")
    T = softmax(rng.standard_normal((6, 3))).astype(np.float32)
    params = init_params([40, 4, 3], rng)
    lazy = [p.copy() for p in params]
    narrow, local, present = touched(lazy, X)
    assert present is not None and 0 < len(present) < 40
    np.testing.assert_allclose(narrow.toarray(), X.toarray()[:, present])
    np.testing.assert_array_equal(local[0], params[0][present])
    mlp = MLPClassifier(weight_decay=1e-2)
    Adam(lazy, 0.1).step(lazy, mlp._gradients(local, narrow, T), present)
    dense = [params[0][present].copy(), *(p.copy() for p in params[1:])]
    Adam(dense, 0.1).step(dense, mlp._gradients(dense, narrow, T))
    absent = np.setdiff1d(np.arange(40), present)
    np.testing.assert_array_equal(lazy[0][absent], params[0][absent])
    np.testing.assert_allclose(lazy[0][present], dense[0], rtol=1e-6)
    assert not np.allclose(lazy[0][present], params[0][present])
    for after, expected in zip(lazy[1:], dense[1:], strict=True):
        np.testing.assert_allclose(after, expected, rtol=1e-6)


def test_an_mlp_on_sparse_features_leaves_absent_features_weights_as_drawn(features):
    """A feature no training row holds never reaches a minibatch: its first-layer weights stay
    as initialised (a dense step would move them by the weight decay and the moments)."""
    X, _, _, soft = features
    X = sparse.hstack([X, sparse.csr_matrix((X.shape[0], 1))]).tocsr()  # a feature never seen
    mlp = MLPClassifier(seed=3, max_epochs=2, validation_fraction=0.0).fit(X, soft)
    drawn = init_params([X.shape[1], *mlp.hidden_sizes, 2], np.random.default_rng(3))[0]
    np.testing.assert_array_equal(mlp.coefs_[0][-1], drawn[-1])
    assert not np.allclose(mlp.coefs_[0][:-1], drawn[:-1])


def test_logistic_on_soft_labels_chooses_c_on_dev(spam, features):
    _, dev, test, _ = spam
    X, X_dev, X_test, soft = features
    model = LogisticClassifier().fit(X, soft, X_dev=X_dev, y_dev=dev.gold)
    assert model.C_ in model.C_grid
    assert score(test.gold, model.predict(X_test), 2)["accuracy"] > 0.8
    assert LogisticClassifier(C=0.5).fit(X, soft).C_ == 0.5


@pytest.mark.parametrize("k", [2, 4])
def test_soft_logistic_is_scikit_learns_fit_on_rows_repeated_per_class(k):
    # The objective scikit-learn minimises on each row repeated once per class, weighted by
    # that class's probability (and by the row's weight), reached without the repetition.
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(k)
    X = rng.normal(size=(150, 5))
    soft = softmax(X @ rng.normal(size=(5, k)) + rng.normal(size=(150, k)))
    weights = rng.integers(1, 4, 150).astype(float)
    ours = LogisticClassifier(C=0.7).fit(X, soft, sample_weight=weights)
    reference = LogisticRegression(C=0.7, tol=1e-8, max_iter=5000).fit(
        np.vstack([X] * k),
        np.repeat(np.arange(k), 150),
        sample_weight=(soft * weights[:, None]).T.ravel(),
    )
    np.testing.assert_allclose(ours.predict_proba(X), reference.predict_proba(X), atol=2e-3, rtol=0)
    # Integer weights are the same as repeated rows.
    repeated = np.repeat(np.arange(150), weights.astype(int))
    again = LogisticClassifier(C=0.7).fit(X[repeated], soft[repeated])
    np.testing.assert_allclose(ours.predict_proba(X), again.predict_proba(X), atol=1e-3)


def test_choices_on_a_small_imbalanced_dev_set_do_not_favour_the_majority_class():
    # Two rare rows in 22: answering the majority class everywhere is as accurate (20 of 22) as
    # finding both rare rows and missing the two majority rows that look rare.
    rng = np.random.default_rng(0)
    rare = rng.random(300) < 0.1
    X = np.where(rare, 3.0, 0.0)[:, None] + rng.normal(0, 0.5, (300, 1))
    X_dev = np.array([[0.0]] * 18 + [[3.0]] * 4)
    y_dev = np.array([0] * 18 + [1, 1, 0, 0])
    model = LogisticClassifier(C_grid=(1e-4, 100.0)).fit(
        X, rare.astype(int), X_dev=X_dev, y_dev=y_dev
    )
    assert model.C_ == 100.0
    assert model.predict(np.array([[3.0]]))[0] == 1
    assert LogisticClassifier(C=1e-4).fit(X, rare.astype(int)).predict(np.array([[3.0]]))[0] == 0


def test_unfitted_classifier_raises(features):
    with pytest.raises(NotFittedError):
        MLPClassifier().predict(features[0])
    model = MLPClassifier(max_epochs=1).fit(features[0], features[3])
    with pytest.raises(ValueError, match="features"):
        model.predict(np.zeros((2, 3)))


@pytest.mark.parametrize("classifier", ["mlp", "logistic"])
def test_distilled_model_round_trip(tmp_path, spam, classifier):
    train, dev, test, soft = spam
    model = DistilledModel(classifier=classifier, seed=2)
    model.fit(train.frame, soft, dev_frame=dev.frame, dev_gold=dev.gold)
    assert model.fit_seconds_ > 0
    folder = model.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "model.json"]
    meta = json.loads((folder / "model.json").read_text())
    assert meta["classifier"]["name"] == classifier and meta["featurizer"]["name"] == "tfidf"
    loaded = DistilledModel.load(folder)
    np.testing.assert_array_equal(loaded.predict_proba(test.frame), model.predict_proba(test.frame))
    assert score(test.gold, loaded.predict(test.frame), 2)["accuracy"] > 0.8


def test_distilled_model_settings_are_routed_by_prefix(spam):
    train, _, _, soft = spam
    model = DistilledModel(
        featurizer__max_features=300, classifier__hidden_sizes=(8,), classifier__max_epochs=2
    ).fit(train.frame, soft)
    assert len(model.featurizer_.vectorizer_.vocabulary_) == 300
    assert [w.shape for w in model.classifier_.coefs_] == [(300, 8), (8, 2)]
    with pytest.raises(DistillError, match="Unknown DistilledModel setting"):
        DistilledModel(max_features=10).fit(train.frame, soft)
    with pytest.raises(DistillError, match="Unknown featurizer"):
        DistilledModel(featurizer="bag").fit(train.frame, soft)
    with pytest.raises(DistillError, match="Bad settings"):
        DistilledModel(classifier__depth=3).fit(train.frame, soft)


def test_load_rejects_missing_or_foreign_folders(tmp_path, spam):
    with pytest.raises(DistillError, match="Cannot read"):
        DistilledModel.load(tmp_path)
    train, _, _, soft = spam
    folder = DistilledModel(classifier__max_epochs=1).fit(train.frame, soft).save(tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text())
    (folder / "model.json").write_text(json.dumps({**meta, "format": "other/9"}))
    with pytest.raises(DistillError, match="format"):
        DistilledModel.load(folder)
    with pytest.raises(NotFittedError):
        DistilledModel().predict(train.frame)


def test_settings_are_read_from_init_and_restored_by_its_defaults(tmp_path):
    """A classifier or featurizer with a setting of its own is saved and loaded whole, with no
    list of names to keep in step: tuples come back as tuples."""
    from alchemist.distill import classifiers
    from alchemist.distill._params import restore

    class Wider(classifiers.MLPClassifier):
        name = "wider"

        def __init__(self, *, dropouts: tuple[float, ...] = (0.1,), **kwargs) -> None:
            super().__init__(**kwargs)
            self.dropouts = dropouts

    params = Wider(dropouts=(0.2, 0.3), hidden_sizes=(4,)).get_params()
    assert params["dropouts"] == [0.2, 0.3] and params["hidden_sizes"] == [4]
    again = restore(classifiers.MLPClassifier, {k: v for k, v in params.items() if k != "dropouts"})
    assert again.hidden_sizes == (4,)
    assert restore(Wider, json.loads(json.dumps(params))).dropouts == (0.2, 0.3)
    featurizer = make_featurizer("tfidf", ngram_range=(1, 3), columns=["text"])
    assert featurizer.get_params() == {
        "columns": ["text"],
        "max_features": 20000,
        "ngram_range": [1, 3],
        "min_df": 1,
        "lowercase": True,
    }
    assert "cache_dir" not in make_featurizer("minilm", cache_dir=tmp_path).get_params()
