"""`alchemist review RUN`: a loopback-only server with a fresh token in the printed address."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")

import alchemist  # noqa: E402
from alchemist.cli.main import main  # noqa: E402

from .run_helpers import build_run  # noqa: E402


def _start(run: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(Path(alchemist.__file__).parents[1])}
    process = subprocess.Popen(
        [sys.executable, "-m", "alchemist", "review", str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{40,})", line)
    assert match, line
    return process, match.group(0)


def test_review_serves_on_loopback_with_a_fresh_token_per_start(tmp_path: Path):
    run = build_run(tmp_path / "run").folder
    servers = [_start(run), _start(run)]
    try:
        (_, first), (_, second) = servers
        assert first.split("token=")[1] != second.split("token=")[1]
        assert first.split("/?")[0] != second.split("/?")[0]  # each on a free port of its own
        base = first.split("/?")[0]
        with httpx.Client() as client:
            assert client.get(base + "/").status_code == 403
            assert client.get(base + "/api/overview").status_code == 403
            opened = client.get(first, follow_redirects=True)
            assert opened.status_code == 200 and "youtube-spam" in opened.text
            assert client.get(second.split("/?")[0] + "/").status_code == 403  # other token
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


def test_review_of_a_folder_that_is_no_run_is_one_error_line(tmp_path: Path, capsys):
    assert main(["review", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("alchemist: error:") and "run.yaml" in err[0]
