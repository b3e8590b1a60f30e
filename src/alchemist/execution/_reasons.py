"""Reasons are data: what a program's failure says is cleaned before it leaves the executor.

A program controls its exception text (and, if it broke out, the bytes of its reply). Before a
reason reaches a log line, ``report.md``, a saved matrix or a repair prompt it is made one
plain line: terminal escape sequences, C0/C1 control characters, line and paragraph separators
and invisible or bidirectional formatting characters are removed, secret-looking strings and
the values of this process's secret-named environment variables are replaced by
``[redacted]``, and the length is capped.
"""

from __future__ import annotations

import os
import re

MAX_CHARS = 300

_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor, erase
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]?"
)  # any other escape
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]+"
)
_SECRETS = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"
    r"|\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{16,}"  # OpenAI, Anthropic, Stripe style
    r"|\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}"  # GitHub
    r"|\bxox[abposr]-[A-Za-z0-9\-]{10,}"  # Slack
    r"|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_\-]{35}"  # AWS access key id, Google API key
    r"|\bhf_[A-Za-z0-9]{20,}"  # Hugging Face
    r"|\b[Bb]earer\s+[A-Za-z0-9._~+/\-]{12,}=*"
    r"|\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*"  # JSON web tokens
    r"|\b(?=[A-Za-z0-9+_\-]*\d)(?=[A-Za-z0-9+_\-]*[A-Za-z])[A-Za-z0-9+_\-]{32,}={0,2}",
    re.DOTALL,
)
_SECRET_NAMES = re.compile(r"KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|PRIVATE", re.IGNORECASE)
REDACTED = "[redacted]"


def clean_reason(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` as one line of plain, printable, secret-free characters, at most ``limit``."""
    text = _ESCAPES.sub("", str(text)).replace("\t", " ")
    text = _INVISIBLE.sub(" ", text)
    for value in _environment_secrets():
        text = text.replace(value, REDACTED)
    text = _SECRETS.sub(REDACTED, text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _environment_secrets() -> list[str]:
    """Values of this process's environment variables whose names say they are secret."""
    return sorted(
        (
            value
            for name, value in os.environ.items()
            if _SECRET_NAMES.search(name) and len(value) >= 6
        ),
        key=len,
        reverse=True,
    )
