"""Reasons are data: what a program's failure says is cleaned before it leaves the executor.

A program controls its exception text (and, if it broke out, the bytes of its reply). Before a
reason reaches a log line, ``report.md``, a saved matrix or a repair prompt it is made one
plain line: terminal escape sequences are removed; line breaks and other control or separator
characters become spaces; characters that render as nothing (Unicode categories Cf, Cc, Co,
Cs, Cn, the TAG block, variation selectors, fillers, joiners) are removed, so that no hidden
text rides along and none can split a secret past its pattern; secret-looking strings and the
values of this process's secret-named environment variables are replaced by ``[redacted]``;
and the length is capped.

The work is linear in the input: every pattern is anchored where it can start only once per
run of the characters it matches, with possessive repeats (no backtracking), and the text is
cut to a bounded prefix, at a word boundary, before secrets are looked for.
"""

from __future__ import annotations

import os
import re
import string
import unicodedata

MAX_CHARS = 300
_SCAN_CHARS = 8 * MAX_CHARS  # of visible text looked at; what is after it is never shown

_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*+[ -/]*+[@-~]?"  # CSI: colours, cursor, erase
    r"|\x1b\][^\x07\x1b]*+(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
    r"|\x1b[P^_X][^\x1b]*+(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*+[0-~]?"  # any other escape
)
_SPACES = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_HIDDEN = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors
    + "".join(map(chr, range(0xE0100, 0xE01F0)))  # variation selectors supplement
)
# Characters of the secrets below: a cut never leaves part of one.
_TOKEN = frozenset(string.ascii_letters + string.digits + "+/_.~=-")
_CHUNK = 4096
_SECRETS = re.compile(
    r"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{16,}+"  # OpenAI, Anthropic, Stripe style
    r"|\b(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}+"  # GitHub
    r"|\bxox[abposr]-[A-Za-z0-9\-]{10,}+"  # Slack
    r"|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_\-]{35}"  # AWS access key id, Google API key
    r"|\bhf_[A-Za-z0-9]{20,}+"  # Hugging Face
    r"|\b[Bb]earer\s++[A-Za-z0-9._~+/\-]{12,}+=*+"
    r"|(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}+\.[A-Za-z0-9_\-]{8,}+\.[A-Za-z0-9_\-]*+"  # JWT
    r"|(?P<token>(?<![A-Za-z0-9+_\-])[A-Za-z0-9+_\-]{32,}+={0,2})"  # with a digit and a letter
)
_KEY_BEGIN = re.compile(r"-----BEGIN (?:[A-Z]{1,20} ){0,4}PRIVATE KEY-----")
_KEY_END = re.compile(r"-----END (?:[A-Z]{1,20} ){0,4}PRIVATE KEY-----")
_DIGIT, _LETTER = re.compile(r"\d"), re.compile(r"[A-Za-z]")
_SECRET_NAMES = re.compile(r"KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|PRIVATE", re.IGNORECASE)
REDACTED = "[redacted]"


def clean_reason(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` as one line of plain, printable, secret-free characters, at most ``limit``."""
    text = _visible_prefix(_ESCAPES.sub("", str(text)), max(_SCAN_CHARS, 2 * limit))
    for value in _environment_secrets():
        text = text.replace(value, REDACTED)
    text = _SECRETS.sub(_redact, _redact_keys(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _visible_prefix(text: str, size: int) -> str:
    """The visible text, spaces collapsed, cut to at most ``size`` characters; only as much
    of ``text`` is looked at as that takes."""
    parts, shown = [], 0
    for start in range(0, len(text), _CHUNK):
        parts.append(_visible(text[start : start + _CHUNK]))
        shown += len("".join(parts[-1].split()))
        if shown > size:
            break
    return _cut(" ".join("".join(parts).split()), size)


def _visible(text: str) -> str:
    """Separators and controls as spaces; characters that render as nothing removed."""
    if text.isascii():
        return text.translate(_ASCII)
    return "".join(
        " "
        if c in _SPACES
        else ""
        if c in _HIDDEN or unicodedata.category(c) in _HIDDEN_CATEGORIES
        else c
        for c in text
    )


_ASCII = {i: (" " if chr(i) in _SPACES else "") for i in (*range(32), 127)}


def _cut(text: str, size: int) -> str:
    """The first ``size`` characters, less a trailing part of a secret-like word cut there."""
    if len(text) <= size:
        return text
    end = size
    while end and text[end - 1] in _TOKEN:
        end -= 1
    return text[:end]


def _redact(match: re.Match[str]) -> str:
    token = match.group("token")
    if token is not None and not (_DIGIT.search(token) and _LETTER.search(token)):
        return token
    return REDACTED


def _redact_keys(text: str) -> str:
    """Each private key block redacted to its end marker, or to the end of the text."""
    parts, at = [], 0
    while (begin := _KEY_BEGIN.search(text, at)) is not None:
        end = _KEY_END.search(text, begin.end())
        parts += [text[at : begin.start()], REDACTED]
        at = len(text) if end is None else end.end()
    return "".join(parts) + text[at:]


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
