# Gadget: a str subclass whose startswith and split lie about a dunder name
# built at runtime, handed to getattr: a guard that asks the name itself lets it through, while
# the real getattr reads its characters. From random's globals to os, then a file is written.
# Stopped by the runtime guard (it checks an exact str copy); with it off, by the OS layer.
import random


class Name(str):
    def startswith(self, prefix, *args):
        return False

    def split(self, sep=None, maxsplit=-1):
        return ["harmless"]


U = "_" * 2


def label(text):
    found = getattr(random.Random.seed, Name(U + "globals" + U))
    os = found["_os"]
    fd = os.open("@EVIDENCE@/gadget_str_subclass_getattr.txt", os.O_WRONLY | os.O_CREAT, 0o666)
    os.write(fd, b"escaped")
    return 1
