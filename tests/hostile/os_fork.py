# Forks. Static: imports os. Runtime: os not importable.
import os


def label(text):
    if os.fork() == 0:
        os._exit(0)
    return 1
