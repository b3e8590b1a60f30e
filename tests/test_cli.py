"""The command line: one-line errors, never a traceback."""

from pathlib import Path

import pytest

from alchemist.cli import main

from .conftest import EXAMPLES, dataset_path


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


def test_missing_column(tmp_path: Path, capsys):
    task = tmp_path / "task.yaml"
    task.write_text((EXAMPLES / "youtube.yaml").read_text().replace("[text]", "[body]"))
    data = dataset_path("youtube", "valid.json")
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
