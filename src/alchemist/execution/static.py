"""The static check: the first layer, run in the main process on the source text alone.

A program is rejected before it runs when it does not parse, lacks the labeling function,
imports a module outside ``ALLOWED_MODULES``, calls a builtin that reaches outside the program
(``open``, ``eval``, ``exec``, ...), or touches dunder or frame attributes (the usual ways out of
a restricted namespace: ``().__class__.__bases__[0].__subclasses__()``, ``f.__globals__``,
``sys._getframe().f_back``). The runtime and OS layers do not rely on this check.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from alchemist.execution._sandbox import ALLOWED_MODULES
from alchemist.programs import signature_problem

MAX_SOURCE_CHARS = 100_000

_FORBIDDEN_NAMES = frozenset({
    "eval", "exec", "compile", "open", "__import__", "globals", "locals", "vars", "breakpoint",
    "input", "help", "exit", "quit", "memoryview", "__builtins__", "__loader__", "__spec__",
})
# Non-dunder attributes of frames, code objects, generators and tracebacks.
_FORBIDDEN_ATTRIBUTES = frozenset({
    "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "gi_frame", "gi_code",
    "cr_frame", "cr_code", "ag_frame", "ag_code", "tb_frame", "tb_next", "co_code", "mro",
})
_HARMLESS_DUNDERS = frozenset({"__init__", "__name__"})
_ATTRIBUTE_BUILTINS = frozenset({"getattr", "setattr", "delattr", "hasattr"})


@dataclass(frozen=True)
class StaticVerdict:
    """Whether a program may run; ``reason`` says why not (empty when ``ok``)."""

    ok: bool
    reason: str = ""


def check_program(source: str, function_name: str) -> StaticVerdict:
    """Check ``source`` before running it: parse, signature, imports, names, attributes."""
    if len(source) > MAX_SOURCE_CHARS:
        return StaticVerdict(False, f"source has {len(source)} characters; "
                                    f"at most {MAX_SOURCE_CHARS} are accepted")
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
        if node.attr in _FORBIDDEN_ATTRIBUTES or (
                _is_dunder(node.attr) and node.attr not in _HARMLESS_DUNDERS):
            return f"accesses attribute {node.attr}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in _ATTRIBUTE_BUILTINS and len(node.args) > 1:
        name = node.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str) \
                and name.value.startswith("_"):
            return f"calls {node.func.id} with private attribute {name.value!r}"
    return None


def _import_problem(modules: list[str]) -> str | None:
    for module in modules:
        if module not in ALLOWED_MODULES:
            return f"imports {module}"
    return None


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4
