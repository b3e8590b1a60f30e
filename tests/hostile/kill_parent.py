# Kills its parent process. Static: imports os. Runtime: os not importable. OS: own uid.
import os
import signal


def label(text):
    os.kill(os.getppid(), signal.SIGKILL)
    return 1
