# Spins forever and swallows every interruption. Contained by the per-batch limit: the process
# is killed and the program's remaining items are recorded as timeouts.
def label(text):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass
