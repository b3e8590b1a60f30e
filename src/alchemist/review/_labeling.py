"""The workbench's Label page and its API: suggested rows one at a time, each label written at
once to the run's label store (``run.labeling``), undo, and export as CSV or Label Studio JSON."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from alchemist.review._web import item_text, json_body, render
from alchemist.review.workbench import NotFound, Workbench

LABEL_BATCH = 20  # suggestions per Label page
RECENT_LABELS = 20


def label_page(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    labels = bench.labels()
    suggested = [
        {
            "id": s.id,
            "text": item_text(s.item)[:2000],
            "reason": s.reason,
            "score": s.score,
            "label_model": s.label_model,
            "probability": s.probability,
        }
        for s in labels.suggest(LABEL_BATCH)
    ]
    current = labels.current()
    latest = {e.row: e for e in labels.store.events() if e.row in current}
    recent = [
        {
            "id": e.row,
            "text": item_text(labels.items.get(e.row, "")),
            "label": current[e.row],
            "user": e.user,
            "time": e.time,
        }
        for e in list(latest.values())[::-1][:RECENT_LABELS]
    ]
    return render(
        env,
        "label.html",
        page="label",
        suggestions=suggested,
        recent=recent,
        labeled=len(current),
        job=bench.job,
    )


async def api_label(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    labels = bench.labels()
    written = labels.store.label(str(body.get("row", "")), str(body.get("class", "")))
    return JSONResponse(
        {
            "row": body.get("row"),
            "label": written.label,
            "action": None if written.event is None else written.event.action,
            "count": len(labels.current()),
        }
    )


async def api_undo(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    labels = bench.labels()
    written = labels.store.undo(str(body.get("row", "")))
    return JSONResponse(
        {"row": body.get("row"), "label": written.label, "count": len(labels.current())}
    )


def api_export(bench: Workbench, request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in ("csv", "json"):
        raise NotFound(f"Labels export as csv or json; got {kind!r}.")
    with tempfile.TemporaryDirectory() as folder:
        path = bench.labels().export(Path(folder) / f"labels.{kind}")
        content = path.read_bytes()
    return Response(
        content,
        media_type="text/csv" if kind == "csv" else "application/json",
        headers={"content-disposition": f'attachment; filename="labels.{kind}"'},
    )


__all__ = ["api_export", "api_label", "api_undo", "label_page"]
