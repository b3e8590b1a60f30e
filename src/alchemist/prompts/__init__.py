"""Prompt templates, kept as data files beside this module so they can be read and tuned
without touching code.

``*.txt`` files are ``string.Template`` texts (``$name`` placeholders, so the braces of Python
code need no escaping); ``*.yaml`` files hold small tables such as the prompt strategies.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template
from typing import Any

import yaml


@cache
def template(name: str) -> Template:
    """The template ``prompts/<name>.txt``."""
    return Template(resources.files(__package__).joinpath(f"{name}.txt").read_text("utf-8"))


@cache
def table(name: str) -> dict[str, Any]:
    """The mapping in ``prompts/<name>.yaml``."""
    data = yaml.safe_load(resources.files(__package__).joinpath(f"{name}.yaml").read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"prompts/{name}.yaml must hold a mapping; got {type(data).__name__}.")
    return data


def render(name: str, **fields: str) -> str:
    """Fill ``prompts/<name>.txt``; a missing field raises ``KeyError`` (a template bug)."""
    return template(name).substitute(fields).strip()
