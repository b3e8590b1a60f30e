"""Pulling a labeling program out of a model's answer, and checking it for a task.

Small models answer untidily. What can be repaired without guessing is repaired and noted in
the program's fixes: prose and markdown around the code, example calls and ``print``s after the
function, a missing ``import re``, an answer cut off mid-line, ``return None`` or a class *name*
returned instead of an id. Everything else raises ``SynthesisError`` with a one-line reason;
nothing the model writes is ever executed here.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re

from alchemist.errors import SynthesisError
from alchemist.execution import StaticVerdict, check_program
from alchemist.task import Task

# Standard-library modules a labeling program may use without importing them explicitly: small
# models call ``re.search`` and forget ``import re``. Names map to the import that defines them.
_KNOWN_IMPORTS = {
    **{
        m: f"import {m}"
        for m in (
            "re",
            "string",
            "math",
            "collections",
            "itertools",
            "functools",
            "unicodedata",
            "statistics",
            "json",
        )
    },
    "Counter": "from collections import Counter",
    "defaultdict": "from collections import defaultdict",
}
_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.S)
_CODE_START = re.compile(r"^(import |from \S+ import |def |async def |class |@|[A-Za-z_]\w* *=)")
_PROSE = re.compile(r"^[A-Za-z][\w'’,]*( [\w'’,`*.()-]+)+[.:!?]?$")
_MAX_TRIMMED_LINES = 40


def extract_source(text: str, function_name: str) -> str:
    """The labeling program in a model's answer, cleaned up; raises ``SynthesisError``.

    Takes the fenced code block (or the whole answer) that defines ``function_name``, drops
    prose, example calls and top-level statements, trims an answer cut off mid-statement, adds
    missing imports of common standard-library modules, and checks the signature.
    """
    source, _ = _extract(text, function_name)
    return source


def clean_answer(text: str, task: Task) -> tuple[str, list[str]]:
    """The validated program in a model's answer for ``task``, and the fixes applied to it.

    ``extract_source`` plus the checks of returned constants: ``return None`` becomes -1, a
    returned class name becomes its id, any other constant outside the class ids is refused.
    Raises ``SynthesisError`` with a one-line reason.
    """
    source, fixes = _extract(text, task.function_name)
    source, more = _normalize_returns(source, task)
    return source, fixes + more


def program_problem(source: str, task: Task) -> str | None:
    """Why ``source`` cannot label ``task``, or None: it must pass the executor's static check
    (the task's function with one required argument, allowed imports and names only), and
    return no constant outside the class ids (or their names)."""
    verdict = check_program(source, task.function_name)
    problem = None if verdict.ok else _executor_reason(verdict)
    if problem is None:
        try:
            _normalize_returns(source, task)
        except SynthesisError as exc:
            problem = str(exc)
    return problem


def _extract(text: str, function_name: str) -> tuple[str, list[str]]:
    """The cleaned source and the list of fixes applied; raises ``SynthesisError``."""
    blocks = [
        body
        for lang, body in _FENCE.findall(text)
        if lang.lower() in ("", "python", "py", "python3")
    ]
    candidates = blocks or [text]
    defining = [b for b in candidates if re.search(rf"\bdef\s+{re.escape(function_name)}\b", b)]
    if not defining:
        found = re.findall(r"\bdef\s+(\w+)", text)
        raise SynthesisError(
            f"no function {function_name!r} in the answer (found {found or 'no function at all'})"
        )
    # The last block defining the function is the model's final word on it.
    tree, code, fixes = _parse_leniently(defining[-1])
    source, more = _clean(tree, code, function_name)
    verdict = check_program(source, function_name)
    if not verdict.ok:
        raise SynthesisError(_executor_reason(verdict))
    return source, fixes + more


def _parse_leniently(code: str) -> tuple[ast.Module, str, list[str]]:
    """Parse ``code`` (returned as parsed), skipping prose lines and trimming a cut-off tail."""
    lines = code.splitlines()
    first = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), 0)
    fixes = [f"skipped {first} line(s) before the code"] if first else []
    lines = lines[first:]
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    error: SyntaxError | None = None
    for variant, note in (
        (lines, ""),
        (
            [x for i, x in enumerate(lines) if i not in prose],
            f"skipped {len(prose)} line(s) of prose",
        ),
    ):
        if note and not prose:
            break
        for end in range(len(variant), max(0, len(variant) - _MAX_TRIMMED_LINES), -1):
            code = "\n".join(variant[:end])
            try:
                tree = ast.parse(code)
            except SyntaxError as exc:
                error = error or exc
                continue
            fixes += [note] if note else []
            if end < len(variant):
                fixes.append(f"dropped {len(variant) - end} unparsable trailing line(s)")
            return tree, code, fixes
    lineno = (error.lineno or 0) + first if error else first
    raise SynthesisError(f"syntax error at line {lineno}: {error.msg if error else 'no code'}")


def _is_prose(line: str) -> bool:
    """A line at the left margin that reads like a sentence, not like Python."""
    words = line.split()
    return (
        bool(_PROSE.match(line))
        and len(words) >= 3
        and not _CODE_START.match(line)
        and not keyword.iskeyword(words[0])
    )


def _clean(tree: ast.Module, code: str, function_name: str) -> tuple[str, list[str]]:
    """Keep imports, definitions and the constants they use; add missing imports."""
    lines = code.splitlines()
    body: list[ast.stmt] = [
        n
        for n in tree.body
        if isinstance(
            n,
            ast.Import
            | ast.ImportFrom
            | ast.FunctionDef
            | ast.ClassDef
            | ast.Assign
            | ast.AnnAssign,
        )
    ]
    # Python keeps the last definition of a name; so do we.
    last_def = {n.name: n for n in body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    body = [
        n
        for n in body
        if not isinstance(n, ast.FunctionDef | ast.ClassDef) or last_def[n.name] is n
    ]
    body = _drop_unused_assignments(body, function_name)
    body = _drop_unused_imports(body)
    fixes = (
        [
            f"dropped {len(tree.body) - len(body)} top-level statement(s) (examples, prints, "
            "unused values or imports)"
        ]
        if len(body) < len(tree.body)
        else []
    )
    missing = _missing_imports(body)
    if missing:
        fixes.append("added " + "; ".join(missing))
    imports = missing + [
        _segment(lines, n) for n in body if isinstance(n, ast.Import | ast.ImportFrom)
    ]
    rest = [_segment(lines, n) for n in body if not isinstance(n, ast.Import | ast.ImportFrom)]
    head = "\n".join(dict.fromkeys(imports))
    return (head + "\n\n\n" if head else "") + "\n\n\n".join(dict.fromkeys(rest)) + "\n", fixes


def _segment(lines: list[str], node: ast.stmt) -> str:
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[first - 1 : node.end_lineno]).rstrip()


def _drop_unused_assignments(body: list[ast.stmt], function_name: str) -> list[ast.stmt]:
    """Drop top-level assignments nothing kept refers to (example inputs, results of calls)."""

    def names(nodes: list[ast.stmt]) -> set[str]:
        """Free names the nodes read: a function's parameters and locals do not count."""
        free: set[str] = set()
        for node in nodes:
            loads = {
                x.id
                for x in ast.walk(node)
                if isinstance(x, ast.Name) and isinstance(x.ctx, ast.Load)
            }
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                loads -= {x.arg for x in ast.walk(node) if isinstance(x, ast.arg)}
                loads -= {
                    x.id
                    for x in ast.walk(node)
                    if isinstance(x, ast.Name) and isinstance(x.ctx, ast.Store)
                }
            free |= loads
        return free

    def calls_function(node: ast.stmt) -> bool:
        return any(
            isinstance(x, ast.Call)
            and isinstance(x.func, ast.Name)
            and x.func.id in (function_name, "print")
            for x in ast.walk(node)
        )

    assigns = [n for n in body if isinstance(n, ast.Assign | ast.AnnAssign)]
    kept = [n for n in body if n not in assigns]
    for _ in range(3):  # constants may refer to constants, a few levels deep at most
        used = names(kept)
        kept += [
            a
            for a in assigns
            if a not in kept
            and not calls_function(a)
            and {
                t.id
                for t in ast.walk(a)
                if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)
            }
            & used
        ]
    return [n for n in body if n in kept]


