# Spins forever. Contained by the per-call time limit.
def label(text):
    while True:
        pass
