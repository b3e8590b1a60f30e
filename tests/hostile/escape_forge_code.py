# Untrusted reply: patches the sandbox's reply code to report an unknown cell code (9) and a
# failure message full of terminal escapes. Stopped by the executor's check of codes.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def _forged(function, items, start, stop, lookup, timeout):
    n = stop - start
    return bytes([255]) * n, bytes([9]) * n, {9: "\x1b[2J\x1b]0;owned\x07", 1: "\x1b[31mred"}


def label(text):
    _os_globals()["sys"].modules["_sandbox"].label_range = _forged
    raise RuntimeError("reply code patched")
