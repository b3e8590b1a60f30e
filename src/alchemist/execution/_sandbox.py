"""What runs inside a program process: the restricted namespace and the labeling loop.

This module and ``_guards`` import only the standard library: the worker loads them without
importing the ``alchemist`` package (whose import pulls in pandas), so a worker starts in a few
milliseconds.

The runtime layer, a speed bump rather than the wall (that is the OS layer, ``_confine``): a
program sees a reduced ``__builtins__`` (no ``open``, ``eval``, ``exec``, ``compile``,
``globals``...; ``getattr`` and friends refuse private names and frame attributes) and an
``__import__`` that hands out read-only copies of allowlisted modules with their private names
and non-allowlisted submodules removed (``statistics.sys`` is not reachable), in which the
attribute-following gadgets (``operator.attrgetter``/``methodcaller``, ``string.Formatter``)
are replaced by guarded versions (all built by ``_guards``). What it cannot guard, attribute
syntax itself (``f.__globals__``) and ``str.format`` on a string built at runtime, the static
check refuses.
"""

from __future__ import annotations

import builtins as builtins_module
import importlib
import numbers
import os
import reprlib
import resource
import signal
from time import perf_counter
from typing import Any

if __package__:  # imported within alchemist (the static check)
    from alchemist.execution import _guards
else:  # loaded from source by the worker, without the package (_pool._BOOTSTRAP)
    import _guards  # type: ignore[import-not-found, no-redef]

# Modules a labeling program may import. Pre-imported before the program process is confined,
# since nothing can be imported from disk once it is chrooted.
ALLOWED_MODULES = frozenset(
    {
        "re",
        "string",
        "math",
        "cmath",
        "collections",
        "collections.abc",
        "itertools",
        "functools",
        "operator",
        "unicodedata",
        "statistics",
        "datetime",
        "json",
        "decimal",
        "fractions",
        "random",
        "heapq",
        "bisect",
        "textwrap",
        "difflib",
        "html",
        "numbers",
        "copy",
    }
)
# Loaded lazily by allowed modules or str methods: pre-imported for the same reason.
_LAZY_IMPORTS = (
    "_strptime",
    "encodings.latin_1",
    "encodings.ascii",
    "encodings.cp1252",
    "encodings.utf_16",
    "encodings.utf_32",
    "encodings.idna",
    "html.entities",
)

# Cell codes, equal to alchemist.label_matrix.CellError (kept literal: no package import here).
OK, EXCEPTION, TIMEOUT, INVALID_OUTPUT = 0, 1, 2, 3
ABSTAIN = 255  # -1 as an unsigned byte

_MESSAGE_CHARS = 300  # of an exception message kept for the reason
_PROGRAM_FILE = "<program>"  # the file name programs are compiled under
_serial = 0  # numbers each timed context (a batch, a load), so that none is mistaken for another
# What the call timer saw running at its last tick: (serial, item position), and since when.
_watched: list[Any] = [None, 0.0]


class CallTimeout(BaseException):
    """Raised inside a program call that ran past its time limit."""


# --------------------------------------------------------------------------- runtime layer

# Non-dunder attributes of frames, code objects, generators and tracebacks: refused at runtime
# like private names, and by the static check.
FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "f_globals",
        "f_locals",
        "f_builtins",
        "f_back",
        "f_code",
        "f_trace",
        "gi_frame",
        "gi_code",
        "gi_yieldfrom",
        "cr_frame",
        "cr_code",
        "cr_await",
        "ag_frame",
        "ag_code",
        "ag_await",
        "tb_frame",
        "tb_next",
        "co_code",
        "mro",
    }
)
# Methods that follow field paths of a format string built at runtime: refused by the guards,
# and by the static check except on a string literal, whose field paths it reads.
FORMAT_METHODS = frozenset({"format", "format_map"})


def prepare() -> dict[str, Any]:
    """Import what programs may use and build the builtins they see. Call before forking."""
    for name in sorted(ALLOWED_MODULES) + list(_LAZY_IMPORTS):
        importlib.import_module(name)
    return _guards.restricted_builtins(ALLOWED_MODULES, FORBIDDEN_ATTRIBUTES | FORMAT_METHODS)


def unrestricted_builtins() -> dict[str, Any]:
    """The real builtins: the runtime layer switched off, to test the other layers alone."""
    return dict(vars(builtins_module))


def load_program(
    source: str, function_name: str, builtins: dict[str, Any], *, timeout: float
) -> Any:
    """Run the program's top level in a fresh namespace and return its labeling function."""
    namespace = {"__builtins__": dict(builtins), "__name__": "labeling_program"}
    code = compile(source, _PROGRAM_FILE, "exec")
    _run_timed(lambda: exec(code, namespace), timeout)
    function = namespace.get(function_name)
    if not callable(function):
        raise TypeError(f"{function_name!r} is not a function after running the program")
    return function


