"""The built wheel works outside the repository: every data file is in it, and the installed copy
runs a whole small run and serves the review workbench (slow: builds a wheel; runs in CI).

The wheel is built from a copy of the sources and installed with ``pip install --target`` into
a folder outside the checkout; its commands run with this interpreter (whose environment holds
the dependencies: no network), from a folder outside the checkout, with only that folder on
``PYTHONPATH``, so nothing of ``src/`` can be imported by mistake.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .conftest import EXAMPLES, ROOT
from .llm_helpers import Reply, openai_answer, serve
from .synthetic import spam_comment

pytestmark = pytest.mark.slow

SOURCES = ROOT / "src" / "alchemist"
PROGRAMS = [
    "def label_spam(text):\n    t = text.lower()\n"
    "    return 1 if 'http' in t or 'www' in t or 'subscribe' in t else -1\n",
    "def label_spam(text):\n    return 0 if 'song' in text.lower() else -1\n",
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources, installed into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheels, target = work / "wheels", work / "site"
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)]
    subprocess.run(build, check=True, cwd=work, env=_without_pythonpath())
    (wheel,) = wheels.glob("alchemist_labeling-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def _without_pythonpath() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _command(installed: Path, *words: str, **kwargs) -> subprocess.Popen:
    """``python -m alchemist WORDS`` from outside the checkout, importing the installed copy."""
    return subprocess.Popen(
        [sys.executable, "-m", "alchemist", *words],
        cwd=installed.parent,
        env={**_without_pythonpath(), "PYTHONPATH": str(installed)},
        text=True,
        **kwargs,
    )


def test_every_data_file_of_the_package_is_in_the_wheel(installed: Path):
    data = {
        path.relative_to(SOURCES)
        for path in SOURCES.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
    }
    assert {Path("prompts/program.txt"), Path("review/static/app.js")} <= data
    missing = [str(path) for path in sorted(data) if not (installed / "alchemist" / path).is_file()]
    assert missing == []
    probe = subprocess.run(
        [sys.executable, "-c", "import alchemist; print(alchemist.__file__)"],
        cwd=installed.parent,
        env={**_without_pythonpath(), "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(probe.stdout.strip()) == installed / "alchemist" / "__init__.py"


@pytest.fixture(scope="module")
def finished_run(installed: Path) -> Iterator[Path]:
    """A small run made by the installed copy, its programs written by a loopback stub LLM."""
    folder = installed.parent / "data"
    folder.mkdir()
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 120)
    frame = pd.DataFrame({"text": [spam_comment(rng, bool(y)) for y in labels], "label": labels})
    frame.to_csv(folder / "comments.csv", index=False)
    shutil.copy(EXAMPLES / "youtube.yaml", folder / "task.yaml")
    answers = iter(PROGRAMS)
    with serve(lambda request: Reply(body=openai_answer(next(answers)))) as server:
        process = _command(
            installed,
            "run",
            str(folder / "task.yaml"),
            str(folder / "comments.csv"),
            "--dev-size", "30", "-n", "2", "--workers", "1", "--no-search", "--no-gold",
            "--provider", "openai", "--model", "stub", "--base-url", server.url,
            "--out", str(folder / "run"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    assert "dev   label_model" in out  # the figures printed (no test split was given)
    yield folder / "run"


def test_the_installed_copy_runs_the_pipeline(finished_run: Path):
    summary = json.loads((finished_run / "summary.json").read_text())
    assert summary["programs"] == ["p001", "p002"]
    assert (finished_run / "report.html").exists() and (finished_run / "model").is_dir()


def test_the_installed_copy_serves_the_workbench_with_its_templates_and_static_files(
    installed: Path, finished_run: Path
):
    process = _command(
        installed, "review", str(finished_run), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=([\w-]+)", line)
        assert match, line
        base, token = match.groups()

        def get(path: str) -> str:
            request = urllib.request.Request(base + path, headers={"x-alchemist-token": token})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200
                return response.read().decode()

        assert "p002" in get("/programs")  # a page rendered from the installed templates
        assert get("/static/app.js") == (SOURCES / "review" / "static" / "app.js").read_text()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
