# Ignores the timer that enforces the call limit, then spins. Static: imports signal.
import signal


def label(text):
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    while True:
        pass
