"""The Items page's filters, on a real run."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")

from alchemist.review import items  # noqa: E402
from alchemist.review.workbench import Workbench  # noqa: E402

from .run_helpers import build_run  # noqa: E402


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> items.SplitView:
    return (
        Workbench(build_run(tmp_path_factory.mktemp("items") / "run").folder).view().splits["dev"]
    )


def _all(view: items.SplitView, **kwargs: str) -> list[items.ItemRow]:
    first = items.select(view, **kwargs)
    rows = list(first.rows)
    for page in range(2, first.pages + 1):
        rows += items.select(view, page=page, **kwargs).rows
    assert len(rows) == first.total
    return rows


def test_label_model_wrong_lists_exactly_the_gold_rows_it_gets_wrong(dev: items.SplitView):
    rows = _all(dev, show="label-model-wrong")
    expected = np.flatnonzero(dev.label_model != dev.dataset.gold)
    assert [r.row for r in rows] == expected.tolist() and len(rows) > 0
    assert all(r.label_model != r.gold for r in rows)


def test_disagreements_have_votes_for_two_classes(dev: items.SplitView):
    rows = _all(dev, show="disagreements")
    assert rows and all(len({v for v in r.votes if v >= 0}) == 2 for r in rows)
    agreeing = set(range(len(dev.dataset))) - {r.row for r in rows}
    assert all(len({v for v in dev.matrix.votes[i] if v >= 0}) < 2 for i in agreeing)


def test_search_pages_and_uncovered(dev: items.SplitView):
    found = _all(dev, query="SUBSCRIBE")
    assert found and all("subscribe" in str(r.item).lower() for r in found)
    assert items.select(dev, page=99).page == items.select(dev).pages
    uncovered = _all(dev, show="uncovered")
    assert all(max(r.votes) == -1 for r in uncovered)
    with pytest.raises(ValueError, match="show must be one of"):
        items.select(dev, show="everything")
