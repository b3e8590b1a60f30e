# With the static check off: exits with code 147 (128 + SIGSTOP). A waiter that turns such a
# code back into a signal on itself stops, and whoever waits for it waits for ever.
# Contained by waiters that only ever exit with their child's status: a crash, nothing left.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    _os_globals()["_exit"](147)
