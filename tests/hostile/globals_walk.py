# Reaches real builtins through a function's globals. Static: dunder attributes.
def label(text):
    real_open = label.__globals__["__builtins__"]["open"]
    return 1 if real_open("/etc/passwd").read() else 0
