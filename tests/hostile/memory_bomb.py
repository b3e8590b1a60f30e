# Allocates without end. Contained by RLIMIT_AS (MemoryError) in the program's own process.
def label(text):
    hoard = []
    while True:
        hoard.append(bytearray(10_000_000))
