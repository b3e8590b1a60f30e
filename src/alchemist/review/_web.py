"""Small helpers of the workbench's web application: a page from a template, a request's JSON
body, and stored text as a person reads it (HTML in the data shown as text; search matches
marked)."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse


def render(env: Environment, template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(template).render(**context))


def item_text(item: Any) -> str:
    """One row as a person reads it: the text, or a tabular row's fields as ``name: value``;
    HTML stored in the data (``<br />``, ``&quot;``) read as the text it stands for."""
    if isinstance(item, dict):
        return " · ".join(f"{key}: {as_text(str(value))}" for key, value in item.items())
    return as_text(str(item))


def as_text(stored: str) -> str:
    text = _BREAK.sub("\n", stored)
    return unescape(_TAG.sub("", text)) if "<" in text or "&" in text else text


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def marked(text: str, query: str) -> Markup:
    """``text`` escaped, with each case-insensitive match of ``query`` in ``<mark>``."""
    if not query:
        return Markup(escape(text))
    parts = re.split(f"({re.escape(query)})", text, flags=re.IGNORECASE)
    return Markup(
        "".join(
            f"<mark>{escape(part)}</mark>" if i % 2 else escape(part)
            for i, part in enumerate(parts)
        )
    )


async def json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, "The request body must be a JSON object.") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "The request body must be a JSON object.")
    return body


__all__ = ["as_text", "item_text", "json_body", "marked", "render"]
