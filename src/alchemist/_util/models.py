"""Loading pretrained models from Hugging Face libraries without drawing on the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


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


__all__ = ["quiet_loading"]
