"""Small charts as inline SVG text: no plotting library, no JavaScript, readable offline.

The run report (``report.html``) and the review workbench draw the same charts with these
functions. Each returns one ``<svg>`` element sized in pixels, with a ``<title>`` for screen
readers; every label is escaped. Values given as shares (0..1) are drawn as percentages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

# Colour-blind-safe (Okabe-Ito) series colours.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'
_MUTED = "#6b7280"


@dataclass(frozen=True)
class Point:
    """One method on the accuracy-versus-cost chart."""

    label: str
    cost: float
    accuracy: float


def bars(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    width: int = 520,
) -> str:
    """Horizontal grouped bars of shares (0..1), one group per label, one colour per series;
    a missing value (None) is drawn as "n/a"."""
    names = list(series)
    row = 6 + 14 * len(names)
    left, right, top = _label_width(labels), 48, 30 + 18
    height = top + row * len(labels) + 24
    plot = width - left - right
    parts = [_open(width, height, title), _legend(names, left, 32)]
    parts += _gridlines(left, top, plot, height - 24, ticks=(0, 0.25, 0.5, 0.75, 1.0))
    for i, label in enumerate(labels):
        y = top + i * row + 3
        parts.append(
            f'<text x="{left - 6}" y="{y + row / 2:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
        )
        for j, name in enumerate(names):
            value = series[name][i]
            by = y + 14 * j
            if value is None or math.isnan(value):
                parts.append(f'<text x="{left + 4}" y="{by + 10}" fill="{_MUTED}">n/a</text>')
                continue
            w = max(0.0, min(1.0, value)) * plot
            parts.append(
                f'<rect x="{left}" y="{by}" width="{w:.1f}" height="12" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)}, '
                f"{escape(name)}: {value:.1%}</title></rect>"
            )
            parts.append(f'<text x="{left + w + 4:.1f}" y="{by + 10}">{value:.0%}</text>')
    return "".join(parts) + "</svg>"


def heatmap(
    title: str,
    labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    caption: str = "",
    cell: int = 34,
) -> str:
    """A square matrix of shares: green where high, red where low, grey where undefined."""
    n = len(labels)
    left, top = _label_width(labels), 34 + _label_width(labels) - 20
    width = max(left + n * cell + 16, 8 * len(title) + 16, int(6.2 * len(caption)) + 16)
    height = top + n * cell + (28 if caption else 10)
    parts = [_open(width, height, title)]
    for j, label in enumerate(labels):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text transform="translate({x:.1f},{top - 6}) rotate(-45)">{escape(label)}</text>'
        )
    for i, label in enumerate(labels):
        y = top + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + cell / 2:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
        )
        for j in range(n):
            value = None if i == j else values[i][j]
            x = left + j * cell
            if value is None or math.isnan(value):
                fill, tip = "#e5e7eb", "itself" if i == j else "no overlap"
            else:
                fill, tip = _diverging(value), f"{value:.1%}"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{fill}"><title>{escape(f"{labels[i]} vs {labels[j]}: {tip}")}</title>'
                "</rect>"
            )
            if value is not None and not math.isnan(value):
                parts.append(
                    f'<text x="{x + cell / 2 - 1:.1f}" y="{y + cell / 2:.1f}" '
                    f'text-anchor="middle" dominant-baseline="middle" '
                    f'font-size="10">{100 * value:.0f}</text>'
                )
    if caption:
        parts.append(f'<text x="4" y="{height - 8}" fill="{_MUTED}">{escape(caption)}</text>')
    return "".join(parts) + "</svg>"


def scatter(
    title: str,
    points: Sequence[Point],
    *,
    references: Sequence[Point] = (),
    x_label: str = "cost (USD)",
    y_label: str = "accuracy",
    width: int = 600,
    height: int = 300,
) -> str:
    """Accuracy against cost: one labelled dot per method; ``references`` (methods with no LLM
    cost, e.g. a majority-class baseline) are dashed horizontal lines."""
    left, right, top, bottom = 56, 190, 30, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    ys = [p.accuracy for p in [*points, *references]]
    # The accuracy axis starts at a tenth below the lowest value, with a line every tenth.
    y_low = max(0.0, min(math.floor(10 * min(ys, default=0.5)) / 10 - 0.1, 0.9))
    steps = round(10 * (1 - y_low))
    x_high = max([p.cost for p in points], default=0.0)
    x_high = x_high * 1.15 if x_high > 0 else 1.0

    def px(p: Point) -> tuple[float, float]:
        return (
            left + p.cost / x_high * plot_w,
            top + (1 - (p.accuracy - y_low) / (1 - y_low)) * plot_h,
        )

    parts = [_open(width, height, title)]
    for k in range(steps + 1):
        y = top + (1 - k / steps) * plot_h
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#e5e7eb"/><text x="{left - 6}" y="{y:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{y_low + k / 10:.0%}</text>'
        )
    for k in range(5):
        xv = k * x_high / 4
        x = left + k / 4 * plot_w
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_money(xv)}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#9ca3af"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" '
        f'y2="{top + plot_h}" stroke="#9ca3af"/>'
    )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle" '
        f'fill="{_MUTED}">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text transform="translate(14,{top + plot_h / 2}) rotate(-90)" '
        f'text-anchor="middle" fill="{_MUTED}">{escape(y_label)}</text>'
    )
    reference_ys = _spread([px(ref)[1] + 4 for ref in references])
    for ref, label_y in zip(references, reference_ys, strict=True):
        _, y = px(ref)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{_MUTED}" stroke-dasharray="4 3"/><text x="{left + plot_w + 6}" '
            f'y="{label_y:.1f}" fill="{_MUTED}">{escape(ref.label)} '
            f"{ref.accuracy:.1%}</text>"
        )
    point_ys = _spread([px(point)[1] + 4 for point in points])
    for i, (point, label_y) in enumerate(zip(points, point_ys, strict=True)):
        x, y = px(point)
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"><title>'
            f"{escape(point.label)}: {point.accuracy:.1%} at {_money(point.cost)}"
            f'</title></circle><text x="{x + 9:.1f}" y="{label_y:.1f}">'
            f"{escape(point.label)} {point.accuracy:.1%}</text>"
        )
    return "".join(parts) + "</svg>"


def reliability(title: str, bins: Sequence[Mapping[str, float]], *, size: int = 260) -> str:
    """A reliability diagram: per probability bin (``labels.calibration``'s ``bins``), a bar
    up to the bin's accuracy at its place on the confidence axis, its mean confidence as a dot,
    and the diagonal of perfect calibration."""
    left, top, plot = 44, 40, size - 64
    height = top + plot + 36
    parts = [_open(size, height, title)]
    parts += _gridlines(left, top, plot, top + plot, ticks=(0, 0.5, 1.0))
    parts.append(
        f'<line x1="{left}" y1="{top + plot}" x2="{left + plot}" y2="{top}" '
        f'stroke="{_MUTED}" stroke-dasharray="4 3"/>'
    )
    for b in bins:
        x, w = left + b["low"] * plot, (b["high"] - b["low"]) * plot
        h = b["accuracy"] * plot
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot - h:.1f}" width="{w - 2:.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[0]}" fill-opacity="0.75"><title>'
            f"{b['low']:.1f}-{b['high']:.1f}: {int(b['count'])} rows, accuracy "
            f"{b['accuracy']:.2f}, mean probability {b['confidence']:.2f}</title></rect>"
        )
        cy = top + plot - b["confidence"] * plot
        parts.append(f'<circle cx="{x + w / 2:.1f}" cy="{cy:.1f}" r="3" fill="{PALETTE[5]}"/>')
    parts.append(
        f'<text x="{left + plot / 2}" y="{height - 8}" text-anchor="middle" fill="{_MUTED}">'
        "probability of the predicted class</text>"
    )
    parts.append(
        f'<text x="12" y="{top + plot / 2}" fill="{_MUTED}" transform="rotate(-90 12 '
        f'{top + plot / 2})" text-anchor="middle">share right</text>'
    )
    return "".join(parts) + "</svg>"


def _spread(ys: Sequence[float], gap: float = 13.0) -> list[float]:
    """Label baselines at ``ys`` moved apart so that no two are closer than ``gap`` (a line
    of text): each label keeps its order, and a run of crowded labels is centred on them."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [float(ys[i]) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    shift = (sum(ys[i] for i in order) - sum(placed)) / max(len(placed), 1)
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = placed[k] + shift
    return out


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" {_FONT} fill="#111827">'
        f'<title>{escape(title)}</title><text x="4" y="16" font-size="14" '
        f'font-weight="600">{escape(title)}</text>'
    )


