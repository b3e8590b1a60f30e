"""The LLM names concepts as JSON; untidy answers are parsed, garbage is recorded and retried."""

from __future__ import annotations

import pytest

from alchemist.concepts.naming import build_concept_messages, name_concepts, parse_concepts
from alchemist.errors import ConceptError
from alchemist.task import task_from_dict

from .conftest import ScriptedProvider

TASK = task_from_dict(
    {
        "name": "birds",
        "description": "Tell water birds from land birds.",
        "modality": "image",
        "input_fields": ["image"],
        "classes": [
            {"id": 0, "name": "LAND", "description": "a land bird"},
            {"id": 1, "name": "WATER", "description": "a water bird"},
        ],
    }
)
GOOD = (
    'Here you go:\n```json\n{"concepts": [{"name": "webbed feet", "description": '
    '"feet with skin between the toes"}, {"name": "long beak", "description": "a beak '
    'longer than the head"},]}\n```'
)


def test_prompt_asks_for_json_concepts_of_the_task() -> None:
    text = build_concept_messages(TASK, n=5, extractor_hint="It sees ImageNet objects.")[1]
    assert "Tell water birds from land birds." in text["content"]
    assert "- WATER: a water bird" in text["content"]
    assert "Give 5 concepts" in text["content"] and "Parse the results into JSON" in text["content"]
    assert "It sees ImageNet objects." in text["content"]
    spurious = build_concept_messages(TASK, n=3, role="spurious")[1]["content"]
    assert "spurious" in spurious and "backgrounds" in spurious


@pytest.mark.parametrize(
    "answer, names",
    [
        (GOOD, ["webbed_feet", "long_beak"]),
        ('["Webbed  feet", "webbed feet", "long-beak"]', ["webbed_feet", "long_beak"]),
        ('{"webbed feet": "skin between toes", "long beak": "long"}', ["webbed_feet", "long_beak"]),
        ('Concepts: {"list": ["a", {"concept": "b", "description": "bee"}]} done', ["a", "b"]),
    ],
)
def test_parse_accepts_the_shapes_models_answer_in(answer: str, names: list[str]) -> None:
    assert [c.name for c in parse_concepts(answer)] == names


def test_parse_keeps_descriptions_and_role_and_limits() -> None:
    concepts = parse_concepts(GOOD, role="spurious", limit=1)
    assert len(concepts) == 1
    assert concepts[0].description == "feet with skin between the toes"
    assert concepts[0].role == "spurious"


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("I cannot help with that.", "no JSON"),
        ('{"concepts": 3}', "no list"),
        ('{"concepts": [1, 2]}', "names no concept"),
        ("", "no JSON"),
    ],
)
def test_parse_rejects_garbage_with_one_line(answer: str, reason: str) -> None:
    with pytest.raises(ConceptError, match=reason) as info:
        parse_concepts(answer)
    assert "\n" not in str(info.value)


def test_bad_answers_are_recorded_and_the_question_asked_again() -> None:
    provider = ScriptedProvider(["no json here", GOOD])
    result = name_concepts(TASK, provider, n=4, seed=7)
    assert [c.name for c in result.concepts] == ["webbed_feet", "long_beak"]
    assert result.n_calls == 2
    assert result.failures[0]["reason"].startswith("no JSON")
    assert [params.seed for _, params in provider.calls] == [7, 8]


def test_every_answer_bad_raises_one_clear_error() -> None:
    with pytest.raises(ConceptError, match="None of 3 answers") as info:
        name_concepts(TASK, ScriptedProvider(["nope"]), attempts=3)
    assert "'concepts:'" in str(info.value)
