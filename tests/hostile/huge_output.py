# Returns a huge object instead of a class id: recorded as invalid output, never sent back.
def label(text):
    return "x" * 20_000_000
