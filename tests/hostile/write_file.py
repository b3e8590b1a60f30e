# Writes a file next to the path it is given. Static: uses open. Runtime: no open. OS: chroot,
# own uid, RLIMIT_FSIZE=0.
def label(text):
    with open(text + ".written", "w") as f:
        f.write("pwned")
    return 1
