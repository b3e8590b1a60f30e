"""Signal measurements: peaks, intervals, widths and levels of known synthetic signals."""

from __future__ import annotations

import numpy as np
import pytest

from alchemist.concepts.signals import FEATURE_POINTS, MEASUREMENTS, SignalExtractor

NAMES = list(MEASUREMENTS)


def _beats(
    rate: float, period: float, width: float, seconds: float = 4.0, jitter: float = 0.0
) -> np.ndarray:
    """Gaussian spikes every ``period`` seconds (± ``jitter``), ``width`` seconds wide."""
    t = np.arange(int(seconds * rate)) / rate
    rng = np.random.default_rng(0)
    centres = (
        np.arange(period / 2, seconds, period)
        + rng.uniform(-jitter, jitter, 100)[: len(np.arange(period / 2, seconds, period))]
    )
    return sum(np.exp(-(((t - c) / width) ** 2)) for c in centres)


def _value(series: np.ndarray, name: str, rate: float = 100.0) -> float:
    return float(SignalExtractor(rate=rate).measure([series])[0, NAMES.index(name)])


def test_peak_interval_and_count_follow_the_rhythm() -> None:
    slow, fast = _beats(100, 1.0, 0.03), _beats(100, 0.5, 0.03)
    assert _value(slow, "peak interval") == pytest.approx(1.0, abs=0.02)
    assert _value(fast, "peak interval") == pytest.approx(0.5, abs=0.02)
    assert _value(fast, "peak count") == pytest.approx(2 * _value(slow, "peak count"), rel=0.2)


def test_width_variability_height_and_levels() -> None:
    narrow, wide = _beats(100, 1.0, 0.02), _beats(100, 1.0, 0.08)
    assert _value(wide, "peak width") > 2 * _value(narrow, "peak width")
    regular, irregular = _beats(100, 0.8, 0.03), _beats(100, 0.8, 0.03, jitter=0.2)
    assert _value(irregular, "peak interval variability") > 3 * _value(
        regular, "peak interval variability"
    )
    assert _value(3 * narrow, "peak height") == pytest.approx(3 * _value(narrow, "peak height"))
    ramp = np.linspace(0, 1, 30)
    assert _value(ramp, "trend", rate=1) > 0 > _value(ramp[::-1], "trend", rate=1)
    assert (
        _value(ramp, "late level", 1)
        > _value(ramp, "middle level", 1)
        > _value(ramp, "early level", 1)
    )


def test_unusable_items_measure_as_nan_not_an_error() -> None:
    out = SignalExtractor().measure([[1, 2], "abc", None, [0.0] * 10])
    assert np.isnan(out[:3]).all()
    assert np.isfinite(out[3]).all()  # a flat signal measures (zeros), without warnings


def test_vocabulary_names_every_measurement_and_rate_is_checked() -> None:
    vocabulary = SignalExtractor().vocabulary()
    assert len(vocabulary) == len(MEASUREMENTS) and vocabulary[0].startswith("peak height:")
    with pytest.raises(ValueError, match="rate"):
        SignalExtractor(rate=0)


def test_features_are_the_resampled_shape_then_every_measurement() -> None:
    ramp, unusable = np.arange(10.0), "abc"
    out = SignalExtractor().features([ramp, unusable])
    assert out.shape == (2, FEATURE_POINTS + len(MEASUREMENTS))
    assert np.allclose(out[0, :FEATURE_POINTS], np.linspace(0, 9, FEATURE_POINTS))
    assert np.allclose(out[0, FEATURE_POINTS:], SignalExtractor().measure([ramp])[0])
    assert np.isnan(out[1]).all()
