# Climbs from a tuple to object's subclasses to reach os.system. Static: dunder attributes.
def label(text):
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            status = cls.__init__.__globals__["system"]("touch " + text + ".escape")
            if status != 0:
                raise OSError(f"system() failed with status {status}")
            return 1
    raise RuntimeError("no way out found")
