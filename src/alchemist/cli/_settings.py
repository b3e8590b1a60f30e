"""The command line's options for the run settings (``RunConfig``), shared by ``run``,
``synthesize`` and ``plan``, and the ``RunConfig`` they make.

An option left out is left out of the settings too, so the field's own default applies: the
command line repeats no default, and its help text shows the field's. A setting the run refuses
is named by its option (``--temperature``), not by its field.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from alchemist.errors import AlchemistError, SettingError
from alchemist.labelmodels import LABEL_MODELS
from alchemist.llm import ProviderSpec
from alchemist.run.settings import RunConfig
from alchemist.synthesis.gate import GATES, GENERATORS
from alchemist.synthesis.oneshot import STRATEGIES


def add_task_and_config(parser: argparse.ArgumentParser) -> None:
    """A subcommand's task file, ``--out``, model options and run-setting options."""
    parser.add_argument("task", metavar="TASK", help="task file (.yaml or .toml)")
    parser.add_argument("--out", type=Path, help="run directory (default: runs/<task name>)")
    setting = _setting_adder(parser)
    setting("--data", help="deprecated spelling of DATA")
    setting("--dev", help="small labeled split: picks the label model")
    setting(
        "--dev-size",
        type=int,
        help="without --dev: hold out this many labeled rows of DATA as dev",
    )
    setting("--test", help="labeled split used only for reporting accuracy")
    setting("--limit", type=int, help="use only the first N rows of DATA")
    setting("-n", "--programs", type=int, dest="n_programs", help="number of programs")
    parser.add_argument(
        "--provider",
        default="embedded",
        choices=("embedded", "openai", "anthropic"),
        help="who writes the programs: the embedded local model or an API",
    )
    parser.add_argument(
        "--model",
        default=None,
        help="model name, or a .gguf path for the embedded provider "
        f"(default {ProviderSpec().model})",
    )
    parser.add_argument("--base-url", help="API base URL (OpenAI-compatible or Anthropic)")
    parser.add_argument("--api-key-env", help="environment variable holding the API key")
    parser.add_argument(
        "--threads",
        type=int,
        help="CPU threads of the embedded model (default: the cores free now)",
    )
    parser.add_argument(
        "--parallel",
        type=int,
        help="LLM calls at once (default: 4 in flight to an API, 1 embedded slot)",
    )
    parser.add_argument(
        "--draft",
        help="speculative decoding for the embedded model: 'ngram' or a smaller model's name "
        "(default: off; slower on a few CPU cores)",
    )
    setting("--temperature", type=float, help="sampling temperature")
    setting("--max-tokens", type=int, help="longest answer, in tokens")
    setting("--seed", type=int, help="seed of sampling and splits")
    setting(
        "--label-model",
        help=f"auto (chosen on --dev, else average), {', '.join(LABEL_MODELS)}",
    )
    setting(
        "--featurizer",
        help="auto (text: tfidf, or minilm where the dev labels learn more with it; rows: "
        "tabular), tfidf, minilm, nomic, hashing, tabular",
    )
    setting("--timeout", type=float, dest="call_timeout", help="seconds per program call")
    setting("--workers", type=int, help="executor processes (default: all cores)")
    setting(
        "--budget",
        type=float,
        dest="budget_usd",
        help="stop before an LLM call that would exceed this many USD",
    )
    setting(
        "--price-file",
        help="YAML or TOML file of model prices (USD per 1M input and "
        "output tokens), added to the built-in table",
    )
    parser.add_argument("--no-cache", action="store_true", help="bypass the LLM response cache")
    group = parser.add_argument_group("program quality")
    loop = _setting_adder(group)
    loop(
        "--generator",
        choices=GENERATORS,
        help="where programs come from: search (candidates scored on --dev, refined, the best "
        "kept), loop (gate, repair and regenerate until -n pass) or oneshot (ungated)",
    )
    for flag, generator in (("--no-search", "oneshot"), ("--quality-loop", "loop")):
        group.add_argument(
            flag,
            dest="generator",
            action=_Deprecated,
            nargs=0,
            const=generator,
            default=argparse.SUPPRESS,
            help=f"deprecated: --generator {generator}",
        )
    loop("--candidates", type=int, dest="search_candidates", help="search: first candidates")
    loop("--refinements", type=int, dest="search_refinements", help="search: dev refinements")
    loop("--no-gold", dest="use_gold", action="store_false", help="dev labels pick models only")
    loop("--max-llm-calls", type=int, help="loop: most LLM calls (default 3 x -n)")
    loop(
        "--min-coverage",
        type=float,
        help="gate: drop programs voting on fewer items than this share (default: the "
        "generator's, "
        + ", ".join(f"{g} {gate.min_coverage}" for g, gate in GATES.items() if gate)
        + ")",
    )
    loop("--min-accuracy", type=float, help="gate: drop programs below this accuracy on --dev")
    loop(
        "--supplementary",
        choices=("task", "generate"),
        help="generate: the LLM first drafts dataset/class descriptions, keywords and rules "
        "into supplementary.yaml (editable, reused)",
    )
    loop(
        "--exemplars",
        type=int,
        dest="exemplars_per_class",
        help="labeled exemplars per class drawn from --dev into the prompts",
    )
    loop("--strategies", nargs="+", choices=STRATEGIES, help="prompt strategies, used in turn")
    concepts = _setting_adder(parser.add_argument_group("images, signals and tables"))
    concepts(
        "--representation",
        choices=("auto", "concepts", "raw"),
        help="images/signals: programs read LLM-named concept scores (auto) or the raw "
        "pixels/series",
    )
    concepts("--concepts", type=int, dest="n_concepts", help="how many concepts the LLM names")
    concepts(
        "--roboshot",
        action="store_true",
        help="project spurious concept directions out of image embeddings",
    )
    concepts(
        "--roboshot-boost",
        type=float,
        help="with --roboshot: also scale helpful directions by 1 + this",
    )
    concepts(
        "--per-attribute",
        action="store_true",
        help="tables: each prompt asks about one input column",
    )


