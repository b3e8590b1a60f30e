# With the static check off: tries to raise its CPU time limits (its own, through setrlimit and
# prlimit, and those of PID 1 of its namespace) and its process limit, and says what happened.
# Contained by the hard CPU limit (set, and not raisable without a capability) and seccomp's
# argument checks on prlimit64 (this process, and only the CPU time limit).
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    resource = _os_globals()["sys"].modules["resource"]
    outcomes = []
    for attempt in (
        lambda: resource.setrlimit(resource.RLIMIT_CPU, (-1, -1)),
        lambda: resource.prlimit(0, resource.RLIMIT_CPU, (-1, -1)),
        lambda: resource.prlimit(1, resource.RLIMIT_CPU, (-1, -1)),
        lambda: resource.setrlimit(resource.RLIMIT_NPROC, (100, 100)),
    ):
        try:
            attempt()
            outcomes.append("raised")
        except (OSError, ValueError) as exc:
            outcomes.append(f"{type(exc).__name__}({exc.args[0]})")
    raise RuntimeError("limits: " + ", ".join(outcomes))
