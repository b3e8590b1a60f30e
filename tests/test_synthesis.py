from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from alchemist.errors import SynthesisError
from alchemist.llm.base import SamplingParams
from alchemist.programs import Program, ProgramStore, next_number, signature_problem
from alchemist.run.settings import RunConfig
from alchemist.synthesis.asking import Asking
from alchemist.synthesis.extract import extract_source
from alchemist.synthesis.oneshot import STRATEGIES, build_messages, default_strategies, synthesize
from alchemist.task import Exemplar, Supplementary, load_task, task_from_dict

from .conftest import ScriptedProvider

ROOT = Path(__file__).resolve().parents[1]
MODELS = Path.home() / ".cache" / "alchemist" / "models"

TASK = task_from_dict(
    {
        "name": "spam",
        "description": "Decide whether a comment is spam.",
        "function_name": "label_spam",
        "classes": [
            {"id": 0, "name": "HAM", "description": "a genuine comment"},
            {"id": 1, "name": "SPAM", "description": "advertising"},
        ],
    }
)


def load_function(source: str, name: str = "label_spam"):
    """Test-only: run the (test-written) source and return the labeling function."""
    namespace: dict = {}
    exec(compile(source, "<program>", "exec"), namespace)
    return namespace[name]


GOOD = """```python
def label_spam(text: str) -> int:
    if "subscribe" in text.lower():
        return 1
    return -1
```"""

GOOD_OTHER = """```python
def label_spam(text: str) -> int:
    if "love this song" in text.lower():
        return 0
    return -1
```"""


# --- prompts -------------------------------------------------------------------------------


