# With the static check off: disarms the call timer, ignores SIGXCPU (the soft CPU limit) and
# spins. Contained by the batch limit (the process group is killed) and, were the worker gone,
# by the hard CPU limit and the parent-death signals: nothing of it is left.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    signal = _os_globals()["sys"].modules["signal"]
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    while True:
        pass
