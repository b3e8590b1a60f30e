# Floods stdout and stderr. print is a no-op; fds 1 and 2 are /dev/null.
def label(text):
    for _ in range(200):
        print("x" * 100_000)
    raise RuntimeError("flooded")
