"""The time-series extractor: named signal measurements computed with numpy and scipy.

Each measurement has a name and a description (the vocabulary concepts are grounded in): peak
height, the interval between peaks (RR interval in an ECG), peak width (QRS width), interval
variability, levels of the signal's thirds, trend, spectral content, roughness, and so on.
A concept named by the LLM ("R-peak height", "irregular rhythm") is measured by the
measurement whose description is nearest to its own (see ``grounding``). Items are sequences of
numbers; ``rate`` is the sampling rate in samples per second (1 makes times count samples).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy import signal as sps
from scipy import stats

Measure = Callable[[np.ndarray, float], float]
FEATURE_POINTS = 64


def _peaks(x: np.ndarray) -> np.ndarray:
    spread = float(np.ptp(x)) or 1.0
    peaks, _ = sps.find_peaks(x, prominence=0.35 * spread, distance=max(1, len(x) // 50))
    return peaks


def _intervals(x: np.ndarray, rate: float) -> np.ndarray:
    return np.diff(_peaks(x)) / rate


def _peak_width(x: np.ndarray, rate: float) -> float:
    peak = int(np.argmax(x))
    widths = sps.peak_widths(x, [peak], rel_height=0.5)[0]
    return float(widths[0]) / rate


def _third(x: np.ndarray, i: int) -> float:
    return float(np.mean(np.array_split(x, 3)[i]))


def _high_frequency_share(x: np.ndarray, rate: float) -> float:
    power = np.abs(np.fft.rfft(x - x.mean())) ** 2
    total = power.sum()
    return float(power[len(power) // 4 :].sum() / total) if total > 0 else 0.0


def _dominant_frequency(x: np.ndarray, rate: float) -> float:
    power = np.abs(np.fft.rfft(x - x.mean())) ** 2
    return float(np.fft.rfftfreq(len(x), 1 / rate)[int(np.argmax(power))])


def _mean_interval(x: np.ndarray, rate: float) -> float:
    intervals = _intervals(x, rate)
    return float(intervals.mean()) if len(intervals) else len(x) / rate


def _interval_variability(x: np.ndarray, rate: float) -> float:
    intervals = _intervals(x, rate)
    return float(intervals.std() / intervals.mean()) if len(intervals) > 1 else 0.0


MEASUREMENTS: dict[str, tuple[str, Measure]] = {
    "peak height": (
        "height of the tallest peak above the median level (R-peak amplitude, spike height)",
        lambda x, r: float(x.max() - np.median(x)),
    ),
    "trough depth": (
        "depth of the lowest point below the median level (S wave, dip)",
        lambda x, r: float(np.median(x) - x.min()),
    ),
    "peak count": (
        "number of prominent peaks per second (beats, heart rate, cycles)",
        lambda x, r: len(_peaks(x)) * r / len(x),
    ),
    "peak interval": (
        "mean time between consecutive prominent peaks (RR interval, period, slow heart rate)",
        _mean_interval,
    ),
    "peak interval variability": (
        "irregularity of the time between peaks (heart-rate "
        "variability, arrhythmia, irregular rhythm)",
        _interval_variability,
    ),
    "peak width": (
        "width of the tallest peak at half its height (QRS width, wide complex, "
        "duration of the main event)",
        _peak_width,
    ),
    "mean level": (
        "average value of the signal (baseline, overall level)",
        lambda x, r: float(x.mean()),
    ),
    "spread": (
        "standard deviation of the values (amplitude, variability of the signal)",
        lambda x, r: float(x.std()),
    ),
    "range": (
        "difference between the largest and smallest value (peak-to-peak amplitude)",
        lambda x, r: float(np.ptp(x)),
    ),
    "trend": (
        "slope of a straight line fitted over time (rising or falling overall, drift)",
        lambda x, r: float(np.polyfit(np.arange(len(x)) / r, x, 1)[0]),
    ),
    "early level": (
        "mean value in the first third of the sequence (start, morning)",
        lambda x, r: _third(x, 0),
    ),
    "middle level": (
        "mean value in the middle third of the sequence (midday, centre)",
        lambda x, r: _third(x, 1),
    ),
    "late level": (
        "mean value in the last third of the sequence (end, evening, final part)",
        lambda x, r: _third(x, 2),
    ),
    "time of maximum": (
        "when the largest value occurs, as a fraction of the duration (timing of the peak)",
        lambda x, r: float(np.argmax(x)) / len(x),
    ),
    "time of minimum": (
        "when the smallest value occurs, as a fraction of the duration",
        lambda x, r: float(np.argmin(x)) / len(x),
    ),
    "steepest rise": (
        "largest increase between neighbouring samples per second (sharp upstroke, fast onset)",
        lambda x, r: float(np.diff(x).max() * r),
    ),
    "steepest fall": (
        "largest decrease between neighbouring samples per second (sharp drop)",
        lambda x, r: float(-np.diff(x).min() * r),
    ),
    "high-frequency content": (
        "share of spectral power in the upper three quarters of the "
        "frequencies (noise, sharp edges, jagged shape)",
        _high_frequency_share,
    ),
    "dominant frequency": (
        "frequency with the most power (oscillation rate, rhythm)",
        _dominant_frequency,
    ),
    "roughness": (
        "mean absolute second difference relative to the spread (jaggedness, noise)",
        lambda x, r: float(np.abs(np.diff(x, 2)).mean() / (x.std() or 1.0)),
    ),
    "skewness": (
        "asymmetry of the value distribution (a few large upward spikes)",
        lambda x, r: float(stats.skew(x)) if x.std() > 0 else 0.0,
    ),
    "spikiness": (
        "kurtosis of the values: heavy tails from short sharp spikes",
        lambda x, r: float(stats.kurtosis(x)) if x.std() > 0 else 0.0,
    ),
    "mean crossings": (
        "how often per second the signal crosses its mean (oscillation, fluctuation)",
        lambda x, r: float(np.count_nonzero(np.diff(np.sign(x - x.mean()))) * r / len(x)),
    ),
    "duration": ("length of the recording in seconds", lambda x, r: len(x) / r),
}


class SignalExtractor:
    """Measures every item (a sequence of numbers) on the named measurements."""

    name = "signal"
    hint = (
        "Only the curve itself is available, so each concept must be a shape of the "
        "curve (peaks and their height, width and spacing, troughs, the level at the "
        "start, middle or end, trend, spread, spikiness, rhythm), never a cause such as "
        "weather or date."
    )

    def __init__(self, *, rate: float = 1.0) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be a positive number of samples per second; got {rate}.")
        self.rate = rate

    def get_params(self) -> dict[str, Any]:
        return {"rate": self.rate}

    def vocabulary(self) -> list[str]:
        """One text per measurement: its name and description."""
        return [f"{name}: {description}" for name, (description, _) in MEASUREMENTS.items()]

    def measure(self, items: Sequence[Any]) -> np.ndarray:
        """(n, measurements) float64 matrix; a sequence too short or not numeric gives NaNs."""
        out = np.full((len(items), len(MEASUREMENTS)), np.nan)
        for i, item in enumerate(items):
            x = as_series(item)
            if x is None:
                continue
            with np.errstate(all="ignore"), warnings.catch_warnings():
                # flat stretches give peaks of zero prominence or width: measured as 0
                warnings.simplefilter("ignore", RuntimeWarning)  # scipy PeakPropertyWarning
                out[i] = [measure(x, self.rate) for _, measure in MEASUREMENTS.values()]
        return out

    def features(self, items: Sequence[Any]) -> np.ndarray:
        """What the distilled model reads beside the concept scores: each series resampled
        to ``FEATURE_POINTS`` values, then every measurement (NaN where there is no series)."""
        shape = np.full((len(items), FEATURE_POINTS), np.nan)
        for i, item in enumerate(items):
            x = as_series(item)
            if x is not None:
                shape[i] = np.interp(
                    np.linspace(0, len(x) - 1, FEATURE_POINTS), np.arange(len(x)), x
                )
        return np.hstack([shape, self.measure(items)])


def as_series(item: Any) -> np.ndarray | None:
    """A 1-D float array of at least 4 finite values, or None."""
    try:
        x = np.asarray(item, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return None
    x = x[np.isfinite(x)]
    return x if len(x) >= 4 else None


__all__ = ["MEASUREMENTS", "SignalExtractor", "as_series"]
