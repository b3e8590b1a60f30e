"""Models that keep the terminal quiet: pretrained ones from Hugging Face libraries loading
without drawing a bar, scikit-learn ones fitting without warning that they stopped early."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits


@contextmanager
def quiet_loading() -> Iterator[None]:
    """transformers draws a "Loading weights" bar on stderr while a model loads; a library's
    progress goes to its caller (callbacks, logging), not to the terminal. Its bars are off for
    the load and as they were after."""
    from transformers.utils import logging as hf_logging

    was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_on:
            hf_logging.enable_progress_bar()


def quiet_fit(model: Any, X: Any, y: Any) -> None:
    """``model.fit(X, y)`` on one BLAS thread (small problems, where more threads cost more than
    they give), a fit that stops at its ``max_iter`` used as it stands rather than warned about:
    a run's output is no place for scikit-learn's ConvergenceWarning."""
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)


__all__ = ["quiet_fit", "quiet_loading"]
