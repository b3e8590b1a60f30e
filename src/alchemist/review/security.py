"""Who may talk to the workbench: a token on every request, CSRF-safe writes, one host.

- Every request carries the random access token: in the ``X-Alchemist-Token`` header, or as the
  ``alchemist_token`` cookie (HttpOnly, SameSite=Strict) that the first visit with ``?token=``
  sets before redirecting to the same address without it. Tokens are compared in constant time.
- A write (any method but GET/HEAD) needs the token in the header itself (a cookie alone, which a
  browser attaches on its own, is not enough), and, when the browser sends ``Origin``, an origin
  equal to the server's own. JSON bodies only, so a cross-site form cannot post one.
- The ``Host`` header must name the server itself (127.0.0.1 or localhost on its port), which
  defeats DNS rebinding.
- Responses forbid framing, inline scripts and referrers (Content-Security-Policy and friends).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_HEADER = "x-alchemist-token"
TOKEN_COOKIE = "alchemist_token"
_SAFE_METHODS = frozenset({"GET", "HEAD"})
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; script-src 'self'; "
    "style-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, token: str) -> bool:
    """Constant-time comparison (no early exit on the first differing character)."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class TokenGuard:
    """ASGI middleware applying the rules of the module docstring to every HTTP request."""

    def __init__(self, app: ASGIApp, *, token: str, hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token
        self.hosts = set(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host not in self.hosts:
            await _refuse(
                send, 421, f"Unknown host {host!r}: open the address the workbench printed."
            )
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        method = scope["method"]
        if method in _SAFE_METHODS and same_token(query.get("token"), self.token):
            await _set_cookie_and_redirect(send, scope, query, self.token)
            return
        problem = self._problem(method, headers, host)
        if problem:
            await _refuse(send, 403, problem)
            return
        await self.app(scope, receive, _with_headers(send))

    def _problem(self, method: str, headers: dict[str, str], host: str) -> str | None:
        header = headers.get(TOKEN_HEADER)
        morsel = SimpleCookie(headers.get("cookie", "")).get(TOKEN_COOKIE)
        cookie = morsel.value if morsel is not None else None
        if method in _SAFE_METHODS:
            if same_token(header, self.token) or same_token(cookie, self.token):
                return None
            return "Missing or wrong access token: open the address the workbench printed."
        if not same_token(header, self.token):
            return f"A write needs the access token in the {TOKEN_HEADER} header."
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return f"Cross-origin write refused (origin {origin!r})."
        if not headers.get("content-type", "").startswith("application/json"):
            return "Writes take a JSON body (Content-Type: application/json)."
        return None


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [
                (k.encode(), v.encode())
                for k, v in SECURITY_HEADERS.items()
                if k.encode() not in present
            ]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


async def _refuse(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _set_cookie_and_redirect(
    send: Send, scope: Scope, query: dict[str, str], token: str
) -> None:
    """Keep the token in a strict cookie and take it out of the address bar and history."""
    rest = urlencode({k: v for k, v in query.items() if k != "token"})
    location = "/" + quote(scope["path"].lstrip("/")) + (f"?{rest}" if rest else "")
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    headers = [
        (b"location", location.encode()),
        (b"set-cookie", cookie.encode()),
        (b"content-length", b"0"),
    ]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


__all__ = ["TOKEN_COOKIE", "TOKEN_HEADER", "TokenGuard", "new_token", "same_token"]
