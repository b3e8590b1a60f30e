"""The static check: the first layer, run in the main process on the source text alone.

A program is rejected before it runs when it does not parse, lacks the labeling function,
imports a module outside ``ALLOWED_MODULES``, calls a builtin that reaches outside the program
(``open``, ``eval``, ``exec``, ...), or touches dunder or frame attributes (the usual ways out of
a restricted namespace: ``().__class__.__bases__[0].__subclasses__()``, ``f.__globals__``,
``sys._getframe().f_back``), whether as attribute syntax, as a string constant handed to a
getattr-like call (``getattr``, ``operator.attrgetter``/``methodcaller``, ``get_field``) or as
a field path in a format string (``'{0.__class__}'.format(x)``). What the runtime guards cannot
decide is refused here: ``format``/``format_map`` of anything but a string literal or a fresh
``string.Formatter()`` (``str.format`` on a string built at runtime follows field paths that
neither layer can read). The runtime and OS layers
do not rely on this check.
"""

from __future__ import annotations

import ast
import string
from _string import formatter_field_name_split  # type: ignore[import-not-found]
from dataclasses import dataclass

from alchemist.execution._sandbox import ALLOWED_MODULES, FORBIDDEN_ATTRIBUTES, FORMAT_METHODS
from alchemist.programs import signature_problem

MAX_SOURCE_BYTES = 100_000  # of UTF-8: what travels to the workers, not characters

_FORBIDDEN_NAMES = frozenset(
    {
        "eval",
        "exec",
        "compile",
        "open",
        "__import__",
        "globals",
        "locals",
        "vars",
        "breakpoint",
        "input",
        "help",
        "exit",
        "quit",
        "memoryview",
        "__builtins__",
        "__loader__",
        "__spec__",
    }
)
_HARMLESS_DUNDERS = frozenset({"__init__", "__name__"})
# Calls that follow an attribute named by a string: getattr & co. and the gadgets of allowed
# modules (operator.attrgetter/methodcaller, string.Formatter.get_field).
_ATTRIBUTE_CALLS = frozenset(
    {"getattr", "setattr", "delattr", "hasattr", "attrgetter", "methodcaller", "get_field"}
)
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class StaticVerdict:
    """Whether a program may run; ``reason`` says why not (empty when ``ok``)."""

    ok: bool
    reason: str = ""


def check_program(source: str, function_name: str) -> StaticVerdict:
    """Check ``source`` before running it: parse, signature, imports, names, attributes."""
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE_BYTES:
        return StaticVerdict(
            False, f"source has {size} bytes in UTF-8; at most {MAX_SOURCE_BYTES} are accepted"
        )
    problem = signature_problem(source, function_name)
    if problem is not None:
        return StaticVerdict(False, problem)
    for node in ast.walk(ast.parse(source)):
        problem = _node_problem(node)
        if problem is not None:
            return StaticVerdict(False, f"{problem} at line {getattr(node, 'lineno', '?')}")
    return StaticVerdict(True)


def _node_problem(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import):
        return _import_problem([alias.name for alias in node.names])
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return "uses a relative import"
        private = [a.name for a in node.names if a.name.startswith("_")]
        if private:
            return f"imports private name {private[0]!r} from {node.module}"
        return _import_problem([node.module or ""])
    if isinstance(node, ast.Name):
        if node.id in _FORBIDDEN_NAMES:
            return f"uses {node.id}"
        if _is_dunder(node.id) and node.id not in _HARMLESS_DUNDERS:
            return f"uses {node.id}"
    if isinstance(node, ast.Attribute):
        if node.attr in FORBIDDEN_ATTRIBUTES or (
            _is_dunder(node.attr) and node.attr not in _HARMLESS_DUNDERS
        ):
            return f"accesses attribute {node.attr}"
        if node.attr in FORMAT_METHODS and not _checked_format(node.value):
            return f"calls {node.attr} on a string built at runtime (use a string literal)"
    if isinstance(node, ast.Call):
        called = (
            node.func.id
            if isinstance(node.func, ast.Name)
            else node.func.attr
            if isinstance(node.func, ast.Attribute)
            else ""
        )
        if called in _ATTRIBUTE_CALLS:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    bad = _bad_path(arg.value.split("."))
                    if bad:
                        return f"calls {called} with private attribute {bad!r}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{" in node.value:
        bad = _format_problem(node.value)
        if bad:
            return f"has a format string that reaches attribute {bad!r}"
    return None


def _checked_format(receiver: ast.expr) -> bool:
    """Whether the format strings of ``receiver.format`` are checked: a string literal (here)
    or ``Formatter()`` (the runtime layer's guarded ``string.Formatter``, at runtime)."""
    if isinstance(receiver, ast.Constant):
        return isinstance(receiver.value, str)
    if isinstance(receiver, ast.Call):
        called = receiver.func
        name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
        return name == "Formatter"
    return False


def _bad_path(names: list[str]) -> str | None:
    for name in names:
        if name.startswith("_") or name in FORBIDDEN_ATTRIBUTES or name in FORMAT_METHODS:
            return name
    return None


def _format_problem(text: str, depth: int = 0) -> str | None:
    """The first private or frame attribute a format field of ``text`` follows, if any."""
    try:
        fields = [(field, spec) for _, field, spec, _ in _FORMATTER.parse(text)]
        for field, spec in fields:
            if field:
                _, rest = formatter_field_name_split(field)
                bad = _bad_path([str(key) for is_attribute, key in rest if is_attribute])
                if bad:
                    return bad
            if spec and depth < 2:
                bad = _format_problem(spec, depth + 1)
                if bad:
                    return bad
    except ValueError:  # not a format string
        return None
    return None


def _import_problem(modules: list[str]) -> str | None:
    for module in modules:
        if module not in ALLOWED_MODULES:
            return f"imports {module}"
    return None


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4
