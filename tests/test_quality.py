from __future__ import annotations

import json

import numpy as np
import pytest

from alchemist.diagnostics import diagnose
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program, ProgramStore
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.gate import GATES, ProgramGate
from alchemist.synthesis.oneshot import default_strategies
from alchemist.synthesis.quality import gate, improve, repair
from alchemist.synthesis.quality_settings import ImproveSettings
from alchemist.task import task_from_dict

from .conftest import ScriptedProvider

LOOP = GATES["loop"] or ProgramGate()  # the quality loop's gate

TASK = task_from_dict(
    {
        "name": "spam",
        "description": "Decide whether a comment is spam.",
        "function_name": "label_spam",
        "classes": [{"id": 0, "name": "HAM"}, {"id": 1, "name": "SPAM"}],
    }
)
ITEMS = [
    "subscribe to my channel",
    "love this song",
    "check out my page",
    "great video",
    "free money at my site",
    "beautiful voice",
    "subscribe now",
    "so good",
    "",
    "wow",
]
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
FIXED = fenced(
    "    words = text.split()\n    return 1 if len(words) > 2 and words[2] == 'my' else -1"
)


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
    L = matrix(
        {
            "good": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
            "rare": [1, -1, -1, -1, -1, -1, -1, -1, -1, -1],  # 10% coverage: kept
            "never": [-1] * 10,
            "const": [1] * 10,
            "broken": [1, 0, -1, -1, -1, -1, -1, -1, -1, -1],
            "twin": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
            "wrong": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
        },
        errors={"broken": [0, 0, 1, 1, 2, 0, 0, 0, 0, 0]},
    )
    d = diagnose(L, 2, gold=GOLD)
    kept, dropped = gate(d, L, LOOP.with_settings(min_accuracy=0.5))
    assert kept == ["good", "rare"]
    assert dropped["never"].startswith("constant output (abstain")
    assert dropped["const"].startswith("constant output (class 1")
    assert dropped["broken"].startswith("errors or timeouts on 30%")
    assert dropped["twin"].startswith("near-duplicate of good")
    assert dropped["wrong"].startswith("accuracy 10.0% on 10 gold votes below 50%")