class _Deprecated(argparse.Action):
    """An old switch for one value of a setting: says what replaces it, and refuses to
    contradict the setting given another way."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        given = getattr(namespace, self.dest, self.const)
        if given != self.const:
            parser.error(f"{option} means --generator {self.const}; it contradicts {given!r}.")
        print(f"{option} is deprecated: use --generator {self.const}.", file=sys.stderr)
        setattr(namespace, self.dest, self.const)


# The command-line option of each run setting (filled as the options are added).
_FLAGS: dict[str, str] = {}
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(RunConfig)}


def _setting_adder(group: Any) -> Any:
    """``add_argument`` for an option that sets a ``RunConfig`` field: left out when not given,
    so the field's own default applies (its single source), which the help text shows."""

    def add(*flags: str, help: str, **kwargs: Any) -> None:
        action = group.add_argument(*flags, default=argparse.SUPPRESS, help=help, **kwargs)
        default = _DEFAULTS[action.dest]
        if (
            default not in (None, dataclasses.MISSING)
            and not isinstance(action, argparse._StoreConstAction)  # a switch: no value shown
            and "default" not in help
        ):
            action.help = f"{help} (default {default})"
        _FLAGS[action.dest] = "/".join(flags)

    return add


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """The ``RunConfig`` of the parsed options; a refused setting is named by its option."""
    spec: dict[str, Any] = {"kind": args.provider}
    if args.model:
        spec["model"] = args.model
    elif args.provider != "embedded":
        raise AlchemistError(f"--provider {args.provider} needs --model (the API's model name).")
    if args.base_url:
        spec["base_url"] = args.base_url
    if args.api_key_env:
        spec["api_key_env"] = args.api_key_env
    if args.threads is not None:
        spec["threads"] = args.threads
    if args.parallel is not None:
        spec["concurrency"] = spec["slots"] = args.parallel
    if args.draft:
        spec["draft"] = args.draft
    settings = {name: getattr(args, name) for name in _FLAGS if hasattr(args, name)}
    if "strategies" in settings:
        settings["strategies"] = tuple(settings["strategies"])
    try:
        return RunConfig(**settings, provider=ProviderSpec(**spec), use_cache=not args.no_cache)
    except SettingError as exc:
        raise SettingError(
            exc.setting, exc.allowed, exc.value, flag=_FLAGS.get(exc.setting)
        ) from None


__all__ = ["add_task_and_config", "config_from_args"]
