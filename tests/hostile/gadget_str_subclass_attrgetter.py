# Gadget: operator.attrgetter with a str subclass whose split hides the dotted dunder path it
# holds; the real attrgetter follows the characters to os, which signals the parent.
# Stopped by the runtime guard (it splits an exact str copy); with it off, by the OS layer.
import random
from operator import attrgetter


class Path(str):
    def split(self, sep=None, maxsplit=-1):
        return ["seed"]

    def startswith(self, prefix, *args):
        return False


U = "_" * 2


def label(text):
    found = attrgetter(Path("Random.seed." + U + "globals" + U))(random)
    found["_os"].kill(int("@PARENT_PID@"), 12)
    return 1
