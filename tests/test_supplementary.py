"""Supplementary information drafted by a model, and exemplars for the prompts."""

from __future__ import annotations

import numpy as np
import pytest

from alchemist.errors import TaskError
from alchemist.synthesis.supplementary import (
    GeneratedSupplementary,
    draw_exemplars,
    generate_supplementary,
)
from alchemist.task import LabelClass, task_from_dict

from .conftest import ScriptedProvider
from .test_quality import TASK

# --- supplementary -------------------------------------------------------------------------

SUPPLEMENTARY_ANSWERS = [
    "Short comments under music videos.\nMany are spam.",
    "**HAM**: a genuine reaction to the song\n- SPAM: an advertisement\nOTHER: ignored",
    '```\n1. spam: subscribe, "check out", my channel, free\nHam: love, song\n```',
    "Here are rules:\n- Comments asking to subscribe are SPAM.\n- ok\n* Links are usually spam."
    "\n- Comments asking to subscribe are SPAM.",
]


def test_generate_supplementary_parses_loose_answers_and_records_calls():
    provider = ScriptedProvider(SUPPLEMENTARY_ANSWERS, repeat_last=True)
    draft = generate_supplementary(TASK, provider, seed=5)
    sup = draft.supplementary
    assert sup.dataset_description == "Short comments under music videos. Many are spam."
    assert draft.class_descriptions == {
        "HAM": "a genuine reaction to the song",
        "SPAM": "an advertisement",
    }
    assert sup.keywords == {
        "SPAM": ["subscribe", "check out", "my channel", "free"],
        "HAM": ["love", "song"],
    }
    assert sup.rules == ("Comments asking to subscribe are SPAM.", "Links are usually spam.")
    assert [p.seed for _, p in provider.calls] == [5, 6, 7, 8]
    assert set(draft.provenance["calls"]) == {
        "dataset_description",
        "class_descriptions",
        "keywords",
        "rules",
    }
    assert draft.provenance["calls"]["keywords"]["response"] == SUPPLEMENTARY_ANSWERS[2]


def test_unparsable_kinds_stay_empty_and_kinds_are_checked():
    provider = ScriptedProvider(["no idea"], repeat_last=True)
    draft = generate_supplementary(TASK, provider, kinds=("keywords", "rules"))
    assert draft.supplementary.is_empty() and len(provider.calls) == 2
    assert draft.provenance["calls"]["keywords"]["parsed"] is False
    with pytest.raises(ValueError, match="Unknown supplementary kind"):
        generate_supplementary(TASK, provider, kinds=("poems",))


def test_supplementary_draft_round_trips_through_an_edited_yaml_file(tmp_path):
    draft = generate_supplementary(TASK, ScriptedProvider(SUPPLEMENTARY_ANSWERS, repeat_last=True))
    path = tmp_path / "supplementary.yaml"
    draft.save(path)
    text = path.read_text()
    assert text.startswith("# Supplementary information drafted")
    path.write_text(text.replace("Links are usually spam.", "URLs mean SPAM."))
    loaded = GeneratedSupplementary.load(path, TASK)
    assert loaded.supplementary.rules[-1] == "URLs mean SPAM."
    assert loaded.supplementary.keywords == draft.supplementary.keywords
    assert loaded.class_descriptions == draft.class_descriptions
    path.write_text(text.replace("HAM: a genuine", "VIDEO: a genuine"))
    with pytest.raises(TaskError, match="unknown classes \\['VIDEO'\\]"):
        GeneratedSupplementary.load(path, TASK)
    path.write_text(text.replace("keywords:\n    SPAM:", "keywords:\n    NOPE:"))
    with pytest.raises(TaskError, match="supplementary.keywords"):
        GeneratedSupplementary.load(path, TASK)


def test_applying_a_draft_keeps_what_the_person_wrote():
    task = task_from_dict(
        {
            **TASK.to_dict(),
            "classes": [{"id": 0, "name": "HAM", "description": "mine"}, {"id": 1, "name": "SPAM"}],
            "supplementary": {"rules": ["my rule"]},
        }
    )
    draft = generate_supplementary(task, ScriptedProvider(SUPPLEMENTARY_ANSWERS, repeat_last=True))
    applied = draft.apply(task)
    assert applied.classes == (
        LabelClass(0, "HAM", "mine"),
        LabelClass(1, "SPAM", "an advertisement"),
    )
    assert applied.supplementary.rules == ("my rule",)
    assert applied.supplementary.keywords["HAM"] == ["love", "song"]
    assert applied.supplementary.dataset_description.startswith("Short comments")


def test_draw_exemplars_takes_known_gold_rows_per_class_reproducibly():
    gold = np.array([1, 0, 1, -1, 1, 0, 1, 0, -1, 0])
    items = [f"item {i} " + "x" * 50 for i in range(10)]
    drawn = draw_exemplars(items, gold, TASK, per_class=2, seed=1, max_chars=10)
    assert [e.label for e in drawn] == ["HAM", "HAM", "SPAM", "SPAM"]
    rows = [int(e.input.split()[1]) for e in drawn]
    assert all(TASK.class_names[gold[r]] == e.label for r, e in zip(rows, drawn, strict=True))
    assert all(e.input.endswith("...") and len(e.input) == 13 for e in drawn)
    assert drawn == draw_exemplars(items, gold, TASK, per_class=2, seed=1, max_chars=10)
    assert len({draw_exemplars(items, gold, TASK, seed=s) for s in range(6)}) > 1
    with pytest.raises(ValueError, match="one class index per item"):
        draw_exemplars(items, gold[:3], TASK)


def test_a_broken_supplementary_file_is_a_one_line_task_error(tmp_path):
    path = tmp_path / "supplementary.yaml"
    for text, message in [
        ("- a list\n", "is a mapping with 'class_descriptions'"),
        ("class_descriptions: [1, 2]\n", "is a mapping"),
        ("a: [unclosed\n", "cannot parse the supplementary file"),
    ]:
        path.write_text(text)
        with pytest.raises(TaskError, match=message) as info:
            GeneratedSupplementary.load(path, TASK)
        assert "\n" not in str(info.value) and str(path) in str(info.value)
