"""RoboShot (Adila et al. 2024; the paper's Appendix E): remove spurious directions from item
embeddings, optionally boost helpful ones, before concepts are scored.

The spurious directions are the differences between the embeddings of spurious concepts (e.g.
"water background" - "land background"), so the component all concept texts share is not
removed; with a single spurious concept its difference from the mean helpful concept is used.
"""

from __future__ import annotations

import numpy as np


def spurious_basis(spurious: np.ndarray, helpful: np.ndarray) -> np.ndarray:
    """Orthonormal rows spanning the spurious directions ((r, d), r may be 0)."""
    if len(spurious) == 0:
        return np.zeros((0, spurious.shape[1] if spurious.ndim == 2 else 0))
    if len(spurious) >= 2:
        differences = spurious - spurious.mean(axis=0)
    elif len(helpful):
        differences = spurious - helpful.mean(axis=0)
    else:
        differences = spurious
    return _orthonormal(differences)


def project(
    embeddings: np.ndarray, spurious: np.ndarray, helpful: np.ndarray, *, boost: float = 0.0
) -> np.ndarray:
    """``embeddings`` with their spurious components removed and, with ``boost`` > 0, their
    helpful components scaled by ``1 + boost``; rows keep their norms."""
    basis = spurious_basis(spurious, helpful)
    out = embeddings - (embeddings @ basis.T) @ basis
    if boost > 0 and len(helpful):
        keep = helpful - (helpful @ basis.T) @ basis
        directions = _orthonormal(keep)
        out = out + boost * (out @ directions.T) @ directions
    before = np.linalg.norm(embeddings, axis=1, keepdims=True)
    after = np.linalg.norm(out, axis=1, keepdims=True)
    return out * np.divide(before, after, out=np.ones_like(after), where=after > 0)


def _orthonormal(rows: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    u, s, vt = np.linalg.svd(np.asarray(rows, dtype=np.float64), full_matrices=False)
    return vt[s > tol * max(1.0, float(s.max(initial=0.0)))]


__all__ = ["project", "spurious_basis"]
