# With the static check off: poisons the real re module and the real builtins.
# Contained by one fresh process per program.
def _os_globals():
    for cls in ().__class__.__bases__[0].__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


g = _os_globals()
g["sys"].modules["re"].search = lambda *args, **kwargs: None
g["__builtins__"]["len"] = lambda obj: 0


def label(text):
    raise RuntimeError("poisoned")
