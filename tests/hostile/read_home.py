# Reads a file in the home directory. Static: imports os. Runtime: os not importable.
import os


def label(text):
    with open(os.path.expanduser("~/.bashrc")) as f:
        return 1 if f.read() else 0