def test_gate_checks_can_be_turned_off_or_tightened():
    L = matrix(
        {
            "a": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
            "b": [1, 0, 1, 0, -1, -1, -1, -1, -1, -1],
            "c": [1] * 10,
            "d": [1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
        }
    )
    d = diagnose(L, 2)
    loose = ProgramGate(drop_constant=False, near_duplicate_agreement=None, min_coverage=0.0)
    assert gate(d, L, loose) == (["a", "b", "c", "d"], {})
    kept, dropped = gate(d, L, LOOP.with_settings(min_coverage=0.3))
    assert kept == ["a"] and dropped["d"] == "coverage 10.0% below 30%"
    # Without gold votes enough, the accuracy gate does not judge.
    assert gate(d, L, LOOP.with_settings(min_accuracy=0.99))[0] == ["a", "d"]


def test_the_gate_validates_its_settings():
    with pytest.raises(ValueError, match="min_coverage must be in"):
        ProgramGate(min_coverage=10)
    with pytest.raises(TypeError):
        ProgramGate(0.2)  # keyword-only


# --- repair --------------------------------------------------------------------------------


def crashing_program() -> Program:
    return Program(
        "p001", "def label_spam(text):\n    return 1 if text[0] == 's' else -1\n", "label_spam"
    )


def test_repair_sends_the_error_and_failing_inputs_and_rechecks():
    provider = ScriptedProvider([FIXED], repeat_last=True)
    executor = InProcessExecutor()
    fixed = repair(
        crashing_program(),
        ["", "x" * 1000],
        provider,
        TASK,
        error="IndexError: string index out of range",
        new_id="p007",
        executor=executor,
    )
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
        fixed = repair(
            crashing_program(),
            [""],
            ScriptedProvider([text], repeat_last=True),
            TASK,
            executor=InProcessExecutor(),
        )
        assert fixed is None


# --- improve -------------------------------------------------------------------------------


def test_improve_gates_repairs_and_regenerates_until_the_target(tmp_path):
    # Call order: round 1 asks for 3 programs in up to 6 calls and stops once it has 3
    # distinct valid ones; then the crashing one is repaired; round 2 asks for the shortfall.
    provider = ScriptedProvider(
        [CONSTANT, "garbage", SUBSCRIBE, CRASHES, FIXED, NICE, MY_PAGE], repeat_last=True
    )
    store = ProgramStore(tmp_path / "programs")
    executor = InProcessExecutor()
    events = []
    result = improve(
        TASK,
        provider,
        executor,
        Rows(dev_items=ITEMS, dev_gold=GOLD),
        ImproveSettings(target=3, max_llm_calls=10, asking=Asking(seed=100)),
        store=store,
        progress=events.append,
    )
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
    asked = {p.provenance["strategy"] for i, p in on_disk.items() if i != "p004"}
    assert asked <= set(default_strategies("text")) and len(asked) > 1  # a text task's, in turn
    assert [e["kept"] for e in events if e["stage"] == "gate"] == [2, 3]
    assert [e["attempt"] for e in events if e["stage"] == "synthesis"] == [1, 2, 3, 4, 1]
    summary = json.loads(json.dumps(result.to_dict()))
    assert summary["kept"] == kept_ids and summary["n_llm_calls"] == 6
    assert summary["dropped"]["p003"] == "replaced by its repair p004"


def test_improve_respects_the_llm_call_cap():
    provider = ScriptedProvider([CONSTANT, "garbage"], repeat_last=True)
    result = improve(
        TASK, provider, InProcessExecutor(), ITEMS, ImproveSettings(target=4, max_llm_calls=5)
    )
    assert len(provider.calls) == 5 and result.n_llm_calls == 5
    assert not result.reached_target and result.programs == []
    assert result.matrix.shape == (10, 0)


def test_improve_stops_when_the_provider_budget_refuses():
    provider = ScriptedProvider([SUBSCRIBE, CONSTANT], budget=3, repeat_last=True)
    result = improve(
        TASK, provider, InProcessExecutor(), ITEMS, ImproveSettings(target=3, max_llm_calls=50)
    )
    assert len(provider.calls) == 3 and [p.id for p in result.programs] == ["p001"]


def test_improve_with_enough_hand_written_programs_calls_no_model(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(
        Program(
            "p001", "def label_spam(text):\n    return 1 if 'my' in text else -1\n", "label_spam"
        )
    )
    (tmp_path / "mine.py").write_text(
        "def label_spam(text):\n    return 0 if 'song' in text or 'so' in text else -1\n"
    )
    provider = ScriptedProvider([SUBSCRIBE], repeat_last=True)
    result = improve(
        TASK,
        provider,
        InProcessExecutor(),
        ITEMS,
        ImproveSettings(target=2),
        store=store,
        initial=store.load(),
    )
    assert provider.calls == [] and [p.id for p in result.programs] == ["mine", "p001"]
    # One short of the target: only the shortfall is generated, numbered after the store.
    store.set_enabled("mine", False)
    result = improve(
        TASK,
        provider,
        InProcessExecutor(),
        ITEMS,
        ImproveSettings(target=2),
        store=store,
        initial=store.load(),
    )
    assert len(provider.calls) == 1 and [p.id for p in result.programs] == ["p001", "p002"]


def test_improve_judges_hand_edits_like_generated_programs(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(Program("p001", "def label_spam(text):\n    return 1\n", "label_spam"))
    provider = ScriptedProvider([SUBSCRIBE], repeat_last=True)
    result = improve(
        TASK,
        provider,
        InProcessExecutor(),
        ITEMS,
        ImproveSettings(target=1),
        store=store,
        initial=store.load(),
    )
    assert result.dropped["p001"].startswith("constant output")
    assert [p.id for p in result.programs] == ["p002"]
    meta = json.loads((tmp_path / "p002.json").read_text())
    assert meta["enabled"] is True and meta["provenance"]["model"] == "scripted"


def test_improve_rechecks_initial_programs_against_the_class_schema(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(
        Program(
            "p001",
            "def label_spam(text):\n    if 'x' in text:\n        return 2\n    return -1\n",
            "label_spam",
        )
    )
    store.add(Program("p002", "def classify(text):\n    return 1\n", "label_spam"))
    executor = InProcessExecutor()
    result = improve(
        TASK,
        ScriptedProvider([SUBSCRIBE], repeat_last=True),
        executor,
        ITEMS,
        ImproveSettings(target=1),
        initial=store.load(),
    )
    assert result.dropped["p001"].startswith("invalid for this task: returns 2, which is not")
    assert result.dropped["p002"].startswith("invalid for this task: no top-level function")
    assert executor.runs[0] == (["p003"], 10)  # the invalid ones never ran


def test_improve_judges_on_the_items_then_the_labeled_dev_items():
    """The gate sees both; only the dev rows carry gold, which the accuracy check reads."""
    executor = InProcessExecutor()
    provider = ScriptedProvider([SUBSCRIBE], repeat_last=True)
    rows = Rows(ITEMS[:4], ITEMS, GOLD)
    result = improve(TASK, provider, executor, rows, ImproveSettings(target=1))
    assert executor.runs[0] == (["p001"], 14) and result.matrix.shape == (14, 1)
    with pytest.raises(ValueError, match="one class index per dev item"):
        Rows(ITEMS, ITEMS[:3], GOLD)
