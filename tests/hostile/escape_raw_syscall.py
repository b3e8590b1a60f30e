# With the static check off: makes a system call through another ABI (x32 on x86_64, which
# the seccomp filter cannot check by number) with ctypes found in sys.modules.
# Contained by seccomp: the process is killed (SIGSYS), recorded as a crash that says so.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    ctypes = _os_globals()["sys"].modules["ctypes"]
    libc = ctypes.CDLL(None)
    libc.syscall(0x40000000 + 62, int("@PARENT_PID@"), 12)  # x32 kill(parent, SIGUSR2)
    raise RuntimeError("the raw system call returned")
