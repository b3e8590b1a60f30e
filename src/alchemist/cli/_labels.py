"""The ``suggest`` command: the rows a label would help most, and the run's labels moved in and
out (CSV, Label Studio), over ``alchemist.run.labeling``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from alchemist.run.folder import RunDir


def add_suggest(command: Callable[..., argparse.ArgumentParser]) -> None:
    """The ``suggest`` subcommand, added with the CLI's command adder."""
    parser = command(
        "suggest", suggest, "the training rows a label would help most; import or export labels"
    )
    parser.add_argument("run", help="run directory")
    parser.add_argument("-n", type=int, default=20, help="how many rows (default 20)")
    parser.add_argument(
        "--export", metavar="FILE", help="write the run's labels (.csv, or .json: Label Studio)"
    )
    parser.add_argument(
        "--review-below",
        type=float,
        metavar="P",
        help="with --export: the unlabeled rows the distilled model gives a probability under "
        "P, for review (CSV, or Label Studio tasks with the model's answer as a prediction)",
    )
    parser.add_argument(
        "--import", dest="import_file", metavar="FILE", help="add labels from .csv or .json"
    )


def suggest(args: argparse.Namespace) -> None:
    from alchemist.run.labeling import RunLabels

    labels = RunLabels(RunDir(args.run))
    if args.import_file:
        print(f"{labels.import_file(args.import_file)} label(s) imported from {args.import_file}")
    if args.export and args.review_below is not None:
        path, count = labels.export_review(args.export, args.review_below)
        print(f"{count} row(s) under probability {args.review_below} written to {path}")
    elif args.export:
        print(f"{len(labels.current())} label(s) written to {labels.export(args.export)}")
    if args.import_file or args.export:
        return
    for s in labels.suggest(args.n):
        text = " ".join(str(s.item).split())
        print(f"{s.id}  {s.score:.3f}  {s.reason}\n    {text[:100]}")


__all__ = ["add_suggest", "suggest"]