def _run_timed(thunk: Any, timeout: float) -> Any:
    """``thunk()``, interrupted (``CallTimeout``) by the call timer past ``timeout`` seconds."""
    global _serial
    _serial += 1
    serial, k = _serial, 0  # read by _on_alarm from this frame  # noqa: F841
    return thunk()


# --------------------------------------------------------------------------- limits


def address_space_bytes() -> int | None:
    """The process's current virtual size: the memory limit is counted on top of it."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def limit_cpu(seconds: float) -> None:
    """Let the process use at most ``seconds`` more CPU time (SIGXCPU kills it past that), and
    never more than its hard limit, set once by ``_confine`` (SIGKILL there)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = int(usage.ru_utime + usage.ru_stime + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _on_alarm(signum: int, frame: Any) -> None:
    """Interrupt program code that has been running one call for longer than its limit.

    The running call is read off the stack (the position ``k`` in the innermost timed
    context, ``label_range`` or ``_run_timed``), so the labeling loop pays nothing per call.
    The exception is raised only while a program frame is on the stack above that context,
    that is, inside the ``try`` that calls the program, never in the loop's own bookkeeping.
    """
    in_program = False
    while frame is not None and frame.f_code not in _TIMED_CODES:
        in_program = in_program or frame.f_code.co_filename == _PROGRAM_FILE
        frame = frame.f_back
    if frame is None or not in_program:
        _watched[0] = None
        return
    local = frame.f_locals
    running, now = (local["serial"], local["k"]), perf_counter()
    if running != _watched[0]:
        _watched[:] = [running, now]
    elif now - _watched[1] >= local["timeout"]:
        _watched[1] = now  # re-armed: a program that swallows it is interrupted again
        raise CallTimeout


def start_call_timer(call_timeout: float) -> None:
    """Check the running call a few times per ``call_timeout``: a call is interrupted after
    between 1 and 1.25 times its limit."""
    tick = max(0.005, call_timeout / 4)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, tick, tick)


# --------------------------------------------------------------------------- labeling loop


def label_range(
    function: Any, items: Any, start: int, stop: int, lookup: dict[int, int], timeout: float
) -> tuple[bytes, bytes, dict[int, str]]:
    """Call ``function`` on ``items[start:stop]``, each call limited to ``timeout`` seconds.

    Returns votes (class index as a byte, 255 = abstain), cell codes, and the first message
    of each failure code seen. ``lookup`` maps each valid return value (class ids and -1) to
    its byte.
    """
    global _serial
    _serial += 1
    serial = _serial  # read by _on_alarm, with k and timeout, from this frame  # noqa: F841
    n = stop - start
    votes = bytearray(b"\xff") * n
    errors = bytearray(n)
    first: dict[int, str] = {}
    get = lookup.get
    for k, item in enumerate(items[start:stop]):
        try:
            result = function(item)
            vote = get(result) if type(result) is int else _coerce(result, get)
        except CallTimeout:
            errors[k] = TIMEOUT
            first.setdefault(TIMEOUT, f"call exceeded the {timeout:g} s limit")
            continue
        except BaseException as exc:  # noqa: B036 - SystemExit & co. are program failures too
            errors[k] = EXCEPTION
            if EXCEPTION not in first:
                first[EXCEPTION] = describe(exc)
            continue
        if vote is None:
            errors[k] = INVALID_OUTPUT
            if INVALID_OUTPUT not in first:
                first[INVALID_OUTPUT] = _describe_output(result, lookup)
        else:
            votes[k] = vote
    return bytes(votes), bytes(errors), first


def _coerce(result: Any, get: Any) -> int | None:
    """Integers other than exact ``int`` (numpy integers) count; ``bool`` never does."""
    if isinstance(result, bool) or not isinstance(result, numbers.Integral):
        return None
    return get(int(result))


def describe(exc: BaseException) -> str:
    try:
        message = _run_timed(lambda: str(exc)[:_MESSAGE_CHARS], 0.1)
        return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    except BaseException:  # noqa: B036 - a hostile __str__ may raise anything
        return type(exc).__name__


def _describe_output(result: Any, lookup: dict[int, int]) -> str:
    valid = sorted(lookup)
    try:
        shown = _run_timed(lambda: reprlib.repr(result), 0.1)
    except BaseException:  # noqa: B036 - a hostile __repr__ may raise anything
        shown = "<unprintable>"
    return f"returned {type(result).__name__} {shown}; expected one of {valid}"


_TIMED_CODES = frozenset({label_range.__code__, _run_timed.__code__})
