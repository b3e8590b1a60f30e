"""Labeled datasets installable by name (fetched from pinned PyPI packages, see ``assets``).

- ``sktime:NAME/train`` and ``sktime:NAME/test``: a univariate UCR series set shipped in sktime
  1.2.0 (GunPoint, ItalyPowerDemand, ArrowHead, OSULeaf, ...): columns ``series`` (a list of
  floats) and ``label`` (the class as written in the file).
- ``textiles:train`` / ``textiles:test``: the textile images of ``conformal-clip-data`` 0.1.4.
- ``spurious-digits:train`` / ``spurious-digits:test``: digits on water or land (see
  ``spurious_digits``), a built-in spurious correlation for worst-group accuracy.
- ``sktime:mitdb``: the MIT-BIH excerpt shipped in sktime, one recording of 7500 samples at
  360 Hz with one annotated anomalous stretch, cut into one item per heartbeat (a window
  around each R peak): columns ``series``, ``label`` (1: the beat overlaps the anomaly) and
  ``start`` (the window's first sample).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import signal as sps

from alchemist._util.assets import fetch
from alchemist._util.paths import home
from alchemist.errors import DataError

PREFIXES = ("sktime:", "textiles:", "spurious-digits:")
MITDB_RATE = 360.0


def is_named(spec: str) -> bool:
    return str(spec).startswith(PREFIXES)


def read_named(spec: str) -> pd.DataFrame:
    """The table of the dataset named ``spec``; raises ``DataError`` for an unknown name."""
    prefix, _, name = spec.partition(":")
    if prefix != "sktime":
        if name not in ("train", "test"):
            raise DataError(f"expected {prefix}:train or {prefix}:test.", path=spec)
        return textiles(name) if prefix == "textiles" else spurious_digits(name)
    if name == "mitdb":
        return mitdb_beats()
    base, _, split = name.partition("/")
    if split not in ("train", "test"):
        raise DataError("expected sktime:NAME/train, sktime:NAME/test or sktime:mitdb.", path=spec)
    path = (
        fetch("sktime-data") / "sktime" / "datasets" / "data" / base / f"{base}_{split.upper()}.ts"
    )
    if not path.is_file():
        raise DataError(f"sktime 1.2.0 ships no series set {base!r}.", path=spec)
    return read_ts(path)


def read_ts(path: Path) -> pd.DataFrame:
    """A univariate ``.ts`` file (sktime/UCR format) as columns ``series`` and ``label``."""
    rows, in_data = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower() == "@data":
            in_data = True
            continue
        if in_data:
            *dims, label = line.split(":")
            if len(dims) != 1:
                raise DataError("only univariate series are supported here.", path=str(path))
            values = [
                float(v) if v not in ("?", "NaN") else float("nan") for v in dims[0].split(",")
            ]
            rows.append({"series": values, "label": label.strip()})
    return pd.DataFrame(rows)


def mitdb_beats(*, before: float = 0.25, after: float = 0.45) -> pd.DataFrame:
    """One row per heartbeat of the sktime MIT-BIH excerpt (see the module docstring)."""
    raw = pd.read_csv(fetch("sktime-data") / "sktime" / "datasets" / "data" / "mitdb" / "mitdb.csv")
    x, anomaly = raw["data"].to_numpy(float), raw["label"].to_numpy(int)
    peaks, _ = sps.find_peaks(x, prominence=0.5 * np.ptp(x), distance=int(0.3 * MITDB_RATE))
    lo, hi = int(before * MITDB_RATE), int(after * MITDB_RATE)
    rows = [
        {
            "series": np.round(x[p - lo : p + hi], 4).tolist(),
            "label": int(anomaly[p - lo : p + hi].any()),
            "start": int(p - lo),
        }
        for p in peaks
        if p - lo >= 0 and p + hi <= len(x)
    ]
    return pd.DataFrame(rows)


def textiles(split: str, *, test_fraction: float = 0.3) -> pd.DataFrame:
    """The 2000 simulated textile images of ``conformal-clip-data`` (nominal, local defect,
    global defect), split with seed 0 and shuffled (so that any first rows, e.g. ``--limit``,
    hold every class): columns ``image`` (a file path) and ``label``."""
    root = fetch("textile-images") / "conformal_clip_data" / "data" / "textile_images"
    paths = sorted(root.glob("simulated/*/*.jpg"))
    frame = pd.DataFrame(
        {"image": [str(p) for p in paths], "label": [p.parent.name for p in paths]}
    )
    order = np.random.default_rng(0).permutation(len(frame))
    cut = int(round(test_fraction * len(frame)))
    rows = order[:cut] if split == "test" else order[cut:]
    return frame.iloc[rows].reset_index(drop=True)


def spurious_digits(
    split: str, *, n_train: int = 800, n_test_group: int = 100, skew: float = 0.95
) -> pd.DataFrame:
    """Handwritten 0s and 1s (scikit-learn's digits) drawn on water or land backgrounds, as
    Waterbirds is built: in ``train`` a ``skew`` share of the 0s are on water and of the 1s on
    land; ``test`` has ``n_test_group`` images of each (digit, background) group. Digit
    instances of the two splits are disjoint. Columns ``image`` (a PNG path), ``label``
    (ZERO / ONE) and ``group`` (e.g. "ZERO on land"). Images are made once, seeded, and kept
    under ``alchemist._util.paths.home()``."""
    from PIL import Image
    from sklearn.datasets import load_digits

    folder = home() / "datasets" / f"spurious-digits-{n_train}-{n_test_group}-{skew}" / split
    index = folder / "index.csv"
    if index.exists():
        return pd.read_csv(index)
    digits = load_digits()
    rng = np.random.default_rng(0 if split == "train" else 1)
    rows = []
    for label, digit in (("ZERO", 0), ("ONE", 1)):
        pool = np.flatnonzero(digits.target == digit)
        cut = int(0.6 * len(pool))
        pool = pool[:cut] if split == "train" else pool[cut:]
        if split == "train":
            n = n_train // 2
            usual = "water" if digit == 0 else "land"
            other = "land" if usual == "water" else "water"
            grounds = [usual] * int(round(skew * n)) + [other] * (n - int(round(skew * n)))
        else:
            grounds = ["water"] * n_test_group + ["land"] * n_test_group
        for ground in grounds:
            rows.append(
                {
                    "label": label,
                    "group": f"{label} on {ground}",
                    "ground": ground,
                    "pixels": digits.images[rng.choice(pool)],
                }
            )
    folder.mkdir(parents=True, exist_ok=True)
    for i, row in enumerate(rows):
        picture = _composite(row.pop("pixels"), row.pop("ground"), rng)
        row["image"] = str(folder / f"{i:05d}.png")
        Image.fromarray(picture).save(row["image"])
    frame = pd.DataFrame(rows)[["image", "label", "group"]]
    frame.to_csv(index, index=False)
    return frame


def _composite(digit: np.ndarray, ground: str, rng: np.random.Generator) -> np.ndarray:
    """A 64 x 64 RGB picture: the 8 x 8 digit scaled to 40 x 40 in white on a background."""
    y, x = np.mgrid[0:64, 0:64]
    noise = rng.normal(0, 12, (64, 64, 1))
    if ground == "water":  # blue with horizontal waves
        wave = 25 * np.sin(y / 3.0 + rng.uniform(0, 6))[..., None]
        picture = np.array([30, 90, 170]) + wave * np.array([0.3, 0.6, 1.0]) + noise
    else:  # green and brown patches
        patches = (np.sin(x / 5.0 + rng.uniform(0, 6)) * np.cos(y / 7.0) > 0)[..., None]
        picture = np.where(patches, [95, 140, 55], [120, 95, 60]) + noise
    mask = np.kron(digit / 16.0, np.ones((5, 5)))[..., None]
    top, left = rng.integers(4, 20, 2)
    region = picture[top : top + 40, left : left + 40]
    picture[top : top + 40, left : left + 40] = region * (1 - mask) + 245 * mask
    return np.clip(picture, 0, 255).astype(np.uint8)


__all__ = [
    "MITDB_RATE",
    "PREFIXES",
    "is_named",
    "mitdb_beats",
    "read_named",
    "read_ts",
    "spurious_digits",
    "textiles",
]
