# With the static check off: kills its parent (the worker) through the real os.kill.
# Contained by running under a uid of its own.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    g["kill"](g["getppid"](), 9)
    return 1
