# Poisons the shared re module for later programs. Passes the static check; contained by the
# per-program copy of the module and by one fresh process per program.
import re

re.search = lambda *args, **kwargs: None
re.compile = lambda *args, **kwargs: None


def label(text):
    raise RuntimeError("re poisoned")
