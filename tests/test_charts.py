"""The inline SVG charts: well-formed, escaped, values drawn where they belong."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from alchemist.report import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on malformed XML


def test_bars_draw_one_rect_per_value_and_mark_missing_ones():
    svg = charts.bars(
        "Programs", ["p1", "<b>p2</b>"], {"coverage": [0.5, 1.0], "accuracy": [0.25, None]}
    )
    root = _parse(svg)
    widths = [
        float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None
    ]
    assert len(widths) == 3  # the missing accuracy has no bar
    # p1: coverage 0.5, accuracy 0.25; p2: coverage 1.0
    assert abs(widths[2] - 2 * widths[0]) < 0.2 and abs(widths[0] - 2 * widths[1]) < 0.2
    assert "n/a" in svg and "<b>" not in svg and "&lt;b&gt;p2&lt;/b&gt;" in svg


def test_heatmap_colours_high_green_low_red_and_leaves_the_diagonal_blank():
    root = _parse(
        charts.heatmap(
            "Agreement", ["a", "b", "c"], [[1.0, 1.0, 0.0], [1.0, 1.0, None], [0.0, None, 1.0]]
        )
    )
    cells = {r.find(f"{SVG}title").text: r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert cells["a vs b: 100.0%"] == "#1a9850"
    assert cells["a vs c: 0.0%"] == "#d73027"
    assert cells["b vs c: no overlap"] == cells["a vs a: itself"] == "#e5e7eb"


def test_scatter_places_higher_accuracy_higher_and_costlier_further_right():
    root = _parse(
        charts.scatter(
            "cost",
            [charts.Point("cheap", 0.01, 0.9), charts.Point("dear", 1.0, 0.7)],
            references=[charts.Point("majority", 0.0, 0.5)],
        )
    )
    dots = {
        c.find(f"{SVG}title").text.split(":")[0]: (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
    }
    assert dots["cheap"][0] < dots["dear"][0] and dots["cheap"][1] < dots["dear"][1]
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1 and float(dashed[0].get("y1")) > dots["dear"][1]


def test_scatter_labels_of_close_points_do_not_overlap():
    points = [
        charts.Point("label model", 0.5, 0.700),
        charts.Point("distilled model", 0.5, 0.704),
        charts.Point("zero-shot LLM", 2.0, 0.702),
    ]
    references = [charts.Point("majority", 0.0, 0.69), charts.Point("dev only", 0.0, 0.695)]
    root = _parse(charts.scatter("cost", points, references=references))
    for group in (points, references):  # dots' labels beside them, references' at the right
        ys = sorted(
            float(t.get("y"))
            for t in root.iter(f"{SVG}text")
            if t.text and any(t.text.startswith(f"{p.label} ") for p in group)
        )
        assert len(ys) == len(group)
        assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= 12.9  # a line apart
