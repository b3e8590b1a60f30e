# Untrusted reason: exception text with terminal escapes (clear screen, window title, colour),
# a line separator that would forge a log line or prompt line, and a secret-looking key.
# Passes every check before it runs; contained by cleaning reasons where they leave the
# executor.
def label(text):
    raise ValueError(
        "\x1b[2J\x1b]0;owned\x07\x1b[31mred\u2028INFO forged log line\u2029"
        "\x85\x9b31m sk-live-0123456789abcdefghijklmnopqrstuvwxyz \r\n\x00end"
    )
