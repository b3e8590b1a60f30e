"""The run directory: configuration, splits, files written whole, archived programs."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from alchemist.errors import RunError
from alchemist.run import pipeline
from alchemist.run.folder import RunDir, load_splits
from alchemist.run.settings import RunConfig

from .conftest import EXAMPLES, ROOT, ScriptedProvider
from .llm_helpers import Reply, Request, openai_answer, serve
from .synthetic import spam_splits
from .test_pipeline import PROGRAMS


def test_fresh_programs_are_archived_not_lost(tmp_path: Path, youtube_task, config):
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    pipeline.run_pipeline(
        youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS), fresh_programs=True
    )
    archived = list((run_dir / "programs-archive").glob("*/p001.py"))
    assert len(archived) == 1


def test_stage_commands_need_their_inputs(tmp_path: Path):
    with pytest.raises(RunError, match="not a complete run directory"):
        RunDir(tmp_path).task()


def test_dev_split_held_out_from_labeled_data(youtube_task, config):
    held = RunConfig.from_dict({**config.to_dict(), "dev": None, "dev_size": 100})
    splits = load_splits(youtube_task, held)
    assert len(splits["dev"]) == 100 and len(splits["train"]) == 1600 - 100
    assert (splits["dev"].gold >= 0).all()
    everything = load_splits(youtube_task, config)["train"].items
    assert sorted(splits["dev"].items + splits["train"].items) == sorted(everything)
    again = load_splits(youtube_task, held)
    assert splits["dev"].items == again["dev"].items
    with pytest.raises(RunError, match="needs more labeled rows"):
        load_splits(youtube_task, RunConfig.from_dict({**held.to_dict(), "dev_size": 5000}))


# --- killed and resumed ---------------------------------------------------------------------

BURN = 40_000  # work per item, so that executing a program takes a noticeable while


def _program(seed: int) -> str:
    word = (
        "subscribe",
        "check",
        "http",
        "love",
        "song",
        "channel",
        "video",
        "my",
        "please",
        "free",
        "www",
        "best",
    )[seed % 12]
    label = 0 if word in ("love", "song", "video", "best") else 1
    return (
        f"```python\ndef label_spam(text):\n    work = sum(i * i for i in range({BURN + seed}))"
        f"\n    return {label} if work and {word!r} in text.lower() else -1\n```"
    )


class Stub:
    """An OpenAI-compatible model on a loopback port: answer ``seed`` is a distinct program; the
    ``hold``-th request (1-based) is held unanswered until the test lets it go."""

    def __init__(self, hold: int | None = None) -> None:
        self.seeds: list[int] = []
        self.hold = hold
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        with self.lock:
            self.seeds.append(request.body["seed"])
            count = len(self.seeds)
        if count == self.hold:
            self.held.set()
            self.release.wait(60)
            return Reply(503, {"error": {"message": "gone"}})
        return Reply(body=openai_answer(_program(request.body["seed"])))


def _start_run(url: str, out: Path, home: Path) -> subprocess.Popen:
    data = spam_splits(out.parent / "spam") / "train.json"
    # One-shot synthesis (--generator oneshot): the stored-program count is what these tests follow;
    # without a dev split --no-gold changes nothing but says so.
    command = [
        sys.executable,
        "-m",
        "alchemist",
        "run",
        str(EXAMPLES / "youtube.yaml"),
        str(data),
        "--limit",
        "300",
        "-n",
        "6",
        "--workers",
        "1",
        "--generator",
        "oneshot",
        "--no-gold",
        "--provider",
        "openai",
        "--model",
        "stub",
        "--base-url",
        url,
        "--out",
        str(out),
    ]
    env = {
        **os.environ,
        "ALCHEMIST_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # the run and its executor workers, at once
    process.communicate(timeout=30)


def _wait_for(condition, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, process.communicate()[1].decode()[-2000:]
        assert time.monotonic() < deadline, "the run never reached the point to kill it at"
        time.sleep(0.01)


def _no_half_written_files(run: Path) -> None:
    """Every program is a whole .py with its .json; every JSON, YAML and matrix parses."""
    for program in (run / "programs").glob("*.py"):
        assert program.with_suffix(".json").exists() and program.read_text().endswith("\n")
        compile(program.read_text(), str(program), "exec")
    for path in run.rglob("*.json"):
        json.loads(path.read_text())
    for path in run.rglob("*.npz"):
        with np.load(path) as archive:
            assert all(archive[key] is not None for key in archive.files)


def test_a_run_killed_during_generation_resumes_without_paying_twice(tmp_path: Path):
    run, home = tmp_path / "run", tmp_path / "home"
    stub = Stub(hold=4)
    with serve(stub) as server:
        process = _start_run(server.url, run, home)
        try:
            _wait_for(stub.held.is_set, process)  # three answers paid, the fourth in flight
            kept = sorted(p.name for p in (run / "programs").glob("*.py"))
            _kill(process)
        finally:
            stub.release.set()
        assert kept == ["p001.py", "p002.py", "p003.py"]
        _no_half_written_files(run)
        paid = stub.seeds[:3]
        stub.hold = None
        process = _start_run(server.url, run, home)
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()[-2000:]
    # The resumed run asked only for what the killed one had not been answered.
    assert stub.seeds[4:] == [3, 4, 5] and not set(stub.seeds[4:]) & set(paid)
    programs = RunDir(run).programs.load()
    assert [p.id for p in programs] == [f"p00{i}" for i in range(1, 7)]
    assert [p.provenance["params"]["seed"] for p in programs] == list(range(6))
    assert json.loads((run / "summary.json").read_text())["programs"] == [p.id for p in programs]
    _no_half_written_files(run)
    assert not list(run.rglob(".*.tmp"))


def test_a_run_killed_during_execution_reuses_the_votes_it_computed(tmp_path: Path):
    run, home = tmp_path / "run", tmp_path / "home"
    stub = Stub()
    votes = home / "cache" / "votes"
    with serve(stub) as server:
        process = _start_run(server.url, run, home)
        _wait_for(lambda: len(list(votes.glob("*/*.npz"))) >= 2, process)
        _kill(process)
        assert not (run / "matrices" / "train.npz").exists()  # killed mid-split
        _no_half_written_files(run)
        done = {path: path.stat().st_mtime_ns for path in votes.glob("*/*.npz")}
        assert 2 <= len(done) < 6
        asked = len(stub.seeds)
        process = _start_run(server.url, run, home)
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()[-2000:]
    assert len(stub.seeds) == asked  # programs on disk: no LLM call at all
    # The columns finished before the kill were read back, not computed again.
    assert {path: path.stat().st_mtime_ns for path in done} == done
    assert len(list(votes.glob("*/*.npz"))) == 6
    for path in votes.glob("*/*.npz"):  # every cache file the kill left is whole
        with np.load(path) as archive:
            assert archive["votes"].shape == (300,)
    matrix = RunDir(run).load_matrices({"train": None})["train"]
    assert matrix.shape == (300, 6) and not matrix.errors.any()
    _no_half_written_files(run)


def test_errors_carry_their_context(tmp_path: Path, youtube_task, config):
    from alchemist.distill import DistilledModel
    from alchemist.errors import DistillError, SynthesisError
    from alchemist.programs import Program

    with pytest.raises(RunError) as info:
        RunDir(tmp_path).task()
    assert info.value.path == str(tmp_path / "task.yaml")
    with pytest.raises(RunError) as info:
        RunDir(tmp_path).load_matrices({"train": None, "dev": None})
    assert (info.value.split, info.value.path) == ("train", str(tmp_path / "matrices/train.npz"))
    store = RunDir(tmp_path).programs
    store.add(Program("p001", "def label(text):\n    return 1\n"))
    with pytest.raises(RunError) as info:
        store.add(Program("p001", "def label(text):\n    return 0\n"))
    assert info.value.program_id == "p001"
    with pytest.raises(RunError) as info:
        store.set_enabled("p404", False)
    assert info.value.program_id == "p404"
    with pytest.raises(RunError) as info:
        load_splits(
            youtube_task, RunConfig.from_dict({**config.to_dict(), "dev": None, "dev_size": 5000})
        )
    assert info.value.split == "dev" and info.value.path == config.data
    with pytest.raises(DistillError) as info:
        DistilledModel.load(tmp_path / "model")
    assert info.value.path == str(tmp_path / "model")
    with pytest.raises(SynthesisError) as info:
        pipeline.run_pipeline(
            youtube_task, config, tmp_path / "run", provider=ScriptedProvider(["no code at all"])
        )
    assert info.value.path == str(tmp_path / "run")
