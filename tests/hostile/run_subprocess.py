# Starts a process. Static: imports subprocess. Runtime: not importable.
import subprocess


def label(text):
    subprocess.run(["touch", text + ".subprocess"], check=True)
    return 1
