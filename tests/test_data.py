from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alchemist.data.dataset import load_dataset
from alchemist.errors import DataError
from alchemist.task import task_from_dict

from .synthetic import spam_splits

TASK = task_from_dict(
    {"name": "t", "description": "d", "classes": ["ham", "spam"], "label_field": "y"}
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": ["win cash", "hi mum", None], "y": ["spam", "ham", None]})


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_formats_read_the_same(tmp_path: Path, suffix: str):
    path = tmp_path / f"d.{suffix}"
    frame = _frame()
    {
        "csv": lambda: frame.to_csv(path, index=False),
        "jsonl": lambda: frame.to_json(path, orient="records", lines=True),
        "parquet": lambda: frame.to_parquet(path),
    }[suffix]()
    data = load_dataset(path, TASK)
    assert data.items == ["win cash", "hi mum", ""]
    assert data.gold.tolist() == [1, 0, -1]


def test_wrench_json_with_reference_votes(tmp_path: Path):
    task = task_from_dict({"name": "yt", "description": "d", "classes": {0: "HAM", 1: "SPAM"}})
    data = load_dataset(spam_splits(tmp_path) / "test.json", task)
    assert len(data) == 250 and data.reference_votes.shape == (250, 10)
    assert set(np.unique(data.reference_votes)) <= {-1, 0, 1}
    assert set(np.unique(data.gold)) == {0, 1}


def test_tsv_and_limit(tmp_path: Path):
    task = task_from_dict(
        {
            "name": "sms",
            "description": "d",
            "classes": ["ham", "spam"],
            "input_fields": ["SMS"],
            "label_field": "Label",
        }
    )
    path = tmp_path / "SMSSpamCollection.tsv"
    rows = [f"{'spam' if i % 4 == 0 else 'ham'}\tmessage {i}, with a comma" for i in range(150)]
    path.write_text("Label\tSMS\n" + "\n".join(rows) + "\n")
    data = load_dataset(path, task, limit=100)
    assert len(data) == 100 and data.items[7] == "message 7, with a comma"
    assert data.gold.tolist() == [1 if i % 4 == 0 else 0 for i in range(100)]


def test_missing_column_and_bad_labels_are_one_line_errors(tmp_path: Path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"body": ["x"], "y": ["spam"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"missing input column\(s\) \['text'\]"):
        load_dataset(path, TASK)
    pd.DataFrame({"text": ["x"], "y": ["eggs"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match="not one of the task's classes"):
        load_dataset(path, TASK)
    with pytest.raises(DataError, match="no gold column"):
        load_dataset(
            path,
            task_from_dict(
                {"name": "t", "description": "d", "classes": ["a", "b"], "label_field": "z"}
            ),
            require_gold=True,
        )
    featured = task_from_dict({**TASK.to_dict(), "feature_fields": ["_feature0000"]})
    pd.DataFrame({"text": ["x"], "y": ["spam"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"missing feature column\(s\) \['_feature0000'\]"):
        load_dataset(path, featured)
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(DataError, match="cannot read as wrench"):
        load_dataset(tmp_path / "broken.json", TASK)


def test_hold_out_is_seeded_and_disjoint(tmp_path: Path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": [f"t{i}" for i in range(50)], "y": ["ham"] * 50}).to_csv(path)
    data = load_dataset(path, TASK)
    rest, held = data.hold_out(10, seed=3)
    again, _ = data.hold_out(10, seed=3)
    assert len(held) == 10 and len(rest) == 40
    assert not set(rest.items) & set(held.items)
    assert rest.items == again.items
    assert data.hold_out(10, seed=3, labeled_only=True)[1].items == held.items  # all labeled
    with pytest.raises(DataError, match="needs more labeled rows than that; the data has 50"):
        data.hold_out(60, labeled_only=True)
