"""Shared fixtures: the public datasets beside the repository and the example tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from alchemist.task import Task, load_task

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
EXAMPLES = ROOT / "examples"


def dataset_path(*parts: str) -> Path:
    path = DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"public dataset {path} is absent (expected ../shared/datasets)")
    return path


@pytest.fixture
def youtube_task() -> Task:
    return load_task(EXAMPLES / "youtube.yaml")
