"""The runtime layer's guards: the builtins a labeling program sees.

The functions programs are handed in place of ``getattr`` & co. and of the attribute-following
gadgets of allowed modules (``operator.attrgetter``/``methodcaller``, ``string.Formatter``),
which refuse private names, frame attributes and the format methods, and an ``__import__`` that
hands out read-only copies of the allowed modules. A guard never calls a method of an object a
program handed it to decide: a name is checked, then used, as an exact ``str`` copy of its
characters (a ``str`` subclass may lie in ``startswith``, ``split``, ``__eq__`` or ``__hash__``;
the real ``getattr`` reads its characters). ``_sandbox`` decides what is allowed and calls
``restricted_builtins`` before forking. Standard library only: the worker loads this module
from source without the ``alchemist`` package (``_pool._BOOTSTRAP``), before ``_sandbox``.
"""

from __future__ import annotations

import _string  # type: ignore[import-not-found]  # no stubs; the field-path parser
import builtins as builtins_module
import operator
import string
import sys
import types
from typing import Any

_SAFE_BUILTINS = (
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "complex",
    "dict",
    "divmod",
    "enumerate",
    "filter",
    "float",
    "format",
    "frozenset",
    "hash",
    "hex",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "map",
    "max",
    "min",
    "next",
    "object",
    "oct",
    "ord",
    "pow",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "slice",
    "sorted",
    "staticmethod",
    "classmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "zip",
    "__build_class__",
    "None",
    "Ellipsis",
    "NotImplemented",
    "True",
    "False",
)

# The guards, defined in a namespace of their own (``restricted_builtins``), so that their
# __globals__ hold no os, sys, ctypes or signal (this module's globals hold sys).
_GUARDS = """
def _name(name):
    # An exact str copy of a name, made without calling any method of the object: a str
    # subclass can lie in startswith, split, __eq__ or __hash__, but not in its characters.
    if type(name) is str:
        return name
    if issubclass(type(name), str):
        return _exact(name)
    raise TypeError(f"attribute name must be string, not {type(name).__name__!r}")

def _refuse(name):
    if name.startswith("_") or name in _FORBIDDEN:
        raise AttributeError(f"access to attribute {name!r} is not allowed in labeling programs")

def _checked(name):
    name = _name(name)
    _refuse(name)
    return name

def getattr(obj, name, *default):
    return _real_getattr(obj, _checked(name), *default)

def hasattr(obj, name):
    return _real_hasattr(obj, _checked(name))

def setattr(obj, name, value):
    _real_setattr(obj, _checked(name), value)

def delattr(obj, name):
    _real_delattr(obj, _checked(name))

def print(*args, **kwargs):
    "Programs may print while debugging; nothing is written anywhere."

def attrgetter(attr, *attrs):
    names = tuple(_name(name) for name in (attr, *attrs))
    for name in names:
        for part in name.split("."):
            _refuse(part)
    return _real_attrgetter(*names)

def methodcaller(name, /, *args, **kwargs):
    return _real_methodcaller(_checked(name), *args, **kwargs)

def _check_field(field_name):
    field_name = _name(field_name)
    _first, rest = _field_split(field_name)
    for is_attribute, key in rest:
        if is_attribute:
            _refuse(key)
    return field_name

def _check_format(format_string, depth=0):
    format_string = _name(format_string)
    for _literal, field, spec, _conversion in _formatter.parse(format_string):
        if field:
            _check_field(field)
        if spec and depth < 2:
            _check_format(spec, depth + 1)
    return format_string

class Formatter:
    "string.Formatter whose field paths may not name private or frame attributes."

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return _formatter.vformat(_check_format(format_string), args, kwargs)

    def parse(self, format_string):
        return _formatter.parse(_name(format_string))

    def get_field(self, field_name, args, kwargs):
        return _formatter.get_field(_check_field(field_name), args, kwargs)

    def get_value(self, key, args, kwargs):
        return _formatter.get_value(key, args, kwargs)

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        return _formatter.convert_field(value, conversion)

def __import__(name, globals=None, locals=None, fromlist=(), level=0):
    if level:
        raise ImportError("relative imports are not allowed in labeling programs")
    name = _name(name)
    if name not in _copies:
        raise ImportError(f"import of {name!r} is not allowed in labeling programs; "
                          f"allowed: {_allowed}")
    for attr in tuple(fromlist or ()):
        _checked(attr)
    return _copies[name] if fromlist else _copies[name.partition(".")[0]]
"""


def _safe_builtins() -> dict[str, Any]:
    safe = {name: getattr(builtins_module, name) for name in _SAFE_BUILTINS}
    safe.update(
        {
            name: value
            for name, value in vars(builtins_module).items()
            if isinstance(value, type) and issubclass(value, BaseException)
        }
    )
    return safe


def _module_copy(
    name: str,
    allowed: frozenset[str],
    copies: dict[str, types.ModuleType],
    replace: dict[str, dict[str, Any]],
) -> types.ModuleType:
    module = sys.modules[name]
    copy = types.ModuleType(name, module.__doc__)
    for key, value in vars(module).items():
        if key.startswith("_"):
            continue
        if isinstance(value, types.ModuleType):
            if value.__name__ not in allowed:
                continue
            value = copies.get(value.__name__) or _module_copy(
                value.__name__, allowed, copies, replace
            )
        setattr(copy, key, replace.get(name, {}).get(key, value))
    copies[name] = copy
    return copy


def restricted_builtins(allowed: frozenset[str], forbidden: frozenset[str]) -> dict[str, Any]:
    """The safe builtins with guarded ``getattr`` & co., ``print`` and ``__import__``, which
    hands out copies of the ``allowed`` modules (imported already); ``forbidden``: attributes
    refused besides private names."""
    copies: dict[str, types.ModuleType] = {}
    guards: dict[str, Any] = {
        "__builtins__": _safe_builtins(),
        "_FORBIDDEN": forbidden,
        "_real_getattr": getattr,
        "_real_hasattr": hasattr,
        "_real_setattr": setattr,
        "_real_delattr": delattr,
        "_real_attrgetter": operator.attrgetter,
        "_real_methodcaller": operator.methodcaller,
        "_exact": str.__str__,  # on a str subclass: a copy of its characters as an exact str
        "_formatter": string.Formatter(),
        "_field_split": _string.formatter_field_name_split,
        "_copies": copies,
        "_allowed": ", ".join(sorted(allowed)),
        "__name__": "labeling_guards",
    }
    exec(compile(_GUARDS, "<guards>", "exec"), guards)  # noqa: S102 - this module's own code
    replace = {
        "operator": {"attrgetter": guards["attrgetter"], "methodcaller": guards["methodcaller"]},
        "string": {"Formatter": guards["Formatter"]},
    }
    for name in sorted(allowed):
        if name not in copies:
            _module_copy(name, allowed, copies, replace)
    safe = _safe_builtins()
    safe.update(
        {
            name: guards[name]
            for name in ("getattr", "hasattr", "setattr", "delattr", "print", "__import__")
        }
    )
    return safe
