# Walks from a generator frame to the caller's globals and builtins. Static: frame attributes.
def label(text):
    frame = (x for x in [1]).gi_frame
    while frame.f_back is not None:
        frame = frame.f_back
    frame.f_globals["__builtins__"]["open"](text + ".frame", "w").write("pwned")
    return 1
