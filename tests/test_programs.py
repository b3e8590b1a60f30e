import json
from pathlib import Path

import numpy as np
import pytest

from alchemist.errors import RunError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program, ProgramStore, signature_problem

SOURCE = "def label(text):\n    return 1 if 'win' in text else -1\n"


def test_store_round_trip_and_never_overwrites(tmp_path: Path):
    store = ProgramStore(tmp_path)
    program = Program(store.next_id(), SOURCE, provenance={"model": "m", "output_tokens": 9})
    store.add(program)
    assert store.next_id() == "p002"
    with pytest.raises(RunError, match="never overwritten"):
        store.add(program)
    (loaded,) = store.load()
    assert loaded.source == SOURCE and loaded.provenance["model"] == "m"
    assert not loaded.edited


def test_hand_edits_disabling_and_hand_written_programs(tmp_path: Path):
    store = ProgramStore(tmp_path)
    store.add(Program("p001", SOURCE))
    (tmp_path / "p001.py").write_text(SOURCE.replace("win", "cash"))
    (tmp_path / "mine.py").write_text("def label(text):\n    return 0\n")
    programs = {p.id: p for p in store.load()}
    assert programs["p001"].edited
    assert programs["mine"].provenance == {"author": "hand-written"}
    store.set_enabled("p001", False)
    assert [p.id for p in store.load()] == ["mine"]
    assert json.loads((tmp_path / "p001.json").read_text())["enabled"] is False
    with pytest.raises(RunError, match="no program"):
        store.set_enabled("p999", True)


@pytest.mark.parametrize(
    "source, problem",
    [
        (SOURCE, None),
        ("def label(text, k=2):\n    return k\n", None),
        ("def label(a, b):\n    return 0\n", "exactly one required argument"),
        ("def other(t):\n    return 0\n", "no top-level function 'label'"),
        ("def label(t):\n  return (\n", "syntax error"),
    ],
)
def test_signature_problem(source, problem):
    found = signature_problem(source, "label")
    assert found is None if problem is None else problem in found


def test_label_matrix_save_load_and_columns(tmp_path: Path):
    votes = np.array([[0, -1, 1], [1, 1, -1]])
    errors = np.zeros_like(votes)
    errors[0, 1] = CellError.TIMEOUT
    matrix = LabelMatrix(votes, ["a", "b", "c"], errors, {"b": "timeout"})
    matrix.save(tmp_path / "m.npz")
    loaded = LabelMatrix.load(tmp_path / "m.npz")
    assert loaded.votes.dtype == np.int8 and loaded.program_ids == ["a", "b", "c"]
    assert loaded.errors[0, 1] == CellError.TIMEOUT and loaded.reasons == {"b": "timeout"}
    sub = loaded.columns(["c", "a"])
    assert sub.votes.tolist() == [[1, 0], [-1, 1]] and sub.reasons == {}
    with pytest.raises(ValueError, match="votes must be"):
        LabelMatrix(votes, ["a"])
