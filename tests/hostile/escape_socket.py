# With the static check off: the socket module via an escape; connects out.
# Contained by the network namespace (no interface is up).
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    socket = _os_globals()["sys"].modules["socket"]
    socket.create_connection(("1.1.1.1", 80), timeout=0.2).close()
    return 1
