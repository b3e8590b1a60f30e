# Runs a shell command. Static: imports os. Runtime: os not importable.
import os


def label(text):
    if os.system("touch " + text + ".system") != 0:
        raise OSError("system() failed")
    return 1
