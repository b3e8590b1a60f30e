# A source just under 100 000 characters that is four times that in UTF-8 (the padding below is
# filled in by the harness), with a program that stalls its process: a large task frame to a
# worker that is not reading must not hold the executor. Static: over the limit in bytes.
# Without the static check: sent without blocking, and the batch limit ends it.
# @PADDING@
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    signal = _os_globals()["sys"].modules["signal"]
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    while True:
        pass
