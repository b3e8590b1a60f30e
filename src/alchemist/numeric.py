"""Numeric helpers shared by the label models and the distilled classifier."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of an (n, k) array of scores, in their dtype; the input is left as it
    was, and large scores do not overflow (each row is shifted by its maximum first)."""
    out = scores - scores.max(axis=1, keepdims=True)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


__all__ = ["softmax"]
