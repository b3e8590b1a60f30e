# Deletes the file it is given. Static: imports os. Runtime: os not importable.
import os


def label(text):
    os.remove(text)
    return 1
