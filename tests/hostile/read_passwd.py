# Reads /etc/passwd. Static: uses open. Runtime: no open builtin. OS: chroot (no /etc).
def label(text):
    with open("/etc/passwd") as f:
        return 1 if f.read() else 0
