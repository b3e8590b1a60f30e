# Same uid: writes into the user's file through a shared mapping, which RLIMIT_FSIZE=0 does not
# stop. Stopped by the empty root, Landlock and seccomp (no open; mmap of anonymous memory only).
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    fd = g["open"]("@EVIDENCE@/victim.txt", g["O_RDWR"])
    mmap = g["sys"].modules.get("mmap") or g["__builtins__"]["__import__"]("mmap")
    mapping = mmap.mmap(fd, 0)
    mapping[:7] = b"PWNED!!"
    mapping.flush()
    return 1
