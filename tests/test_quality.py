from __future__ import annotations

import json

import numpy as np
import pytest

from alchemist.analysis import diagnose
from alchemist.errors import TaskError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program, ProgramStore
from alchemist.quality import (
    GatePolicy,
    GeneratedSupplementary,
    draw_exemplars,
    gate,
    generate_supplementary,
    improve,
    repair,
)
from alchemist.task import LabelClass, task_from_dict

from .conftest import ScriptedProvider

TASK = task_from_dict({
    "name": "spam", "description": "Decide whether a comment is spam.",
    "function_name": "label_spam",
    "classes": [{"id": 0, "name": "HAM"}, {"id": 1, "name": "SPAM"}],
})
ITEMS = ["subscribe to my channel", "love this song", "check out my page", "great video",
         "free money at my site", "beautiful voice", "subscribe now", "so good", "", "wow"]
GOLD = np.array([1, 0, 1, 0, 1, 0, 1, 0, 0, 0])


class InProcessExecutor:
    """Test stand-in for the isolated executor: runs test-written programs in this process."""

    def __init__(self) -> None:
        self.runs: list[tuple[list[str], int]] = []

    def run(self, programs, items, class_ids) -> LabelMatrix:
        self.runs.append(([p.id for p in programs], len(items)))
        index = {c: i for i, c in enumerate(class_ids)}
        votes = np.full((len(items), len(programs)), -1, dtype=np.int8)
        errors = np.zeros(votes.shape, dtype=np.uint8)
        reasons = {}
        for j, program in enumerate(programs):
            namespace: dict = {}
            exec(compile(program.source, program.id, "exec"), namespace)
            function = namespace[program.function_name]
            for i, item in enumerate(items):
                try:
                    out = function(item)
                except Exception as exc:  # noqa: BLE001 - recorded per cell, like the executor
                    errors[i, j] = CellError.EXCEPTION
                    reasons.setdefault(program.id, f"{type(exc).__name__}: {exc}")
                    continue
                if out in index and not isinstance(out, bool):
                    votes[i, j] = index[out]
                elif out != -1:
                    errors[i, j] = CellError.INVALID_OUTPUT
                    reasons.setdefault(program.id, f"returned {out!r}")
        return LabelMatrix(votes, [p.id for p in programs], errors, reasons)


def fenced(body: str) -> str:
    return f"```python\ndef label_spam(text):\n{body}\n```"


SUBSCRIBE = fenced("    return 1 if 'subscribe' in text else -1")
MY_PAGE = fenced("    return 1 if 'my' in text else -1")
NICE = fenced("    return 0 if any(w in text for w in ('love', 'good', 'great', 'wow')) else -1")
CONSTANT = fenced("    return 1")
CRASHES = fenced("    return 1 if text.split()[2] == 'my' else -1")  # IndexError on 6 of 10
FIXED = fenced("    words = text.split()\n"
               "    return 1 if len(words) > 2 and words[2] == 'my' else -1")


def matrix(columns: dict[str, list[int]], errors: dict[str, list[int]] | None = None):
    ids = list(columns)
    votes = np.array([columns[i] for i in ids]).T
    err = np.zeros_like(votes)
    for j, i in enumerate(ids):
        if errors and i in errors:
            err[:, j] = errors[i]
    return LabelMatrix(votes, ids, err)


# --- gate ----------------------------------------------------------------------------------