def _drop_unused_imports(body: list[ast.stmt]) -> list[ast.stmt]:
    """Drop imports whose names nothing reads (``from typing import List`` left over)."""
    module = ast.Module(body=body, type_ignores=[])
    used = {n.id for n in ast.walk(module) if isinstance(n, ast.Name)}

    def needed(node: ast.stmt) -> bool:
        if not isinstance(node, ast.Import | ast.ImportFrom):
            return True
        return any((a.asname or a.name).split(".")[0] in used for a in node.names)

    return [n for n in body if needed(n)]


def _executor_reason(verdict: StaticVerdict) -> str:
    """The executor's static-check verdict as a synthesis failure reason: the signature
    problems read as they are, the rest say they would never run."""
    if (
        verdict.reason.startswith(("syntax error", "no top-level function"))
        or "must take exactly one" in verdict.reason
    ):
        return verdict.reason
    return f"the executor would reject it: {verdict.reason}"


def _missing_imports(body: list[ast.stmt]) -> list[str]:
    module = ast.Module(body=body, type_ignores=[])
    bound = set(dir(builtins))
    for node in ast.walk(module):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
    used = {n.id for n in ast.walk(module) if isinstance(n, ast.Name)}
    return sorted({_KNOWN_IMPORTS[n] for n in used - bound if n in _KNOWN_IMPORTS})


