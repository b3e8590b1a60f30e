# Untrusted reply: patches the sandbox's own reply code so that later batches report votes
# outside the class range (127) for every item. Stopped by the executor's range check: the
# cells are recorded as crashed.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def _forged(function, items, start, stop, lookup, timeout):
    n = stop - start
    return bytes([127]) * n, bytes(n), {}


def label(text):
    _os_globals()["sys"].modules["_sandbox"].label_range = _forged
    raise RuntimeError("reply code patched")
