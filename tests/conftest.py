"""Shared fixtures: the public datasets beside the repository and the example tasks.

The datasets are looked for in ``../shared/datasets`` beside the checkout, or under the folder
the environment variable ``ALCHEMIST_SHARED`` names (``ALCHEMIST_SHARED=/nonexistent`` shows
which tests need them: only the benchmark-table tests that score the public sets should).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alchemist.errors import BudgetExceeded
from alchemist.llm import Completion, Message, SamplingParams
from alchemist.run.settings import RunConfig
from alchemist.task import Task, load_task

from .synthetic import spam_splits

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALCHEMIST_SHARED") or ROOT.parent / "shared")
DATASETS = SHARED / "datasets"
EXAMPLES = ROOT / "examples"


def dataset_path(*parts: str) -> Path:
    path = DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"public dataset {path} is absent (expected ../shared/datasets)")
    return path


@pytest.fixture
def youtube_task() -> Task:
    return load_task(EXAMPLES / "youtube.yaml")


@pytest.fixture(scope="session")
def spam_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic spam splits (``tests/synthetic.py``): train, valid and test WRENCH JSON."""
    return spam_splits(tmp_path_factory.mktemp("spam"))


@pytest.fixture
def config(spam_folder: Path) -> RunConfig:
    """A small run on the synthetic spam splits: 6 programs, one worker, no response cache;
    one-shot synthesis with the dev labels only choosing the label model (the paths these
    tests script; the default search and gold use are tested in test_search, test_devsplit)."""
    youtube = spam_folder
    return RunConfig(
        data=str(youtube / "train.json"),
        dev=str(youtube / "valid.json"),
        test=str(youtube / "test.json"),
        n_programs=6,
        workers=1,
        use_cache=False,
        strategies=("default",),
        generator="oneshot",
        use_gold=False,
    )


class ScriptedProvider:
    """An in-process stand-in LLM for unit tests: answers with the given texts in turn (again
    from the first, or the last one over and over with ``repeat_last``), recording each call's
    messages and sampling parameters; past ``budget`` calls it refuses like a spending cap."""

    name = "scripted"
    model = "scripted"
    local = True  # free, like the embedded model: the ledger records it at $0

    def __init__(
        self, answers: list[str], *, budget: int | None = None, repeat_last: bool = False
    ) -> None:
        self.answers = list(answers)
        self.budget = budget
        self.repeat_last = repeat_last
        self.calls: list[tuple[list[Message], SamplingParams]] = []

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        if self.budget is not None and len(self.calls) >= self.budget:
            raise BudgetExceeded("budget reached", spent=1.0, budget=1.0, estimate=0.1)
        self.calls.append((messages, params))
        turn = len(self.calls) - 1
        text = self.answers[
            min(turn, len(self.answers) - 1) if self.repeat_last else turn % len(self.answers)
        ]
        return Completion(
            text=text,
            model=self.model,
            provider=self.name,
            input_tokens=100,
            output_tokens=len(text.split()),
            seconds=0.01,
        )


class NoCallProvider:
    """Fails the test if anything asks the LLM."""

    name = "none"
    model = "none"
    local = True

    def complete(self, messages, params):
        raise AssertionError("the LLM was called where no call was expected")
