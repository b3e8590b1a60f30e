# With the static check off: real os via an escape; creates and writes a file.
# Contained by chroot, own uid and RLIMIT_FSIZE=0.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    fd = g["open"](text + ".escape-written", g["O_WRONLY"] | g["O_CREAT"])
    g["write"](fd, b"pwned")
    return 1
