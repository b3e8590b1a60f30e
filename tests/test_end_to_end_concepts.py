"""Concept stages with the real embedded model naming the concepts and writing the programs
(slow; runs in CI). Each keeps the model's work small: a few concepts, a few programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alchemist.cli import main
from alchemist.llm.embedded import DEFAULT_MODEL, models_dir

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def _needs_model() -> None:
    if not (models_dir() / f"{DEFAULT_MODEL}.gguf").exists():
        pytest.skip(f"run `alchemist model install {DEFAULT_MODEL}` first")


def test_signals_llm_names_concepts_and_writes_programs_over_scores(tmp_path: Path, capsys):
    _needs_model()
    run_dir = tmp_path / "italy"
    code = main(["run", str(EXAMPLES / "italypower.yaml"),
                 "--data", "sktime:ItalyPowerDemand/test", "--dev-size", "100",
                 "--test", "sktime:ItalyPowerDemand/train", "--out", str(run_dir),
                 "-n", "3", "--concepts", "5", "--threads", "1", "--no-cache", "--workers", "1"])
    assert code == 0, capsys.readouterr().err
    record = json.loads((run_dir / "concepts.json").read_text())
    named = [c["name"] for c in record["concepts"]]
    print(json.dumps(record["grounding"], indent=1))
    assert 1 <= len(named) <= 5 and all(record["grounding"][n]["measured_as"] for n in named)
    programs = [p.read_text() for p in (run_dir / "programs").glob("*.py")]
    assert programs and all("scores" in p for p in programs)
    # Programs read the named scores: at least one uses a concept the model named.
    assert any(f'"{n}"' in p or f"'{n}'" in p for p in programs for n in named)
    summary = json.loads((run_dir / "summary.json").read_text())
    print(json.dumps(summary["evaluation"]["test"], indent=1, default=str))
    assert summary["coverage"]["train"] > 0
    assert 0.0 <= summary["evaluation"]["test"]["distilled"]["accuracy"] <= 1.0
