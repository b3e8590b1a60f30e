"""The command line: one-line errors, never a traceback; the ecosystem's conventions."""

import argparse
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

import alchemist
from alchemist.cli.main import _parse_args, _parser, main
from alchemist.errors import LLMError

from .conftest import EXAMPLES
from .run_helpers import build_run


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("alchemist: error: ") and "\n" not in err, err
    assert "Traceback" not in err
    return err


def test_malformed_task_file(tmp_path: Path, capsys):
    bad = tmp_path / "task.yaml"
    bad.write_text("name: t\ndescription: d\nclasses: {0: a, 1: a}\n")
    assert main(["run", str(bad), "x.csv", "--out", str(tmp_path / "r")]) == 2
    assert "unique" in _one_line_error(capsys)


def test_missing_column(tmp_path: Path, capsys, spam_folder: Path):
    task = tmp_path / "task.yaml"
    task.write_text((EXAMPLES / "youtube.yaml").read_text().replace("[text]", "[body]"))
    data = spam_folder / "valid.json"
    assert main(["run", str(task), str(data), "--out", str(tmp_path / "r")]) == 2
    assert "missing input column(s) ['body']" in _one_line_error(capsys)


def test_missing_data_file_and_api_model(tmp_path: Path, capsys):
    task = str(EXAMPLES / "youtube.yaml")
    assert main(["run", task, str(tmp_path / "none.csv")]) == 2
    assert "data file not found" in _one_line_error(capsys)
    assert main(["run", task, "x", "--provider", "openai"]) == 2
    assert "needs --model" in _one_line_error(capsys)


def test_stage_on_a_folder_that_is_no_run(tmp_path: Path, capsys):
    assert main(["execute", str(tmp_path)]) == 2
    assert "alchemist run" in _one_line_error(capsys)


def test_model_list(capsys):
    assert main(["model", "list"]) == 0
    out = capsys.readouterr().out
    assert "qwen2.5-coder-1.5b" in out and "(default)" in out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["transmute"])
    assert info.value.code == 2


@pytest.mark.parametrize(
    "flags, named",
    [
        (
            ["--temperature", "3"],
            "The 'temperature' setting (--temperature) must be a number in "
            "[0, 2]. Got 3.0 instead.",
        ),
        (
            ["--min-coverage", "5"],
            "The 'min_coverage' setting (--min-coverage) must be a share in "
            "[0, 1] or unset. Got 5.0 instead.",
        ),
        (
            ["--generator", "oneshot", "--min-accuracy", "0.6"],
            "The 'min_accuracy' setting (--min-accuracy) must be used with --generator search "
            "or loop, not oneshot. Got 0.6 instead.",
        ),
        (
            ["--max-llm-calls", "9"],
            "(--max-llm-calls) must be used with --generator loop, not search. Got 9 instead.",
        ),
        (
            ["--generator", "loop", "--refinements", "2"],
            "(--refinements) must be used with --generator search, not loop. Got 2 instead.",
        ),
        (
            ["--workers", "0"],
            "The 'workers' setting (--workers) must be an integer >= 1 or unset "
            "(all cores). Got 0 instead.",
        ),
        (["-n", "0"], "The 'n_programs' setting (-n/--programs) must be an integer >= 1. Got 0"),
        (
            ["--label-model", "magic"],
            "The 'label_model' setting (--label-model) must be one of ['auto', ",
        ),
        (["--timeout", "-1"], "The 'call_timeout' setting (--timeout) must be a number of seconds"),
        (["--exemplars", "-2"], "(--exemplars) must be an integer >= 0. Got -2 instead."),
    ],
)
def test_bad_settings_are_one_line_before_any_work(tmp_path: Path, capsys, flags, named):
    """Settings are checked before the data is read: the data path here does not exist, and the
    error names the setting, its allowed range and the value given."""
    task = str(EXAMPLES / "youtube.yaml")
    out = tmp_path / "run"
    assert main(["run", task, str(tmp_path / "none.csv"), "--out", str(out), *flags]) == 2
    assert named in _one_line_error(capsys)
    assert not out.exists()


def test_a_bad_setting_in_run_yaml_is_one_line(tmp_path: Path, capsys):
    from alchemist.run.folder import RunDir

    (tmp_path / "task.yaml").write_text((EXAMPLES / "youtube.yaml").read_text())
    (tmp_path / "run.yaml").write_text("data: x.csv\ntemperature: 9\n")
    with pytest.raises(Exception, match="'temperature' setting must be a number in"):
        RunDir(tmp_path).config()
    assert main(["rerun", str(tmp_path)]) == 2
    assert "Got 9 instead" in _one_line_error(capsys)


