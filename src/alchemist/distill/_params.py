"""Constructor settings of featurizers and classifiers, read from ``__init__`` (as the label
models and scikit-learn do), saved as JSON and given back to ``__init__`` when loading."""

from __future__ import annotations

import inspect
from typing import Any


def saved_params(obj: Any, *, unsaved: tuple[str, ...] = ()) -> dict[str, Any]:
    """The keyword settings of ``type(obj).__init__`` as ``obj`` holds them, JSON-ready (tuples
    as lists); ``unsaved`` names settings of the machine rather than of the model."""
    params = {}
    for name in _init_parameters(type(obj)):
        if name not in unsaved:
            value = getattr(obj, name)
            params[name] = list(value) if isinstance(value, tuple) else value
    return params


def restore(cls: type, params: dict[str, Any]) -> Any:
    """A new ``cls`` from ``saved_params``: a list goes back to a tuple where ``__init__``'s
    default is one."""
    defaults = _init_parameters(cls)
    return cls(
        **{
            name: tuple(value)
            if isinstance(value, list) and isinstance(defaults.get(name), tuple)
            else value
            for name, value in params.items()
        }
    )


def _init_parameters(cls: type) -> dict[str, Any]:
    """``__init__``'s keyword parameters and their defaults; a subclass whose ``__init__``
    passes ``**kwargs`` on has its parents' parameters too."""
    found: dict[str, Any] = {}
    for klass in cls.__mro__:
        if "__init__" not in vars(klass):
            continue
        parameters = inspect.signature(vars(klass)["__init__"]).parameters.values()
        for p in parameters:
            if p.kind is inspect.Parameter.KEYWORD_ONLY:
                found.setdefault(p.name, p.default)
        if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
            break
    return found


__all__ = ["restore", "saved_params"]
