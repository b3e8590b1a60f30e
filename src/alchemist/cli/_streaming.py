"""The command line's options for data larger than memory: ``run --stream`` / ``--cluster``
and ``predict --stream``. Thin, like ``cli``: it parses and hands over to ``alchemist.scale``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alchemist.errors import AlchemistError
from alchemist.run.settings import RunConfig
from alchemist.scale.settings import CHUNK_ROWS
from alchemist.task import Task

Bars = Callable[[dict[str, Any]], None]


def add_run_options(parser: argparse.ArgumentParser) -> None:
    big = parser.add_argument_group("data larger than memory")
    big.add_argument(
        "--stream",
        action="store_true",
        help="process DATA (CSV, TSV, JSONL, Parquet) in chunks on this machine",
    )
    big.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="execute on Dask: a scheduler address (tcp://host:8786), or 'local' to start a "
        "local cluster; DATA must be Parquet",
    )
    big.add_argument(
        "--chunk-rows",
        type=int,
        default=CHUNK_ROWS,
        help=f"rows per chunk / partition (default {CHUNK_ROWS})",
    )


def add_predict_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stream", action="store_true", help="read and label in chunks, writing -o as it goes"
    )
    parser.add_argument(
        "--chunk-rows",
        type=int,
        default=CHUNK_ROWS,
        help=f"rows per chunk with --stream (default {CHUNK_ROWS})",
    )


def wants_streaming(args: argparse.Namespace) -> bool:
    return bool(args.stream or getattr(args, "cluster", None))


def run(
    args: argparse.Namespace, task: Task, config: RunConfig, out: Path, bars: Bars
) -> dict[str, Any]:
    from alchemist.scale import ScaleSettings, run_streamed

    settings = ScaleSettings(chunk_rows=args.chunk_rows, cluster=args.cluster)
    return run_streamed(
        task, config, out, settings, fresh_programs=args.fresh_programs, progress=bars
    )


def predict(args: argparse.Namespace, bars: Callable[[], Any], log: Callable[[str], None]) -> None:
    """Label ``args.data`` into ``args.output`` chunk by chunk, drawing ``bars()``."""
    from alchemist.scale.streaming import predict_run

    if not args.output or args.limit:
        raise AlchemistError(
            "predict --stream writes -o FILE as it goes (CSV, or Parquet by its "
            "suffix) and reads every row: give -o FILE, no --limit."
        )
    with bars() as draw:
        rows = predict_run(
            args.run,
            args.data,
            args.output,
            chunk_rows=args.chunk_rows,
            prefix=args.prefix,
            progress=lambda p: draw(p.as_event()),
        )
    log(f"Wrote {rows} labeled rows to {args.output}")