def _normalize_returns(source: str, task: Task) -> tuple[str, list[str]]:
    """Rewrite ``return None`` as -1 and a returned class name as its id, end a function that
    can fall off its end with ``return -1``, and reject other constants outside the class ids.
    Only returns of the labeling function itself count."""
    tree = ast.parse(source)
    function = [
        n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == task.function_name
    ][-1]
    ids = {c.name.lower(): c.id for c in task.classes}
    valid = set(task.class_ids) | {-1}
    edits: list[tuple[ast.Return, int]] = []
    for node in _own_returns(function):
        value = node.value
        if (
            isinstance(value, ast.UnaryOp)
            and isinstance(value.op, ast.USub)
            and isinstance(value.operand, ast.Constant)
        ):
            continue  # -1 (or another negative constant, caught at execution)
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            edits.append((node, -1))
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            if value.value.strip().lower() not in ids:
                raise SynthesisError(
                    f"returns the string {value.value!r}, which is no class "
                    f"name; expected class ids {sorted(valid)}"
                )
            edits.append((node, ids[value.value.strip().lower()]))
        elif isinstance(value, ast.Constant) and (
            isinstance(value.value, bool) or value.value not in valid
        ):
            raise SynthesisError(
                f"returns {value.value!r}, which is not one of the class ids {sorted(valid)}"
            )
    lines = source.splitlines()
    fixes = []
    if not _always_returns(function.body):
        # Small models stop after the last ``elif``; None at the end means "no evidence".
        indent = " " * function.body[0].col_offset
        lines.insert(function.end_lineno or len(lines), f"{indent}return -1")
        fixes.append("added a final 'return -1' (the function could end without returning)")
    for node, new in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        line = lines[node.lineno - 1]
        end = node.end_col_offset if node.end_lineno == node.lineno else len(line)
        lines[node.lineno - 1] = f"{line[: node.col_offset]}return {new}{line[end:]}"
        del lines[node.lineno : node.end_lineno]
    if edits:
        fixes.append(f"rewrote {len(edits)} return(s) of None or class names as class ids")
    return ("\n".join(lines) + "\n", fixes) if fixes else (source, [])


def _always_returns(body: list[ast.stmt]) -> bool:
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and _always_returns(last.body) and _always_returns(last.orelse)
    return False


def _own_returns(function: ast.FunctionDef) -> list[ast.Return]:
    """Return statements of ``function`` itself, not of functions or lambdas nested in it."""
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return found


def same_code(a: str, b: str) -> bool:
    """True when two sources differ at most in comments and layout."""
    return code_shape(a) is not None and code_shape(a) == code_shape(b)


def code_shape(source: str) -> str | None:
    """The code's structure without comments and layout: two programs with equal shapes are
    duplicates. None when the source does not parse (a hand-edited file, say)."""
    try:
        return ast.dump(ast.parse(source))
    except SyntaxError:
        return None


__all__ = ["clean_answer", "code_shape", "extract_source", "program_problem", "same_code"]
