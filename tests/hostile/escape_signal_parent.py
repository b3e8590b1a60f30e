# Same uid: signals the Alchemist process (SIGUSR2, which it records) and kills the other
# workers and an unrelated process of the same user. Stopped by the PID namespace (those pids
# do not exist in it), seccomp (no kill), Landlock's signal scope and, as root, a uid of its own.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    g["kill"](int("@PARENT_PID@"), 12)
    for pid in [int(p) for p in "@WORKER_PIDS@,@VICTIM_PID@".split(",")]:
        g["kill"](pid, 9)
    return 1
