"""Labeled datasets installable by name (fetched from pinned PyPI packages, see ``assets``).

- ``sktime:NAME/train`` and ``sktime:NAME/test``: a univariate UCR series set shipped in sktime
  1.2.0 (GunPoint, ItalyPowerDemand, ArrowHead, OSULeaf, ...): columns ``series`` (a list of
  floats) and ``label`` (the class as written in the file).
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

from alchemist.assets import fetch
from alchemist.errors import DataError

PREFIXES = ("sktime:",)
MITDB_RATE = 360.0


def is_named(spec: str) -> bool:
    return str(spec).startswith(PREFIXES)


def read_named(spec: str) -> pd.DataFrame:
    """The table of the dataset named ``spec``; raises ``DataError`` for an unknown name."""
    name = spec[len("sktime:"):]
    if name == "mitdb":
        return mitdb_beats()
    base, _, split = name.partition("/")
    if split not in ("train", "test"):
        raise DataError("expected sktime:NAME/train, sktime:NAME/test or sktime:mitdb.",
                        path=spec)
    path = fetch("sktime-data") / "sktime" / "datasets" / "data" / base / \
        f"{base}_{split.upper()}.ts"
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
            values = [float(v) if v not in ("?", "NaN") else float("nan")
                      for v in dims[0].split(",")]
            rows.append({"series": values, "label": label.strip()})
    return pd.DataFrame(rows)


def mitdb_beats(*, before: float = 0.25, after: float = 0.45) -> pd.DataFrame:
    """One row per heartbeat of the sktime MIT-BIH excerpt (see the module docstring)."""
    raw = pd.read_csv(fetch("sktime-data") / "sktime" / "datasets" / "data" / "mitdb" /
                      "mitdb.csv")
    x, anomaly = raw["data"].to_numpy(float), raw["label"].to_numpy(int)
    peaks, _ = sps.find_peaks(x, prominence=0.5 * np.ptp(x), distance=int(0.3 * MITDB_RATE))
    lo, hi = int(before * MITDB_RATE), int(after * MITDB_RATE)
    rows = [{"series": np.round(x[p - lo:p + hi], 4).tolist(),
             "label": int(anomaly[p - lo:p + hi].any()), "start": int(p - lo)}
            for p in peaks if p - lo >= 0 and p + hi <= len(x)]
    return pd.DataFrame(rows)


__all__ = ["MITDB_RATE", "PREFIXES", "is_named", "mitdb_beats", "read_named", "read_ts"]
