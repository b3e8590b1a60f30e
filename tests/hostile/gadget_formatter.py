# Gadget: string.Formatter().get_field follows a field path with the real getattr and returns
# the object: __globals__ of a function of an allowed module (random's, with os), then signals
# the parent.
# Stopped by the runtime layer's guarded Formatter; with it off, by the OS layer.
import random
import string

U = "_" * 2


def label(text):
    found, _ = string.Formatter().get_field(f"0.{U}globals{U}", [random.Random.seed], {})
    found["_os"].kill(int("@PARENT_PID@"), 12)
    return 1
