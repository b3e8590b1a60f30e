"""The command line: one-line errors, never a traceback."""

from pathlib import Path

import pytest

from alchemist.cli.main import main

from .conftest import EXAMPLES


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("alchemist: error: ") and "\n" not in err, err
    assert "Traceback" not in err
    return err


def test_malformed_task_file(tmp_path: Path, capsys):
    bad = tmp_path / "task.yaml"
    bad.write_text("name: t\ndescription: d\nclasses: {0: a, 1: a}\n")
    assert main(["run", str(bad), "--data", "x.csv", "--out", str(tmp_path / "r")]) == 2
    assert "unique" in _one_line_error(capsys)


def test_missing_column(tmp_path: Path, capsys, spam_folder: Path):
    task = tmp_path / "task.yaml"
    task.write_text((EXAMPLES / "youtube.yaml").read_text().replace("[text]", "[body]"))
    data = spam_folder / "valid.json"
    assert main(["run", str(task), "--data", str(data), "--out", str(tmp_path / "r")]) == 2
    assert "missing input column(s) ['body']" in _one_line_error(capsys)


def test_missing_data_file_and_api_model(tmp_path: Path, capsys):
    task = str(EXAMPLES / "youtube.yaml")
    assert main(["run", task, "--data", str(tmp_path / "none.csv")]) == 2
    assert "data file not found" in _one_line_error(capsys)
    assert main(["run", task, "--data", "x", "--provider", "openai"]) == 2
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
            "[0, 1]. Got 5.0 instead.",
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
    assert main(["run", task, "--data", str(tmp_path / "none.csv"), "--out", str(out), *flags]) == 2
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


def test_settings_not_given_take_the_run_configs_own_defaults(monkeypatch):
    """The command line repeats no default: a setting left out is RunConfig's, whose sampling
    defaults are SamplingParams', min_coverage GatePolicy's and the model ProviderSpec's."""
    import dataclasses

    from alchemist.cli._settings import config_from_args
    from alchemist.cli.main import _parser
    from alchemist.llm import ProviderSpec, SamplingParams
    from alchemist.run.folder import RunConfig
    from alchemist.synthesis.quality_settings import GatePolicy

    args = _parser().parse_args(["run", "task.yaml", "--data", "x.csv"])
    config = config_from_args(args)
    assert config == RunConfig(data="x.csv")
    sampling, gate = SamplingParams(), GatePolicy()
    assert (config.temperature, config.top_p, config.max_tokens, config.repeat_penalty) == (
        sampling.temperature,
        sampling.top_p,
        sampling.max_tokens,
        sampling.repeat_penalty,
    )
    assert config.min_coverage == gate.min_coverage and config.provider == ProviderSpec()
    # Change a default in its one place: the command line follows.
    names = [f.name for f in dataclasses.fields(RunConfig)]
    defaults = list(RunConfig.__init__.__defaults__)
    first = len(names) - len(defaults)
    defaults[names.index("temperature") - first] = 0.3
    defaults[names.index("min_coverage") - first] = 0.25
    monkeypatch.setattr(RunConfig.__init__, "__defaults__", tuple(defaults))
    changed = config_from_args(_parser().parse_args(["run", "task.yaml", "--data", "x.csv"]))
    assert (changed.temperature, changed.min_coverage) == (0.3, 0.25)