def test_one_generator_option_and_its_deprecated_switches(capsys):
    """--generator chooses where programs come from; the old switches still work, say what
    replaces them, and cannot contradict it."""
    from alchemist.cli._settings import config_from_args
    from alchemist.cli.main import _parser

    def generator(*flags: str) -> str:
        args = _parser().parse_args(["run", "task.yaml", "--data", "x.csv", *flags])
        return config_from_args(args).generator

    assert generator() == "search"
    assert generator("--generator", "loop") == "loop"
    assert generator("--quality-loop") == "loop"
    assert "--quality-loop is deprecated: use --generator loop" in capsys.readouterr().err
    assert generator("--no-search") == "oneshot"
    with pytest.raises(SystemExit):
        generator("--generator", "search", "--quality-loop")
    assert "contradicts 'search'" in capsys.readouterr().err


def test_an_old_run_yaml_runs_the_generator_it_ran():
    """run.yaml files from before --generator: the loop won over the search, and the search
    ignored min_coverage (so a saved one must not start gating it now)."""
    from alchemist.run.settings import RunConfig

    old = {"data": "x.csv", "min_coverage": 0.1}
    assert RunConfig.from_dict({**old, "quality_loop": True, "search": True}).generator == "loop"
    searched = RunConfig.from_dict({**old, "quality_loop": False, "search": True})
    assert (searched.generator, searched.min_coverage) == ("search", None)
    assert RunConfig.from_dict({**old, "search": False}).generator == "oneshot"


def test_settings_not_given_take_the_run_configs_own_defaults(monkeypatch):
    """The command line repeats no default: a setting left out is RunConfig's, whose sampling
    defaults are SamplingParams', the gate the search's own and the model ProviderSpec's."""
    import dataclasses

    from alchemist.cli._settings import config_from_args
    from alchemist.llm import ProviderSpec, SamplingParams
    from alchemist.run.settings import RunConfig
    from alchemist.synthesis.gate import GATES

    args = _parse_args(["run", "task.yaml", "x.csv"])
    config = config_from_args(args)
    assert config == RunConfig(data="x.csv")
    sampling = SamplingParams()
    assert (config.temperature, config.top_p, config.max_tokens, config.repeat_penalty) == (
        sampling.temperature,
        sampling.top_p,
        sampling.max_tokens,
        sampling.repeat_penalty,
    )
    assert config.gate() == GATES["search"] and config.provider == ProviderSpec()
    # Change a default in its one place: the command line follows.
    names = [f.name for f in dataclasses.fields(RunConfig)]
    defaults = list(RunConfig.__init__.__defaults__)
    first = len(names) - len(defaults)
    defaults[names.index("temperature") - first] = 0.3
    defaults[names.index("min_coverage") - first] = 0.25
    monkeypatch.setattr(RunConfig.__init__, "__defaults__", tuple(defaults))
    changed = config_from_args(_parse_args(["run", "task.yaml", "x.csv"]))
    assert (changed.temperature, changed.min_coverage) == (0.3, 0.25)


def test_the_draft_flag_turns_on_speculative_decoding_for_the_embedded_model_only():
    from alchemist.cli._settings import config_from_args

    config = config_from_args(_parse_args(["run", "task.yaml", "x.csv", "--draft", "ngram"]))
    assert config.provider.draft == "ngram"
    api = ["run", "t.yaml", "x.csv", "--provider", "openai", "--model", "m", "--draft", "ngram"]
    with pytest.raises(LLMError, match="embedded provider only"):
        config_from_args(_parse_args(api))


# --- the ecosystem's conventions ----------------------------------------------------------------


