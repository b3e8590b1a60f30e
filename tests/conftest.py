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


class ScriptedProvider:
    """An in-process stand-in for unit tests: answers with the given texts, in turn."""

    name = "scripted"
    model = "scripted"
    local = True  # free, like the embedded model: the ledger records it at $0

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls = 0

    def complete(self, messages, params):
        from alchemist.llm import Completion

        text = self.answers[self.calls % len(self.answers)]
        self.calls += 1
        return Completion(text=text, model=self.model, provider=self.name, input_tokens=100,
                          output_tokens=len(text.split()), seconds=0.01)


class NoCallProvider:
    """Fails the test if anything asks the LLM."""

    name = "none"
    model = "none"
    local = True

    def complete(self, messages, params):
        raise AssertionError("the LLM was called where no call was expected")
