# With the static check off: real os via an escape; deletes the file it is given.
# Contained by chroot and own uid.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    _os_globals()["remove"](text)
    return 1
