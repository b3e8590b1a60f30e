# Gadget: operator.methodcaller("__getattribute__", ...) fetches __globals__ of a function of an
# allowed module (random imports os as _os) and deletes the user's file.
# Stopped by the runtime layer's guarded methodcaller; with it off, by the OS layer.
import random
from operator import methodcaller

U = "_" * 2


def label(text):
    function_globals = methodcaller(f"{U}getattribute{U}", f"{U}globals{U}")(random.Random.seed)
    function_globals["_os"].remove("@EVIDENCE@/victim.txt")
    return 1
