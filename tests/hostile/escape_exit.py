# With the static check off: exits its process at once (os._exit).
# Contained by the worker: recorded as a crash, the process replaced.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    _os_globals()["_exit"](0)
