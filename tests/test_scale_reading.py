"""Chunked readers: every format cuts the same rows into the same chunks; bad input is one
clear DataError."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alchemist.errors import DataError
from alchemist.scale.reading import count_rows, iter_chunks, read_rows
from alchemist.task import Task


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [f"comment number {i}, with a comma" for i in range(23)],
            "label": [i % 2 for i in range(23)],
            "extra": list(range(23)),
        }
    )


def write_all(frame: pd.DataFrame, folder: Path) -> dict[str, Path]:
    paths = {
        "csv": folder / "d.csv",
        "tsv": folder / "d.tsv",
        "jsonl": folder / "d.jsonl",
        "parquet": folder / "d.parquet",
    }
    frame.to_csv(paths["csv"], index=False)
    frame.to_csv(paths["tsv"], sep="\t", index=False)
    frame.to_json(paths["jsonl"], orient="records", lines=True)
    pq.write_table(pa.Table.from_pandas(frame), paths["parquet"], row_group_size=4)
    dataset = folder / "dataset"
    dataset.mkdir()
    for i, start in enumerate(range(0, 23, 10)):
        frame.iloc[start : start + 10].to_parquet(dataset / f"f{i}.parquet", row_group_size=3)
    paths["folder"] = dataset
    return paths


def test_every_format_gives_the_same_fixed_size_chunks(
    tmp_path: Path, frame: pd.DataFrame, youtube_task: Task
) -> None:
    for name, path in write_all(frame, tmp_path).items():
        chunks = list(iter_chunks(path, youtube_task, chunk_rows=5))
        assert [c.index for c in chunks] == [0, 1, 2, 3, 4], name
        assert [c.start for c in chunks] == [0, 5, 10, 15, 20], name
        assert [len(c.data) for c in chunks] == [5, 5, 5, 5, 3], name
        texts = [t for c in chunks for t in c.data.items]
        assert texts == frame["text"].tolist(), name
        assert [g for c in chunks for g in c.data.gold.tolist()] == frame["label"].tolist()
        assert list(chunks[0].data.frame.columns) == ["text"]  # only the task's inputs
        assert "extra" not in chunks[0].table.columns
        every = next(iter_chunks(path, youtube_task, chunk_rows=5, every_column=True))
        assert every.table["extra"].tolist() == [0, 1, 2, 3, 4], name
        assert count_rows(path) == 23, name


def test_resuming_starts_at_a_chunk_and_parquet_reads_any_row_range(
    tmp_path: Path, frame: pd.DataFrame, youtube_task: Task
) -> None:
    paths = write_all(frame, tmp_path)
    for name in ("csv", "parquet", "folder"):
        later = list(iter_chunks(paths[name], youtube_task, chunk_rows=5, start_chunk=3))
        assert [(c.index, c.start, len(c.data)) for c in later] == [(3, 15, 5), (4, 20, 3)]
        assert later[0].data.items[0] == frame["text"][15]
    for path in (paths["parquet"], paths["folder"]):
        rows = read_rows(path, youtube_task, 7, 19)
        assert rows.items == frame["text"][7:19].tolist()
        assert len(read_rows(path, youtube_task, 23, 30)) == 0


def test_bad_sources_fail_with_one_clear_error(
    tmp_path: Path, frame: pd.DataFrame, youtube_task: Task
) -> None:
    with pytest.raises(DataError, match="not found"):
        list(iter_chunks(tmp_path / "missing.csv", youtube_task))
    wrench = tmp_path / "train.json"
    wrench.write_text("{}")
    with pytest.raises(DataError, match="cannot stream format 'wrench'"):
        list(iter_chunks(wrench, youtube_task))
    other = tmp_path / "other.csv"
    frame.rename(columns={"text": "body"}).to_csv(other, index=False)
    with pytest.raises(DataError, match=r"missing input column\(s\) \['text'\]"):
        list(iter_chunks(other, youtube_task, chunk_rows=5))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(DataError, match="cannot read as parquet"):
        list(iter_chunks(broken, youtube_task))
    with pytest.raises(DataError, match="cannot read as parquet"):
        count_rows(broken)
    with pytest.raises(ValueError, match="chunk_rows"):
        list(iter_chunks(other, youtube_task, chunk_rows=0))