def test_gate_drops_what_the_policy_says_with_reasons():
    L = matrix({
        "good":   [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
        "rare":   [1, -1, -1, -1, -1, -1, -1, -1, -1, -1],      # 10% coverage: kept
        "never":  [-1] * 10,
        "const":  [1] * 10,
        "broken": [1, 0, -1, -1, -1, -1, -1, -1, -1, -1],
        "twin":   [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
        "wrong":  [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
    }, errors={"broken": [0, 0, 1, 1, 2, 0, 0, 0, 0, 0]})
    d = diagnose(L, 2, gold=GOLD)
    kept, dropped = gate(d, L, GatePolicy(min_accuracy=0.5))
    assert kept == ["good", "rare"]
    assert dropped["never"].startswith("constant output (abstain")
    assert dropped["const"].startswith("constant output (class 1")
    assert dropped["broken"].startswith("errors or timeouts on 30%")
    assert dropped["twin"].startswith("near-duplicate of good")
    assert dropped["wrong"].startswith("accuracy 10.0% on 10 gold votes below 50%")


def test_gate_checks_can_be_turned_off_or_tightened():
    L = matrix({"a": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
                "b": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
                "c": [1] * 10,
                "d": [1, -1, -1, -1, -1, -1, -1, -1, -1, -1]})
    d = diagnose(L, 2)
    loose = GatePolicy(drop_constant=False, near_duplicate_agreement=None, min_coverage=0.0)
    assert gate(d, L, loose) == (["a", "b", "c", "d"], {})
    kept, dropped = gate(d, L, GatePolicy(min_coverage=0.3))
    assert kept == ["a"] and dropped["d"] == "coverage 10.0% below 30%"
    # Without gold votes enough, the accuracy gate does not judge.
    assert gate(d, L, GatePolicy(min_accuracy=0.99))[0] == ["a", "d"]


def test_gate_policy_validates_its_settings():
    with pytest.raises(ValueError, match="min_coverage must be in"):
        GatePolicy(min_coverage=10)
    with pytest.raises(TypeError):
        GatePolicy(0.2)  # keyword-only


# --- repair --------------------------------------------------------------------------------

def crashing_program() -> Program:
    return Program("p001", "def label_spam(text):\n    return 1 if text[0] == 's' else -1\n",
                   "label_spam")


def test_repair_sends_the_error_and_failing_inputs_and_rechecks():
    provider = ScriptedProvider([FIXED], repeat_last=True)
    executor = InProcessExecutor()
    fixed = repair(crashing_program(), ["", "x" * 1000], provider, TASK,
                   error="IndexError: string index out of range", new_id="p007",
                   executor=executor)
    assert fixed is not None and fixed.id == "p007"
    assert fixed.provenance["repair_of"] == "p001" and fixed.provenance["strategy"] == "repair"
    prompt = provider.calls[0][0][1]["content"]
    assert "IndexError: string index out of range" in prompt
    assert "text[0] == 's'" in prompt and "- ''" in prompt and "..." in prompt
    assert executor.runs == [(["p007"], 2)]


@pytest.mark.parametrize("answer", [CRASHES, "I cannot fix this.", fenced("    return 'maybe'")])
def test_repair_gives_none_when_the_answer_is_unchanged_unusable_or_still_failing(answer):
    still_failing = fenced("    return 1 if text[-1] == 'w' else -1")
    for text in (answer, still_failing):
        fixed = repair(crashing_program(), [""], ScriptedProvider([text], repeat_last=True), TASK,
                       executor=InProcessExecutor())
        assert fixed is None


# --- supplementary -------------------------------------------------------------------------

SUPPLEMENTARY_ANSWERS = [
    "Short comments under music videos.\nMany are spam.",
    "**HAM**: a genuine reaction to the song\n- SPAM: an advertisement\nOTHER: ignored",
    "```\n1. spam: subscribe, \"check out\", my channel, free\nHam: love, song\n```",
    "Here are rules:\n- Comments asking to subscribe are SPAM.\n- ok\n* Links are usually spam."
    "\n- Comments asking to subscribe are SPAM.",
]


def test_generate_supplementary_parses_loose_answers_and_records_calls():
    provider = ScriptedProvider(SUPPLEMENTARY_ANSWERS, repeat_last=True)
    draft = generate_supplementary(TASK, provider, seed=5)
    sup = draft.supplementary
    assert sup.dataset_description == "Short comments under music videos. Many are spam."
    assert draft.class_descriptions == {"HAM": "a genuine reaction to the song",
                                        "SPAM": "an advertisement"}
    assert sup.keywords == {"SPAM": ["subscribe", "check out", "my channel", "free"],
                            "HAM": ["love", "song"]}
    assert sup.rules == ("Comments asking to subscribe are SPAM.", "Links are usually spam.")
    assert [p.seed for _, p in provider.calls] == [5, 6, 7, 8]
    assert set(draft.provenance["calls"]) == {"dataset_description", "class_descriptions",
                                              "keywords", "rules"}
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
    task = task_from_dict({**TASK.to_dict(), "classes": [
        {"id": 0, "name": "HAM", "description": "mine"}, {"id": 1, "name": "SPAM"}],
        "supplementary": {"rules": ["my rule"]}})
    draft = generate_supplementary(task, ScriptedProvider(SUPPLEMENTARY_ANSWERS, repeat_last=True))
    applied = draft.apply(task)
    assert applied.classes == (LabelClass(0, "HAM", "mine"),
                               LabelClass(1, "SPAM", "an advertisement"))
    assert applied.supplementary.rules == ("my rule",)
    assert applied.supplementary.keywords["HAM"] == ["love", "song"]
    assert applied.supplementary.dataset_description.startswith("Short comments")


# --- improve -------------------------------------------------------------------------------

def test_improve_gates_repairs_and_regenerates_until_the_target(tmp_path):
    # Call order: round 1 asks for 3 programs in up to 6 calls and stops once it has 3
    # distinct valid ones; then the crashing one is repaired; round 2 asks for the shortfall.
    provider = ScriptedProvider([CONSTANT, "garbage", SUBSCRIBE, CRASHES, FIXED, NICE, MY_PAGE],
                                repeat_last=True)
    store = ProgramStore(tmp_path / "programs")
    executor = InProcessExecutor()
    events = []
    result = improve(TASK, provider, executor, ITEMS, store=store, target=3, gold=GOLD,
                     max_llm_calls=10, progress=events.append, seed=100)
    assert result.reached_target and result.rounds == 2
    assert [p.source.count("\n") > 0 for p in result.programs] == [True] * 3
    kept_ids = [p.id for p in result.programs]
    assert result.n_llm_calls == len(provider.calls) == 6 and result.n_repairs == 1
    assert result.dropped["p001"].startswith("constant output")
    assert result.dropped["p003"] == "replaced by its repair p004"
    assert kept_ids == ["p002", "p004", "p005"]
    assert result.matrix.program_ids == kept_ids and result.matrix.shape == (10, 3)
    assert result.diagnostics.ids == kept_ids
    assert result.failures[0]["reason"].startswith("no function")
    assert [p.seed for _, p in provider.calls] == list(range(100, 106))  # one seed per call
    # Every candidate was written once; only the kept ones are enabled.
    on_disk = {p.id: p for p in store.load(include_disabled=True)}
    assert sorted(on_disk) == ["p001", "p002", "p003", "p004", "p005"]
    assert [p.id for p in store.load()] == kept_ids
    assert on_disk["p001"].provenance["dropped"].startswith("constant output")
    assert on_disk["p004"].provenance["repair_of"] == "p003"
    assert [e["kept"] for e in events if e["stage"] == "gate"] == [2, 3]
    assert [e["attempt"] for e in events if e["stage"] == "synthesis"] == [1, 2, 3, 4, 1]
    summary = json.loads(json.dumps(result.to_dict()))
    assert summary["kept"] == kept_ids and summary["n_llm_calls"] == 6
    assert summary["dropped"]["p003"] == "replaced by its repair p004"


def test_improve_respects_the_llm_call_cap():
    provider = ScriptedProvider([CONSTANT, "garbage"], repeat_last=True)
    result = improve(TASK, provider, InProcessExecutor(), ITEMS, target=4, max_llm_calls=5)
    assert len(provider.calls) == 5 and result.n_llm_calls == 5
    assert not result.reached_target and result.programs == []
    assert result.matrix.shape == (10, 0)


def test_improve_stops_when_the_provider_budget_refuses():
    provider = ScriptedProvider([SUBSCRIBE, CONSTANT], budget=3, repeat_last=True)
    result = improve(TASK, provider, InProcessExecutor(), ITEMS, target=3, max_llm_calls=50)
    assert len(provider.calls) == 3 and [p.id for p in result.programs] == ["p001"]


def test_improve_with_enough_hand_written_programs_calls_no_model(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(Program("p001", "def label_spam(text):\n    return 1 if 'my' in text else -1\n",
                      "label_spam"))
    (tmp_path / "mine.py").write_text(
        "def label_spam(text):\n    return 0 if 'song' in text or 'so' in text else -1\n")
    provider = ScriptedProvider([SUBSCRIBE], repeat_last=True)
    result = improve(TASK, provider, InProcessExecutor(), ITEMS, store=store, target=2,
                     initial=store.load())
    assert provider.calls == [] and [p.id for p in result.programs] == ["mine", "p001"]
    # One short of the target: only the shortfall is generated, numbered after the store.
    store.set_enabled("mine", False)
    result = improve(TASK, provider, InProcessExecutor(), ITEMS, store=store, target=2,
                     initial=store.load())
    assert len(provider.calls) == 1 and [p.id for p in result.programs] == ["p001", "p002"]


def test_improve_judges_hand_edits_like_generated_programs(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(Program("p001", "def label_spam(text):\n    return 1\n", "label_spam"))
    provider = ScriptedProvider([SUBSCRIBE], repeat_last=True)
    result = improve(TASK, provider, InProcessExecutor(), ITEMS, store=store, target=1,
                     initial=store.load())
    assert result.dropped["p001"].startswith("constant output")
    assert [p.id for p in result.programs] == ["p002"]
    meta = json.loads((tmp_path / "p002.json").read_text())
    assert meta["enabled"] is True and meta["provenance"]["model"] == "scripted"


def test_improve_rechecks_initial_programs_against_the_class_schema(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(Program("p001", "def label_spam(text):\n    if 'x' in text:\n        return 2\n"
                      "    return -1\n", "label_spam"))
    store.add(Program("p002", "def classify(text):\n    return 1\n", "label_spam"))
    executor = InProcessExecutor()
    result = improve(TASK, ScriptedProvider([SUBSCRIBE], repeat_last=True), executor, ITEMS,
                     target=1, initial=store.load())
    assert result.dropped["p001"].startswith("invalid for this task: returns 2, which is not")
    assert result.dropped["p002"].startswith("invalid for this task: no top-level function")
    assert executor.runs[0] == (["p003"], 10)  # the invalid ones never ran


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
    for text, message in [("- a list\n", "is a mapping with 'class_descriptions'"),
                          ("class_descriptions: [1, 2]\n", "is a mapping"),
                          ("a: [unclosed\n", "cannot parse the supplementary file")]:
        path.write_text(text)
        with pytest.raises(TaskError, match=message) as info:
            GeneratedSupplementary.load(path, TASK)
        assert "\n" not in str(info.value) and str(path) in str(info.value)
