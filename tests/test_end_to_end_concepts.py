"""Concept stages with the real embedded model naming the concepts and writing the programs
(slow; runs in CI). Each keeps the model's work small: a few concepts, a few programs (images
and tables through a search of 4 candidates and 1 refinement)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alchemist.cli.main import main
from alchemist.llm.embedded import DEFAULT_MODEL, models_dir

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def _needs_model() -> None:
    if not (models_dir() / f"{DEFAULT_MODEL}.gguf").exists():
        pytest.skip(f"run `alchemist model install {DEFAULT_MODEL}` first")


def test_signals_llm_names_concepts_and_writes_programs_over_scores(tmp_path: Path, capsys):
    """One-shot programs (``--generator oneshot``): with a search of 4 candidates the model's signal
    programs here were all at chance on dev and dropped (the images and tables tests search)."""
    _needs_model()
    run_dir = tmp_path / "italy"
    code = main(
        [
            "run",
            str(EXAMPLES / "italypower.yaml"),
            "sktime:ItalyPowerDemand/test",
            "--dev-size",
            "100",
            "--test",
            "sktime:ItalyPowerDemand/train",
            "--out",
            str(run_dir),
            "-n",
            "3",
            "--concepts",
            "5",
            "--generator",
            "oneshot",
            "--threads",
            "1",
            "--no-cache",
            "--workers",
            "1",
        ]
    )
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


def test_images_llm_names_concepts_scored_by_the_offline_classifier(tmp_path: Path, capsys):
    _needs_model()
    from alchemist.data.named import spurious_digits

    # The 20 minority images of each kind, 40 of each majority kind: enough rows that the
    # model's threshold programs vote on some (with 50 rows, two programs voted on none).
    train = spurious_digits("train").groupby("group").head(40)
    test = spurious_digits("test").groupby("group").head(10)
    train.to_csv(tmp_path / "train.csv", index=False)
    test.to_csv(tmp_path / "test.csv", index=False)
    run_dir = tmp_path / "digits"
    code = main(
        [
            "run",
            str(EXAMPLES / "spurious_digits.yaml"),
            str(tmp_path / "train.csv"),
            "--dev-size",
            "10",
            "--test",
            str(tmp_path / "test.csv"),
            "--out",
            str(run_dir),
            "-n",
            "3",
            "--concepts",
            "4",
            "--candidates",
            "4",
            "--refinements",
            "1",
            "--threads",
            "1",
            "--no-cache",
            "--workers",
            "1",
        ]
    )
    assert code == 0, capsys.readouterr().err
    record = json.loads((run_dir / "concepts.json").read_text())
    print(json.dumps(record["grounding"], indent=1))
    named = [c["name"] for c in record["concepts"]]
    assert named and all(len(record["grounding"][n]["classes"]) == 5 for n in named)
    programs = [p.read_text() for p in (run_dir / "programs").glob("*.py")]
    assert programs and all("scores" in p for p in programs)
    summary = json.loads((run_dir / "summary.json").read_text())
    groups = summary["evaluation"]["test"]["label_model"]["groups"]
    print(json.dumps(groups, indent=1))
    assert set(groups["per_group"]) == {
        "ZERO on water",
        "ZERO on land",
        "ONE on water",
        "ONE on land",
    }
    assert groups["worst_group"] <= groups["average"]


def test_tables_llm_writes_one_program_per_attribute(tmp_path: Path, capsys):
    _needs_model()
    import yaml

    from .synthetic import census_rows

    census = census_rows(600)
    census[:400].to_csv(tmp_path / "train.csv", index=False)
    census[400:].to_csv(tmp_path / "test.csv", index=False)
    task = yaml.safe_load((EXAMPLES / "census.yaml").read_text())
    task["input_fields"] = ["age", "education_num", "marital"]
    (tmp_path / "task.yaml").write_text(yaml.safe_dump(task))
    run_dir = tmp_path / "census"
    code = main(
        [
            "run",
            str(tmp_path / "task.yaml"),
            str(tmp_path / "train.csv"),
            "--dev-size",
            "50",
            "--test",
            str(tmp_path / "test.csv"),
            "--out",
            str(run_dir),
            "-n",
            "3",
            "--per-attribute",
            "--candidates",
            "4",
            "--refinements",
            "1",
            "--threads",
            "1",
            "--no-cache",
            "--workers",
            "1",
        ]
    )
    assert code == 0, capsys.readouterr().err
    # The search asked about one column per candidate, in turn (usable answer or not).
    record = json.loads((run_dir / "search.json").read_text())
    asked = {c["strategy"] for c in record["candidates"] + record["failures"]}
    print(asked)
    first = {s for s in asked if not s.startswith(("refine:", "swapped:"))}
    assert first == {"column age", "column education_num", "column marital"}
    for source in (run_dir / "programs").glob("*.py"):
        others = {"age", "education_num", "marital"} - {
            json.loads(source.with_suffix(".json").read_text())["provenance"]["attribute"]
        }
        assert not any(
            f"'{o}'" in source.read_text() or f'"{o}"' in source.read_text() for o in others
        )
    summary = json.loads((run_dir / "summary.json").read_text())
    print(json.dumps(summary["evaluation"]["test"]["label_model"], default=str))
    assert summary["coverage"]["train"] > 0