def test_version_is_the_installed_distributions(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"alchemist {metadata.version('alchemist-labeling')}"


def test_python_m_alchemist_is_the_command(tmp_path: Path):
    """`python -m alchemist` runs the same command, and its exit status is the command's."""
    env = {**os.environ, "PYTHONPATH": str(Path(alchemist.__file__).parents[1])}

    def run(*words: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "alchemist", *words]
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("alchemist ")
    not_a_run = run("execute", str(tmp_path))
    assert not_a_run.returncode == 2 and not_a_run.stdout == ""
    assert not_a_run.stderr.startswith("alchemist: error: ") and "alchemist run" in not_a_run.stderr


def _options(parser: argparse.ArgumentParser, path: str = "alchemist"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _options(child, f"{path} {name}")
        else:
            yield path, action


def test_every_option_and_argument_has_help():
    options = list(_options(_parser()))
    assert len({path for path, _ in options}) >= 19  # every command was walked
    missing = [
        f"{path} {'/'.join(action.option_strings) or action.dest}"
        for path, action in options
        if not action.help or action.help == argparse.SUPPRESS
    ]
    assert missing == []


def test_data_is_a_positional_argument_and_data_still_works_with_a_notice(capsys):
    for command in ("run", "synthesize", "plan"):
        assert _parse_args([command, "task.yaml", "d.csv", "--out", "r"]).data == "d.csv"
        assert capsys.readouterr().err == ""
        assert _parse_args([command, "task.yaml", "--data", "old.csv"]).data == "old.csv"
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("alchemist: deprecated: '--data old.csv'")
    assert _parse_args(["predict", "run", "d.csv"]).data == "d.csv"
    for twice_or_none in (["run", "task.yaml", "a.csv", "--data", "b.csv"], ["run", "task.yaml"]):
        with pytest.raises(SystemExit) as info:
            _parse_args(twice_or_none)
        assert info.value.code == 2
    assert "the data is given twice" in capsys.readouterr().err
    # --cluster takes its value, 'local' or an address: it never swallows the data after it.
    args = _parse_args(["run", "task.yaml", "--cluster", "tcp://host:8786", "d.parquet"])
    assert (args.cluster, args.data) == ("tcp://host:8786", "d.parquet")
    args = _parse_args(["predict", "run", "--limit", "5", "d.csv", "-o", "out.csv"])
    assert (args.limit, args.data, args.output) == (5, "d.csv", "out.csv")
    with pytest.raises(SystemExit):
        _parse_args(["predict", "run", "d.csv", "other.csv"])
    with pytest.raises(SystemExit):
        _parse_args(["run", "task.yaml", "d.parquet", "--cluster"])


def test_zero_shot_is_the_per_item_llm_command_and_baseline_its_alias():
    zero_shot, baseline = (_parse_args([name, "run"]) for name in ("zero-shot", "baseline"))
    assert zero_shot.handler is baseline.handler and zero_shot.handler.__name__ == "_zero_shot"
    assert "one LLM call per item" in zero_shot.usage.description


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_run(tmp_path_factory.mktemp("cli") / "run").folder


def test_predict_run_data_o_file_and_the_old_out_with_a_notice(run_folder: Path, capsys):
    data = run_folder.parent / "spam" / "test.json"
    new, old = run_folder.parent / "new.csv", run_folder.parent / "old.csv"
    assert main(["predict", str(run_folder), str(data), "-o", str(new)]) == 0
    assert capsys.readouterr().err == f"Wrote 250 labeled rows to {new}\n"
    assert main(["predict", str(run_folder), "--data", str(data), "--out", str(old)]) == 0
    notices = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1] for line in notices[:2]] == [" deprecated"] * 2
    assert "'--out " in notices[1] and "-o " in notices[1]
    pd.testing.assert_frame_equal(pd.read_csv(new), pd.read_csv(old))
    assert len(pd.read_csv(new)) == 250


def test_quiet_and_verbose_set_the_level_of_the_librarys_messages(run_folder: Path, capsys):
    data, out = str(run_folder.parent / "spam" / "valid.json"), str(run_folder.parent / "q.csv")
    assert main(["-q", "predict", str(run_folder), data, "-o", out]) == 0
    assert capsys.readouterr().err == ""
    assert main(["predict", str(run_folder), data, "-o", out, "--verbose"]) == 0
    assert capsys.readouterr().err == f"[alchemist.cli] Wrote 120 labeled rows to {out}\n"
    assert main(["rerun", str(run_folder), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "test  label_model" in captured.out
    assert main(["rerun", str(run_folder)]) == 0
    assert "Done: " in capsys.readouterr().err  # INFO, shown by default


def test_programs_action_then_run_and_the_old_order_with_a_notice(run_folder: Path, capsys):
    def listed() -> dict[str, str]:
        assert main(["programs", "list", str(run_folder)]) == 0
        return {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines()}

    assert set(listed().values()) == {"enabled"}
    assert main(["programs", "disable", str(run_folder), "p002", "p004"]) == 0
    assert capsys.readouterr().err == ""
    assert listed() == {"p001": "enabled", "p002": "disabled", "p003": "enabled",
                        "p004": "disabled", "p005": "enabled"}  # fmt: skip
    assert main(["programs", str(run_folder), "enable", "p002", "p004"]) == 0  # the old order
    assert "'programs RUN ACTION'" in capsys.readouterr().err
    assert set(listed().values()) == {"enabled"}
    assert main(["programs", str(run_folder)]) == 0
    assert "programs list RUN" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["programs", "disable", str(run_folder)])  # which programs?
