"""A label matrix written as it grows: one Parquet file per chunk of rows, in a folder.

``matrices/train/`` then holds ``part-00000.parquet``, ``part-00001.parquet``, ... (int8 vote
column ``v:<program id>`` and uint8 ``CellError`` column ``e:<program id>`` per program; the
chunk's first row and failure reasons in the file's metadata) and ``manifest.json`` naming the
programs (by id and source hash), classes and chunk size the parts were made with. Each part is
written to a temporary name and renamed, so a killed run leaves only whole parts, and a run over
the same programs and data resumes by skipping the parts already there. A manifest that no longer
matches (programs edited, added or removed; another chunk size) empties the folder first.
``patterns.npz`` holds the vote patterns merged over all parts (what a label model fits from),
written once the parts are complete and removed whenever a part is written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from alchemist.errors import RunError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.labelmodels import VotePatterns
from alchemist.programs import Program

_PART = re.compile(r"^part-(\d{5,})\.parquet$")
_META = b"alchemist.part"


class MatrixParts:
    """The parts of one split's label matrix (see the module docstring)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def prepare(
        self, programs: Sequence[Program], class_ids: Sequence[int], chunk_rows: int, source: str
    ) -> None:
        """Keep the parts made by the same programs, classes, chunking and source; else start
        over."""
        manifest = {
            "programs": [[p.id, p.sha, p.function_name] for p in programs],
            "class_ids": [int(c) for c in class_ids],
            "chunk_rows": chunk_rows,
            "source": str(source),
        }
        path = self.folder / "manifest.json"
        if path.exists() and json.loads(path.read_text(encoding="utf-8")) == manifest:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for part in self.folder.glob("part-*.parquet"):
            part.unlink()
        path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    def manifest(self) -> dict[str, Any]:
        path = self.folder / "manifest.json"
        if not path.exists():
            raise RunError(
                f"No label matrix parts in {self.folder}. Run the execute stage "
                "first (alchemist run ... --stream)."
            )
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest

    @property
    def program_ids(self) -> list[str]:
        return [entry[0] for entry in self.manifest()["programs"]]

    def path(self, index: int) -> Path:
        return self.folder / f"part-{index:05d}.parquet"

    def done(self) -> set[int]:
        return {
            int(m.group(1))
            for p in self.folder.glob("part-*.parquet")
            if (m := _PART.match(p.name))
        }

    def write(self, index: int, start: int, matrix: LabelMatrix) -> None:
        columns: dict[str, np.ndarray] = {}
        errors = np.asarray(matrix.errors)  # never None once constructed
        for j, program_id in enumerate(matrix.program_ids):
            columns[f"v:{program_id}"] = matrix.votes[:, j]
            columns[f"e:{program_id}"] = errors[:, j]
        table = pa.table(columns)
        meta = json.dumps({"start": start, "rows": matrix.shape[0], "reasons": matrix.reasons})
        table = table.replace_schema_metadata({_META: meta.encode()})
        (self.folder / "patterns.npz").unlink(missing_ok=True)
        final = self.path(index)
        temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, final)

    def read(self, index: int) -> tuple[int, LabelMatrix]:
        """(first row, the part's label matrix)."""
        table = pq.read_table(self.path(index))
        meta = json.loads(table.schema.metadata[_META])
        ids = self.program_ids
        n = table.num_rows
        votes = np.empty((n, len(ids)), dtype=np.int8)
        errors = np.empty((n, len(ids)), dtype=np.uint8)
        for j, program_id in enumerate(ids):
            votes[:, j] = table.column(f"v:{program_id}").to_numpy()
            errors[:, j] = table.column(f"e:{program_id}").to_numpy()
        return int(meta["start"]), LabelMatrix(votes, ids, errors, meta["reasons"])

    def __iter__(self) -> Iterator[tuple[int, LabelMatrix]]:
        """Every part in row order, checked to tile the rows with no gap."""
        expected = 0
        for index in sorted(self.done()):
            start, matrix = self.read(index)
            if start != expected:
                raise RunError(
                    f"{self.path(index)} starts at row {start}, expected {expected}: "
                    "a part is missing. Run the execute stage again to fill it in."
                )
            expected += matrix.shape[0]
            yield start, matrix

    def summary(self) -> dict[str, Any]:
        """Rows, coverage, and per program its failed cells by kind and first reason."""
        ids = self.program_ids
        rows, covered = 0, 0
        counts = np.zeros((len(ids), len(CellError)), dtype=np.int64)
        reasons: dict[str, str] = {}
        for _, matrix in self:
            rows += matrix.shape[0]
            covered += int((matrix.votes >= 0).any(axis=1).sum())
            errors = np.asarray(matrix.errors)
            for j in range(len(ids)):
                counts[j] += np.bincount(errors[:, j], minlength=len(CellError))
            for program_id, reason in matrix.reasons.items():
                reasons.setdefault(program_id, reason)
        failures = {
            program_id: {
                "first_reason": reasons.get(program_id, ""),
                **{
                    CellError(code).name.lower(): int(counts[j, code])
                    for code in range(1, len(CellError))
                    if counts[j, code]
                },
            }
            for j, program_id in enumerate(ids)
            if counts[j, 1:].any()
        }
        return {"rows": rows, "coverage": covered / rows if rows else 0.0, "failures": failures}

    def save_patterns(self, patterns: VotePatterns) -> None:
        """Record the vote patterns merged over every part (the execute stage's last step)."""
        temporary = self.folder / f".patterns.{os.getpid()}.tmp.npz"
        np.savez(
            temporary,
            patterns=patterns.patterns,
            counts=patterns.counts,
            n_classes=patterns.n_classes,
        )
        os.replace(temporary, self.folder / "patterns.npz")

    def patterns(self, n_classes: int) -> VotePatterns:
        """The vote patterns of all parts: the saved ones, else counted part by part."""
        path = self.folder / "patterns.npz"
        if path.exists():
            with np.load(path, allow_pickle=False) as saved:
                if int(saved["n_classes"]) == n_classes:
                    return VotePatterns(saved["patterns"], saved["counts"], n_classes)
        merged = VotePatterns.merge_all(
            [VotePatterns.of(matrix.votes, n_classes) for _, matrix in self]
        )
        self.save_patterns(merged)
        return merged
