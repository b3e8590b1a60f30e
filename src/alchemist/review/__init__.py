"""The review workbench: a local web app to inspect, edit and re-run a run's programs.

``alchemist review RUN`` serves it on 127.0.0.1 with a random access token (``serve``);
``create_app`` builds the ASGI app itself (for tests and embedding).
"""

from alchemist.review.app import create_app
from alchemist.review.server import serve

__all__ = ["create_app", "serve"]
