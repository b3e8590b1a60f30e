# Gadget: __globals__ of functions reachable by programs (the sandbox's getattr, re.compile),
# fetched with getattr and a dunder name built at runtime; writes into the user's folder.
# Stopped by the runtime layer (getattr refuses private names and its globals hold no os);
# with it off, by the OS layer.
import re

U = "_" * 2


def label(text):
    for function in (re.compile, getattr):
        g = getattr(function, f"{U}globals{U}", {})
        builtins = g.get(f"{U}builtins{U}")
        real_open = builtins["open"] if isinstance(builtins, dict) else builtins.open
        with real_open("@EVIDENCE@/gadget_globals.txt", "w") as f:
            f.write("escaped")
    return 1