def test_prompt_puts_supplementary_before_description_instruction_and_signature():
    sup = Supplementary(
        dataset_description="Comments under music videos.",
        keywords={"SPAM": ["subscribe", "my channel"]},
        exemplars=(Exemplar("check out my channel", "SPAM"),),
        rules=("Links are usually spam.",),
    )
    system, user = build_messages(TASK, supplementary=sup)
    assert system["role"] == "system" and user["role"] == "user"
    text = user["content"]
    order = [
        "Comments under music videos.",
        "SPAM: advertising",
        "subscribe, my channel",
        "'check out my channel' -> 1 (SPAM)",
        "Links are usually spam.",
        "Decide whether a comment is spam.",
        "0 = HAM",
        "1 = SPAM",
        "-1 (never 0 or None) to abstain",
        "def label_spam(text: str) -> int:",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_prompt_without_supplementary_has_no_background_block():
    bare = replace(TASK, classes=tuple(replace(c, description="") for c in TASK.classes))
    text = build_messages(bare)[1]["content"]
    assert "Background" not in text
    assert text.startswith("Task: Decide whether a comment is spam.")


def test_tabular_task_prompt_names_the_row_keys():
    task = replace(TASK, modality="tabular", input_fields=("age", "income"))
    text = build_messages(task)[1]["content"]
    assert "`row` with the keys ['age', 'income']" in text
    assert "def label_spam(row: dict) -> int:" in text


def test_each_strategy_asks_differently_and_unknown_strategy_is_refused():
    prompts = {s: build_messages(TASK, strategy=s)[1]["content"] for s in STRATEGIES}
    assert len(set(prompts.values())) == len(STRATEGIES) >= 4
    with pytest.raises(ValueError, match="Unknown prompt strategy 'poetic'"):
        build_messages(TASK, strategy="poetic")


def test_a_run_asks_tables_for_thresholds_and_values_and_text_for_words():
    table = replace(TASK, modality="tabular", input_fields=("age", "income"))
    config = RunConfig(data="rows.csv")
    assert config.strategies_for(TASK) == ("default", "keywords", "regex")
    asked = [build_messages(table, strategy=s)[1]["content"] for s in config.strategies_for(table)]
    assert len(asked) == 3 and "numeric fields" in asked[1] and "categorical fields" in asked[2]
    assert not any("regular expression" in a or "keywords" in a for a in asked)
    assert default_strategies("image") == ("default", "thresholds")
    named = RunConfig(data="rows.csv", strategies=("regex",))
    assert named.strategies_for(table) == ("regex",)
    assert RunConfig.from_dict(config.to_dict()).strategies is None
    assert RunConfig.from_dict(named.to_dict()).strategies == ("regex",)


def test_synthesize_records_garbage_and_duplicates_and_keeps_provenance():
    duplicate = GOOD.replace("    return -1", "    return -1  # same code, other comment")
    provider = ScriptedProvider(["no code here", GOOD, duplicate, GOOD_OTHER])
    events = []
    asking = Asking(seed=7, strategies=("default", "keywords"))
    result = synthesize(TASK, provider, n=2, asking=asking, progress=events.append)
    assert [p.id for p in result.programs] == ["p001", "p002"]
    assert [f["reason"].split(" (")[0] for f in result.failures] == [
        "no function 'label_spam' in the answer",
        "duplicate of p001",
    ]
    assert result.failures[0]["raw"] == "no code here"
    assert result.n_calls == 4 and result.validity_rate == 0.5
    # Every call got its own seed; strategies alternate.
    assert [params.seed for _, params in provider.calls] == [7, 8, 9, 10]
    first = result.programs[0].provenance
    assert first["strategy"] == "keywords" and first["params"]["seed"] == 8
    assert first["model"] == "scripted" and first["provider"] == "scripted"
    assert first["messages"] == build_messages(TASK, strategy="keywords")
    assert first["input_tokens"] == 100 and first["created"]
    assert [e["ok"] for e in events] == [False, True, False, True]
    for p in result.programs:
        assert signature_problem(p.source, "label_spam") is None


def test_synthesize_is_reproducible_for_a_seed():
    runs = []
    for _ in range(2):
        provider = ScriptedProvider([GOOD, GOOD_OTHER])
        synthesize(TASK, provider, n=2, asking=Asking(seed=3, temperatures=(0.4, 0.9)))
        runs.append([(m, p) for m, p in provider.calls])
    assert runs[0] == runs[1]
    assert [p.temperature for _, p in runs[0]] == [0.4, 0.9]


def test_synthesize_stops_at_max_attempts_and_an_empty_result_raises_when_asked():
    provider = ScriptedProvider(["nothing useful"])
    result = synthesize(TASK, provider, n=5, max_attempts=3)
    assert len(provider.calls) == 3 and not result.programs
    with pytest.raises(SynthesisError, match="None of 3 answers of 'scripted'"):
        result.raise_if_empty()
    kept = synthesize(TASK, ScriptedProvider([GOOD]), n=1)
    assert kept.raise_if_empty() is kept


def test_synthesize_uses_the_modality_strategies_unless_named():
    provider = ScriptedProvider(["nothing useful"])
    synthesize(TASK, provider, n=2)
    asked = [m[-1]["content"] for m, _ in provider.calls]
    assert asked == [
        build_messages(TASK, strategy=s)[-1]["content"]
        for s in ("default", "keywords", "regex", "default")
    ]
    with pytest.raises(ValueError, match="strategies must name"):
        Asking(strategies=("nonsense",))


def test_synthesize_defaults_to_twice_n_attempts():
    provider = ScriptedProvider(["nothing useful", GOOD])
    result = synthesize(TASK, provider, n=3)
    assert len(provider.calls) == 6 and len(result.programs) == 1  # later GOODs are duplicates


def test_synthesize_stops_when_the_budget_is_spent():
    provider = ScriptedProvider([GOOD, GOOD_OTHER], budget=1)
    result = synthesize(TASK, provider, n=2)
    assert len(result.programs) == 1 and result.failures[-1]["reason"].startswith("budget")


def extract(answer: str) -> str:
    return extract_source(answer, "label_spam")


def test_a_program_the_executor_would_reject_does_not_count_toward_n():
    uses_os = (
        "```python\nimport os\ndef label_spam(text):\n    return 1 if os.sep in text else -1\n```"
    )
    result = synthesize(TASK, ScriptedProvider([uses_os, GOOD]), n=1)
    assert result.n_calls == 2 and [p.source for p in result.programs] == [extract(GOOD)]
    assert result.failures[0]["reason"] == "the executor would reject it: imports os at line 1"


def test_synthesize_numbers_after_the_programs_in_a_store(tmp_path):
    store = ProgramStore(tmp_path)
    store.add(Program("p004", "def label_spam(text):\n    return -1\n", "label_spam"))
    result = synthesize(TASK, ScriptedProvider([GOOD, "no code", GOOD_OTHER]), n=2, store=store)
    assert [p.id for p in result.programs] == ["p005", "p006"]
    # Each program is stored as soon as it is obtained, with its provenance.
    assert [p.id for p in store.load()] == ["p004", "p005", "p006"]
    assert store.load()[1].provenance["model"] == "scripted"
    later = synthesize(TASK, ScriptedProvider([GOOD]), n=1, asking=Asking(id_prefix="q", start=7))
    assert [p.id for p in later.programs] == ["q007"]


def test_next_number_counts_only_ids_of_the_prefix():
    assert next_number(["p001", "p012", "q099", "p3x", "pp5"]) == 13
    assert next_number(["q002"], "q") == 3 and next_number([]) == 1


@pytest.mark.slow
def test_real_model_writes_programs_for_youtube():
    pytest.importorskip("xllamacpp")
    if not (MODELS / "qwen2.5-coder-0.5b.gguf").exists():
        pytest.skip("qwen2.5-coder-0.5b is not installed (alchemist model install)")
    from alchemist.llm.embedded import EmbeddedProvider

    task = load_task(ROOT / "examples" / "youtube.yaml")
    provider = EmbeddedProvider("qwen2.5-coder-0.5b", n_ctx=2048)
    params = SamplingParams(temperature=0.7, max_tokens=320, repeat_penalty=1.1)
    asking = Asking(params=params, strategies=("default", "keywords"))
    result = synthesize(task, provider, n=2, asking=asking, max_attempts=6)
    assert 1 <= len(result.programs) <= 2 and result.n_calls <= 6
    for program in result.programs:
        assert signature_problem(program.source, task.function_name) is None
        ast.parse(program.source)
        assert program.provenance["model"] == "qwen2.5-coder-0.5b"
        assert program.provenance["output_tokens"] > 0
    for failure in result.failures:
        assert failure["reason"] and "\n" not in failure["reason"]
