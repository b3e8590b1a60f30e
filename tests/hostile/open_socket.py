# Opens a network connection. Static: imports socket. Runtime: not importable. OS: netns.
import socket


def label(text):
    socket.create_connection(("1.1.1.1", 80), timeout=0.2).close()
    return 1
