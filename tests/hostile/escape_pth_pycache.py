# Same uid, writable environment: plants a .pth file (run by every later Python started there)
# and rewrites the sandbox's cached bytecode, so that the next worker would run the payload
# before it is confined. Stopped by the empty root, Landlock and seccomp; and workers start
# with -S (no .pth) from source (no cached bytecode).
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


PAYLOAD = "import os; open('@EVIDENCE@/payload_ran.txt', 'w')\n"


def label(text):
    g = _os_globals()
    real_open = g["__builtins__"]["open"]
    with real_open("@SITE@/alchemist_hostile.pth", "w") as f:
        f.write(PAYLOAD)
    g["makedirs"]("@SANDBOX_DIR@/__pycache__", exist_ok=True)
    with real_open("@SANDBOX_DIR@/__pycache__/_sandbox.cpython-311.pyc", "wb") as f:
        f.write(PAYLOAD.encode())
    return 1
