"""Serving the workbench: 127.0.0.1 only, a free port, a fresh token in the printed address."""

from __future__ import annotations

import socket
import webbrowser
from collections.abc import Callable
from pathlib import Path

from alchemist.review.security import new_token

HOST = "127.0.0.1"


def serve(
    folder: str | Path,
    *,
    port: int = 0,
    open_browser: bool = False,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the workbench on the run in ``folder`` until interrupted.

    ``port`` 0 picks a free one. The address printed (and opened with ``open_browser``) carries
    the access token; without it every request is refused.
    """
    import uvicorn

    from alchemist.review.app import create_app

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, port))
    listener.listen()  # before the address is printed: a client may connect at once
    port = listener.getsockname()[1]
    listener.listen(128)  # before the address is printed: a client given it is never refused
    token = new_token()
    app = create_app(folder, token=token, hosts=[f"{HOST}:{port}", f"localhost:{port}"])
    url = f"http://{HOST}:{port}/?token={token}"
    announce(
        f"Alchemist workbench on {Path(folder)}: {url}\n(only this machine can reach it; "
        "press Ctrl+C to stop)"
    )
    if open_browser:
        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[listener])


__all__ = ["HOST", "serve"]
