# Replaces builtins for everyone after it. Static: uses __builtins__. Runtime: its own copy.
__builtins__["len"] = lambda obj: 0
__builtins__["sorted"] = lambda obj, **kwargs: []


def label(text):
    raise RuntimeError("builtins patched")