def _legend(names: Sequence[str], x: int, y: int) -> str:
    parts = []
    for j, name in enumerate(names):
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/><text x="{x + 14}" y="{y}">'
            f"{escape(name)}</text>"
        )
        x += 24 + 7 * len(name)
    return "".join(parts)


def _gridlines(left: int, top: int, plot: int, bottom: int, ticks: Sequence[float]) -> list[str]:
    lines = []
    for t in ticks:
        x = left + t * plot
        lines.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="#e5e7eb"/><text x="{x:.1f}" y="{bottom + 14}" '
            f'text-anchor="middle" fill="{_MUTED}">{t:.0%}</text>'
        )
    return lines


def _label_width(labels: Sequence[str]) -> int:
    return 16 + 7 * max((len(label) for label in labels), default=4)


def _diverging(value: float) -> str:
    """Red (0) through pale yellow (0.5) to green (1)."""
    low, mid, high = (215, 48, 39), (255, 255, 191), (26, 152, 80)
    t = max(0.0, min(1.0, value))
    a, b, f = (low, mid, t * 2) if t < 0.5 else (mid, high, (t - 0.5) * 2)
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def _money(value: float) -> str:
    if value == 0:
        return "$0"
    return f"${value:.2g}" if value < 1 else f"${value:,.2f}"


__all__ = ["PALETTE", "Point", "bars", "heatmap", "reliability", "scatter"]
