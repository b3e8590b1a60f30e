"""The workbench's web application: server-rendered pages and the small JSON API they call.

Pages: ``/`` overview, ``/programs``, ``/programs/{id}``, ``/items``, ``/label`` (suggested rows
one at a time; labels go to the run's label store at once); ``/run/{path}`` shows a file
of the run directory (confined to it). API under ``/api/``; every write is a JSON POST guarded
by ``TokenGuard`` (see ``security.py``).
"""

from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from alchemist.errors import RunError
from alchemist.llm.ledger import PriceTable
from alchemist.programs import Program
from alchemist.report.overview import method_name
from alchemist.report.render import render_overview
from alchemist.review import items as item_pages
from alchemist.review._labeling import api_export, api_label, api_undo, label_page
from alchemist.review._try import TRY_SPLITS
from alchemist.review._web import item_text, json_body, marked, render
from alchemist.review.security import TokenGuard
from alchemist.review.workbench import Busy, NotFound, TryResult, Workbench

_STATIC = Path(__file__).with_name("static")
_FORMATTER = HtmlFormatter(cssclass="code", linenos="table")
# report.html carries its own inline style sheet and nothing else.
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def create_app(folder: str | Path, *, token: str, hosts: list[str]) -> TokenGuard:
    """The workbench on the run in ``folder``; only requests to ``hosts`` with ``token`` pass."""
    bench = Workbench(folder)
    env = Environment(
        loader=PackageLoader("alchemist.review", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["item"] = item_text
    env.filters["marked"] = marked
    env.globals.update(
        token=token,
        run_name=bench.task.name,
        method_name=method_name,
        class_names=list(bench.task.class_names),
        class_name=partial(_class_name, bench),
    )
    routes = [
        Route("/", partial(_overview, bench, env)),
        Route("/programs", partial(_programs, bench, env)),
        Route("/programs/new", partial(_new_program, bench, env)),
        Route("/programs/{program_id}", partial(_program, bench, env)),
        Route("/items", partial(_items, bench, env)),
        Route("/label", partial(label_page, bench, env)),
        Route("/api/labels", partial(api_label, bench), methods=["POST"]),
        Route("/api/labels/undo", partial(api_undo, bench), methods=["POST"]),
        Route("/api/labels/export.{kind:str}", partial(api_export, bench)),
        Route("/run/{path:path}", partial(_run_file, bench)),
        Route("/static/pygments.css", _pygments_css),
        Mount("/static", StaticFiles(directory=_STATIC), name="static"),
        Route("/api/overview", partial(_api_overview, bench)),
        Route("/api/programs/{program_id}/enabled", partial(_api_enable, bench), methods=["POST"]),
        Route("/api/programs/{program_id}/try", partial(_api_try, bench), methods=["POST"]),
        Route("/api/programs/{program_id}/versions", partial(_api_save, bench), methods=["POST"]),
        Route("/api/programs/{program_id}/revert", partial(_api_revert, bench), methods=["POST"]),
        Route("/api/programs", partial(_api_add, bench), methods=["POST"]),
        Route("/api/rerun", partial(_api_rerun, bench), methods=["GET", "POST"]),
    ]
    handlers: dict[Any, Any] = {
        NotFound: partial(_error, 404),
        Busy: partial(_error, 409),
        RunError: partial(_error, 400),
        ValueError: partial(_error, 400),
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.workbench = bench
    return TokenGuard(app, token=token, hosts=hosts)


# --- pages ------------------------------------------------------------------------------------


def _overview(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    overview = bench.overview()
    return render(
        env,
        "overview.html",
        page="overview",
        body=render_overview(overview),
        changes=bench.changes(),
        previous=bench.previous,
        choices=bench.choices(),
        label_model=overview.label_model,
        program_count=len(overview.program_ids),
        job=bench.job,
    )


def _programs(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    return render(
        env,
        "programs.html",
        page="programs",
        programs=bench.programs(),
        diagnostics=bench.diagnostics(),
        train_coverage=bench.train_coverage(),
        out_of_use=bench.out_of_use(),
        job=bench.job,
    )


def _program(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    program = bench.program(request.path_params["program_id"])
    provenance = program.provenance
    cost = None
    model = provenance.get("model")
    if model and PriceTable.default().knows(model):
        cost = PriceTable.default().cost(
            model, provenance.get("input_tokens", 0), provenance.get("output_tokens", 0)
        )
    return render(
        env,
        "program.html",
        page="programs",
        program=program,
        cost=cost,
        code=highlight(program.source, PythonLexer(), _FORMATTER),
        diagnostic=bench.diagnostics().get(program.id),
        reason=bench.reasons().get(program.id, ""),
        out_of_use=bench.out_of_use().get(program.id, ""),
        diff=bench.parent_diff(program),
        try_splits=TRY_SPLITS,
        job=bench.job,
        new=False,
    )


def _new_program(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    program = Program(id="new", source=bench.template(), function_name=bench.task.function_name)
    return render(
        env,
        "program.html",
        page="programs",
        title="New program",
        program=program,
        cost=None,
        code="",
        diagnostic=None,
        reason="",
        out_of_use="",
        diff="",
        try_splits=TRY_SPLITS,
        job=bench.job,
        new=True,
    )


def _items(bench: Workbench, env: Environment, request: Request) -> HTMLResponse:
    view = bench.view()
    split = request.query_params.get("split", "dev" if "dev" in view.splits else "train")
    if split not in view.splits:
        raise NotFound(f"The run has no {split!r} split; it has {sorted(view.splits)}.")
    show = request.query_params.get("show", "all")
    query = request.query_params.get("q", "")[:200]
    try:
        page = int(request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    program = request.query_params.get("program", "")[:64]
    result = item_pages.select(
        view.splits[split], show=show, query=query, page=page, program=program
    )
    return render(
        env,
        "items.html",
        page="items",
        result=result,
        split=split,
        show=show,
        query=query,
        splits=list(view.splits),
        filters=item_pages.FILTERS,
        program_ids=view.splits[split].matrix.program_ids,
        task=view.task,
        label_model=view.label_model,
        out_of_fold=view.splits[split].out_of_fold,
        program=program,
        reasons=view.splits[split].matrix.reasons,
        job=bench.job,
    )


def _run_file(bench: Workbench, request: Request) -> Response:
    path = bench.file(request.path_params["path"])
    if path.name == "report.html":
        return FileResponse(
            path, media_type="text/html", headers={"content-security-policy": _REPORT_CSP}
        )
    text_like = path.suffix in {".py", ".json", ".jsonl", ".md", ".yaml", ".txt", ".csv"}
    return FileResponse(
        path, media_type="text/plain; charset=utf-8" if text_like else "application/octet-stream"
    )


def _pygments_css(request: Request) -> Response:
    return Response(_FORMATTER.get_style_defs(".code"), media_type="text/css")


# --- API --------------------------------------------------------------------------------------


def _api_overview(bench: Workbench, request: Request) -> JSONResponse:
    overview = bench.overview()
    return JSONResponse(
        {
            "task": overview.task.name,
            "label_model": overview.label_model,
            "coverage": overview.coverage,
            "programs": overview.program_ids,
            "scores": [vars(s) for s in overview.scores],
        }
    )


async def _api_enable(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    program = bench.set_enabled(request.path_params["program_id"], bool(body.get("enabled")))
    return JSONResponse({"id": program.id, "enabled": program.enabled})


async def _api_try(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    result: TryResult = await run_in_threadpool(
        bench.try_program,
        request.path_params["program_id"],
        str(body.get("source", "")),
        str(body.get("split", "dev")),
        int(body.get("n", 50)),
    )
    classes = bench.task.classes

    def name(index: int | None) -> str | None:
        return None if index is None else ("abstain" if index < 0 else classes[index].name)

    return JSONResponse(
        {
            "ok": result.ok,
            "reason": result.reason,
            "rows": [
                {
                    "row": r.row,
                    "text": item_text(r.item)[:400],
                    "vote": name(r.vote),
                    "error": r.error,
                    "gold": name(r.gold) if r.gold >= 0 else None,
                    "before": name(r.before),
                    "correct": None if r.gold < 0 or r.vote < 0 else r.vote == r.gold,
                }
                for r in result.rows
            ],
        }
    )


async def _api_save(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    program = bench.save_version(request.path_params["program_id"], str(body.get("source", "")))
    return JSONResponse({"id": program.id, "url": f"/programs/{program.id}"}, status_code=201)


async def _api_add(bench: Workbench, request: Request) -> JSONResponse:
    body = await json_body(request)
    program = bench.add_program(str(body.get("source", "")))
    return JSONResponse({"id": program.id, "url": f"/programs/{program.id}"}, status_code=201)


async def _api_revert(bench: Workbench, request: Request) -> JSONResponse:
    await json_body(request)
    parent = bench.revert(request.path_params["program_id"])
    return JSONResponse({"id": parent.id, "url": f"/programs/{parent.id}"})


async def _api_rerun(bench: Workbench, request: Request) -> JSONResponse:
    if request.method == "POST":
        body = await json_body(request)
        bench.start_rerun(choose_again=bool(body.get("choose_again")))
    job = bench.job
    return JSONResponse(
        {
            "state": job.state,
            "messages": job.messages[-5:],
            "step": job.step,
            "fraction": job.fraction,
            "error": job.error,
            "started": job.started,
            "finished": job.finished,
            "seconds": round(job.seconds, 1),
            "choose_again": job.choose_again,
        },
        status_code=202 if request.method == "POST" else 200,
    )


# --- helpers ----------------------------------------------------------------------------------


def _class_name(bench: Workbench, index: int) -> str:
    return "abstain" if index < 0 else bench.task.classes[index].name


async def _error(status: int, request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": str(exc)}, status_code=status)
    return HTMLResponse(
        f"<!doctype html><title>Error</title><p>{escape(str(exc))}</p>"
        '<p><a href="/">Back to the overview</a></p>',
        status_code=status,
    )


__all__ = ["create_app"]
