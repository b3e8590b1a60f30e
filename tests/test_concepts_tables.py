"""Per-attribute programs for tables: one prompt per column (in the search, or in one shot),
each program reads one column."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from alchemist.errors import SynthesisError
from alchemist.label_matrix import LabelMatrix
from alchemist.run.pipeline import run_pipeline
from alchemist.run.settings import RunConfig
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.per_attribute import synthesize_per_attribute
from alchemist.synthesis.search_prompts import (
    attribute_task,
    column_prompts,
    other_attributes,
    value_summary,
)
from alchemist.task import task_from_dict

from .conftest import ScriptedProvider

TASK = task_from_dict(
    {
        "name": "income",
        "description": "Does the person earn more than 50K a year?",
        "modality": "tabular",
        "input_fields": ["age", "education"],
        "label_field": "income",
        "classes": [{"id": 0, "name": "LOW"}, {"id": 1, "name": "HIGH"}],
    }
)
FRAME = pd.DataFrame(
    {
        "age": [25, 38, 52, 61, 33, 47],
        "education": ["HS-grad", "Masters", "Doctorate", "HS-grad", "Bachelors", "Masters"],
        "income": [0, 1, 1, 0, 0, 1],
    }
)
AGE = "```python\ndef label(row: dict) -> int:\n    return 1 if row['age'] > 40 else 0\n```"
EDU = (
    "```python\ndef label(row: dict) -> int:\n"
    "    return 1 if row['education'] in ('Masters', 'Doctorate') else -1\n```"
)
BOTH = (
    "```python\ndef label(row: dict) -> int:\n"
    "    return 1 if row['age'] > 40 and row['education'] == 'Masters' else 0\n```"
)


def test_value_summaries_describe_numbers_and_categories() -> None:
    assert value_summary(FRAME["age"]).startswith("numbers from 25 to 61")
    summary = value_summary(FRAME["education"], top=2)
    assert summary.startswith("text categories such as") and "and 2 more" in summary


def test_each_prompt_names_one_attribute_and_its_values() -> None:
    task = attribute_task(TASK, "education", FRAME["education"])
    assert task.input_fields == ("education",)
    assert "row['education']" in task.description and "'Masters'" in task.description


def test_one_prompt_per_attribute_and_other_attributes_refused() -> None:
    provider = ScriptedProvider([AGE, BOTH, EDU])
    asking = Asking(focus=column_prompts(TASK, FRAME))
    result = synthesize_per_attribute(TASK, provider, n=2, asking=asking)
    prompts = [messages[1]["content"] for messages, _ in provider.calls]
    assert "attribute 'age'" in prompts[0] and "attribute 'education'" in prompts[1]
    assert [p.provenance["attribute"] for p in result.programs] == ["age", "education"]
    assert [p.id for p in result.programs] == ["p001", "p002"]
    assert any("reads other attributes ['age']" in f["reason"] for f in result.failures)
    code = BOTH.removeprefix("```python\n").removesuffix("```")
    assert other_attributes(code, "age", ["age", "education"]) == ["education"]
    empty = synthesize_per_attribute(TASK, ScriptedProvider(["no code"]), n=2, asking=asking)
    with pytest.raises(SynthesisError, match="None of 4 answers"):
        empty.raise_if_empty()
    with pytest.raises(ValueError, match="one column at a time"):
        synthesize_per_attribute(TASK, provider, n=2, asking=Asking())


def test_columns_are_prompted_in_turn_from_a_seeded_start() -> None:
    assert [label for label, _ in column_prompts(TASK, FRAME, seed=0)] == [
        "column age",
        "column education",
    ]
    turned = column_prompts(TASK, FRAME, seed=1)
    assert [t.input_fields for _, t in turned] == [("education",), ("age",)]
    assert "row['education']" in turned[0][1].description


def test_a_column_candidate_reads_its_column_and_is_refined_on_it() -> None:
    from alchemist.synthesis.search import SearchPolicy, search

    from .test_quality import InProcessExecutor

    rows = FRAME[["age", "education"]].to_dict("records")
    closer = (
        "```python\ndef label(row: dict) -> int:\n    return 1 if 35 < row['age'] < 60 else 0\n```"
    )
    provider = ScriptedProvider([AGE, BOTH, closer])
    result = search(
        TASK,
        provider,
        InProcessExecutor(),
        Rows(rows, rows, FRAME["income"].to_numpy()),
        policy=SearchPolicy(n_programs=2, candidates=2, refinements=1, concurrency=1),
        asking=Asking(focus=column_prompts(TASK, FRAME)),
    )
    # The education prompt's answer reads age too: refused, with the reason.
    assert [f["reason"] for f in result.failures] == ["reads other attributes ['age']"]
    # The age program errs on 2 of 6 dev rows; its refinement prompt keeps to age.
    refine_prompt = provider.calls[2][0][-1]["content"]
    assert "attribute 'age'" in refine_prompt and "'Masters'" not in refine_prompt
    assert [(p.provenance["strategy"], p.provenance["attribute"]) for p in result.programs] == [
        ("refine:p001", "age"),
        ("column age", "age"),
    ]


@pytest.mark.parametrize("search", [True, False])
def test_the_pipeline_runs_per_attribute_programs(tmp_path: Path, search: bool) -> None:
    sizes = {"generator": "search", "search_candidates": 2} if search else {"generator": "oneshot"}
    FRAME.to_csv(tmp_path / "data.csv", index=False)
    config = RunConfig(
        data=str(tmp_path / "data.csv"),
        test=str(tmp_path / "data.csv"),
        n_programs=2,
        per_attribute=True,
        **sizes,
        use_cache=False,
        workers=1,
    )
    provider = ScriptedProvider([AGE, EDU])
    summary = run_pipeline(TASK, config, tmp_path / "run", provider=provider)
    assert summary["programs"] == ["p001", "p002"]
    prompts = [messages[-1]["content"] for messages, _ in provider.calls]
    assert "attribute 'age'" in prompts[0] and "attribute 'education'" in prompts[1]
    votes = LabelMatrix.load(tmp_path / "run" / "matrices" / "train.npz").votes
    assert votes[:, 0].tolist() == [0, 0, 1, 1, 0, 1]  # age > 40
    assert votes[:, 1].tolist() == [-1, 1, 1, -1, -1, 1]  # Masters or Doctorate
    if search:  # the search records the column each candidate was asked about
        record = json.loads((tmp_path / "run" / "search.json").read_text())
        assert [c["strategy"] for c in record["candidates"]] == ["column age", "column education"]


def test_a_search_that_keeps_nothing_says_why_in_one_error(tmp_path: Path) -> None:
    FRAME.to_csv(tmp_path / "data.csv", index=False)
    constant = "```python\ndef label(row: dict) -> int:\n    return 1\n```"
    config = RunConfig(
        data=str(tmp_path / "data.csv"),
        n_programs=2,
        search_candidates=2,
        use_cache=False,
        workers=1,
    )
    with pytest.raises(SynthesisError, match="kept none of its 1 candidate") as caught:
        run_pipeline(TASK, config, tmp_path / "run", provider=ScriptedProvider([constant]))
    assert "search.json" in str(caught.value) and "--generator oneshot" in str(caught.value)
    record = json.loads((tmp_path / "run" / "search.json").read_text())
    assert record["candidates"][0]["dropped"] == "constant output (class 1 on every item)"
