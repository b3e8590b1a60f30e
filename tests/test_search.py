"""Program search: candidates from data-aware prompts, gating, refinement, selection."""

from __future__ import annotations

import json

import numpy as np
import pytest

from alchemist.programs import ProgramStore
from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.gate import ProgramGate
from alchemist.synthesis.search import SearchPolicy, search
from alchemist.synthesis.search_prompts import data_aware_messages, refine_messages
from alchemist.synthesis.search_ranking import accuracy_ceiling, class_shares, wilson_lower
from alchemist.task import task_from_dict

from .conftest import ScriptedProvider
from .test_quality import GOLD, ITEMS, TASK, InProcessExecutor, fenced

TRAIN = ITEMS * 3
SUBSCRIBE = fenced("    return 1 if 'subscribe' in text else -1")
NICE = fenced("    return 0 if any(w in text for w in ('love', 'good', 'great', 'wow')) else -1")
CONSTANT = fenced("    return 1")
CRASHES = fenced("    return 1 if text.split()[2] == 'my' else -1")
WRONG = fenced(
    "    return 0 if 'subscribe' in text or 'i' in text else 1"
)  # right on 4 of 10 dev rows: below chance, not reliably wrong
SWAPPED_IDS = fenced(
    "    return 0 if 'subscribe' in text or 'free' in text or 'check' in text else 1"
)  # wrong on all 10 dev rows: the class ids mixed up
MY = fenced("    return 1 if 'c' in text else -1")  # right on 3 of its 4 dev votes
MOSTLY_SPAM = fenced("    return 1 if text else -1")  # SPAM on 90% of the items
REFINED = fenced("    return 1 if 'subscribe' in text or 'my' in text or 'free' in text else 0")
ADDS = fenced(
    "    return 1 if 'free' in text or 'check' in text else (0 if 'voice' in text else -1)"
)  # right on the three dev rows the reference misses, silent elsewhere
# The reference's out-of-fold probability of each dev row's gold class: it misses 'check out my
# page' and 'free money at my site' (SPAM) and 'beautiful voice' (HAM), holds the rest.
REFERENCE = np.array([0.9, 0.9, 0.2, 0.9, 0.3, 0.4, 0.9, 0.9, 0.9, 0.9])


def test_wilson_lower_bound_penalises_few_votes():
    assert wilson_lower(9, 10) < wilson_lower(90, 100) < 0.9
    assert wilson_lower(0, 0) == 0.0
    assert 0 < wilson_lower(5, 10) < 0.5


def test_prompts_show_real_items_and_the_rows_a_program_gets_wrong():
    user = data_aware_messages(TASK, ["free money at my site", "x" * 500], chars=50)[-1]
    assert "free money at my site" in user["content"] and "x" * 51 not in user["content"]
    assert "def label_spam" in user["content"]  # the usual program prompt follows
    from alchemist.programs import Program

    program = Program("p001", "def label_spam(text):\n    return 1\n", "label_spam")
    text = refine_messages(TASK, program, [("love this song", 1, 0)])[-1]["content"]
    assert "love this song" in text and "returned 1 (SPAM)" in text
    assert "correct: 0 (HAM)" in text and "return 1" in text


def test_programs_that_add_to_what_the_labels_teach_rank_first():
    """NICE is right on four dev votes, ADDS on three: by accuracy NICE ranks first, but every
    row NICE is right on the reference already holds, and ADDS fixes all three it misses."""
    policy = SearchPolicy(n_programs=1, candidates=3, refinements=0, concurrency=1)

    def kept(rows: Rows) -> tuple[str, dict]:
        provider = ScriptedProvider([SUBSCRIBE, NICE, ADDS])
        result = search(TASK, provider, InProcessExecutor(), rows, policy=policy)
        record = {c["strategy"]: c for c in result.to_dict()["candidates"]}
        by_id = {c.program.id: c.program.source for c in result.candidates}
        return by_id[result.programs[0].id], record

    source, _ = kept(Rows(TRAIN, ITEMS, GOLD))
    assert "'love'" in source  # without the reference: the most accurate
    source, record = kept(Rows(TRAIN, ITEMS, GOLD, REFERENCE))
    assert "'free'" in source
    fixes = sorted((c["fixes"], c["breaks"], c["adds"] > 0) for c in record.values())
    assert fixes == [(0, 0, False), (0, 0, False), (3, 0, True)]
    with pytest.raises(ValueError, match="one probability per dev item"):
        Rows(TRAIN, ITEMS, GOLD, REFERENCE[:3])


def test_a_refinement_shows_first_the_wrong_rows_the_labels_alone_miss():
    """CW is wrong on 'beautiful voice' and 'wow'; a reference that misses 'wow' alone puts it
    first in the one example the prompt has room for."""
    cw = fenced("    return 1 if 'c' in text or 'w' in text else -1")
    policy = SearchPolicy(
        n_programs=2, candidates=2, refinements=1, concurrency=1, wrong_examples=1
    )
    misses_wow = np.where(np.arange(10) == 9, 0.1, 0.9)
    for reference, shown in ((None, "'beautiful voice'"), (misses_wow, "'wow'")):
        provider = ScriptedProvider([cw, NICE, CONSTANT])
        search(
            TASK, provider, InProcessExecutor(), Rows(TRAIN, ITEMS, GOLD, reference), policy=policy
        )
        prompt = provider.calls[2][0][-1]["content"]
        assert f"{shown} -> returned 1 (SPAM); correct: 0 (HAM)" in prompt
        assert prompt.count("-> returned") == 1


def test_prompts_show_series_and_images_by_shape_not_whole():
    """Whole, five 32 x 32 images fill ~35,000 tokens: far past the embedded model's context."""
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, (32, 32, 3)).tolist() for _ in range(5)]
    content = data_aware_messages(TASK, images, chars=160)[-1]["content"]
    assert content.count("nested lists of shape 32 x 32 x 3, numbers from") == 5
    assert len(content) < len(data_aware_messages(TASK, [])[-1]["content"]) + 1500
    series = [round(float(x), 3) for x in np.sin(np.arange(150) / 10)]
    from alchemist.programs import Program

    program = Program("p001", "def label_spam(text):\n    return 1\n", "label_spam")
    text = refine_messages(TASK, program, [(series, 1, 0)], chars=160)[-1]["content"]
    assert "a list of 150 numbers from -1 to 1: [0, 0.1, 0.199, 0.296," in text
    assert ", ...] -> returned 1 (SPAM)" in text and len(text) < 2000
    row = {"age": 39, "workclass": "State-gov"}  # table rows are shown whole, as before
    assert repr(row) in data_aware_messages(TASK, [row])[-1]["content"]


def test_search_gates_dead_programs_refines_and_keeps_the_best(tmp_path):
    provider = ScriptedProvider([SUBSCRIBE, CONSTANT, CRASHES, WRONG, MY, NICE, REFINED])
    events: list[dict] = []
    store = ProgramStore(tmp_path / "programs")
    policy = SearchPolicy(
        n_programs=2,
        candidates=6,
        refinements=1,
        concurrency=1,
        gate=ProgramGate(min_gold_votes=3),
        sample_items=3,
    )
    result = search(
        TASK,
        provider,
        InProcessExecutor(),
        Rows(TRAIN, ITEMS, GOLD),
        policy=policy,
        asking=Asking(strategies=("default", "keywords"), seed=7),
        store=store,
        progress=events.append,
    )
    assert result.n_llm_calls == len(provider.calls) == 7
    # Each call is reported as it settles, before its round ends: a slow model shows progress.
    calls = [(e["split"], e["done"], e["total"]) for e in events if e.get("unit") == "call"]
    assert calls == [("candidates", d, 6) for d in range(1, 7)] + [("refinements", 1, 1)]
    rounds = [e.get("round") or e["split"] for e in events]
    assert rounds.index("candidates") < rounds.index("refinements")
    by_source = {c.program.source.split("return ", 1)[1][:24]: c for c in result.candidates}
    verdicts = {c.program.id: c.dropped for c in result.candidates}
    assert sum(v is not None and "constant" in v for v in verdicts.values()) == 1
    assert sum(v is not None and "errors" in v for v in verdicts.values()) == 1
    assert sum(v is not None and "chance" in v for v in verdicts.values()) == 1
    # The refinement prompt showed MY, the one survivor that errs, its wrong dev row; the
    # answer joined the candidates.
    refine_prompt = provider.calls[6][0][-1]["content"]
    assert "'beautiful voice' -> returned 1 (SPAM); correct: 0 (HAM)" in refine_prompt
    assert any(c.program.provenance["search_round"] == "refine" for c in result.candidates)
    # Kept: two programs, best Wilson bound first, never a dropped one.
    assert len(result.programs) == 2
    by_id = {c.program.id: c for c in result.candidates}
    kept = [by_id[p.id] for p in result.programs]
    assert {c.program.id for c in result.candidates if c.dropped is None} == set(by_id) & {
        p.id for p in result.programs
    }
    assert kept[0].rank >= kept[1].rank
    assert all(
        c.rank <= kept[1].rank
        for c in result.candidates
        if c.dropped and c.dropped.startswith("not selected")
    )
    # Every candidate is on disk; only the kept ones enabled, the others say why.
    on_disk = store.load(include_disabled=True)
    assert len(on_disk) == len(result.candidates)
    assert {p.id for p in store.load()} == {p.id for p in result.programs}
    assert all(p.provenance.get("dropped") for p in on_disk if not p.enabled)
    # Seeds: call k used seed + k. One sample of 3 training items for the round, the strategy's
    # hint last: the candidate prompts share their whole head, up to the function signature.
    assert [params.seed for _, params in provider.calls[:6]] == list(range(7, 13))
    contents = [m[-1]["content"] for m, _ in provider.calls[:6]]
    heads = {c[: c.rindex("```\n") + 4] for c in contents}
    assert len(heads) == 1 and len(set(contents)) == 2
    assert heads.pop().split("(They show")[0].count("\n- ") == 3
    assert "keywords" in contents[1].rsplit("```\n", 1)[1]
    assert by_source  # the candidates' sources were recorded
    json.dumps(result.to_dict())  # the search.json record is JSON-ready
    assert set(result.check) >= {"kept_majority_vote_accuracy", "all_majority_vote_accuracy"}


def test_a_reliably_wrong_two_class_program_gets_a_twin_with_the_ids_swapped(tmp_path):
    provider = ScriptedProvider([SWAPPED_IDS, NICE])
    policy = SearchPolicy(n_programs=2, candidates=2, refinements=0, concurrency=1)
    store = ProgramStore(tmp_path / "programs")
    result = search(
        TASK,
        provider,
        InProcessExecutor(),
        Rows(TRAIN, ITEMS, GOLD),
        policy=policy,
        store=store,
    )
    assert result.n_llm_calls == 2  # the twin costs no call
    by_id = {c.program.id: c for c in result.candidates}
    assert by_id["p001"].dropped.endswith("swapped into p003")
    twin = by_id["p003"]
    assert twin.dev_accuracy == 1.0 and twin.dropped is None
    assert twin.program.provenance["strategy"] == "swapped:p001"
    assert "def _label_spam_as_written(text" in twin.program.source
    assert "def label_spam(text: str) -> int:" in twin.program.source
    assert [p.id for p in result.programs][0] == "p003"
    # The twin runs like any program: through the executor, from its source on disk.
    on_disk = {p.id: p for p in store.load()}
    votes = InProcessExecutor().run([on_disk["p003"]], ITEMS, TASK.class_ids).votes[:, 0]
    assert votes.tolist() == GOLD.tolist()


def test_no_twin_without_two_classes_or_without_dev():
    three = task_from_dict(
        {
            "name": "three",
            "description": "Three classes.",
            "classes": [{"id": 0, "name": "A"}, {"id": 1, "name": "B"}, {"id": 2, "name": "C"}],
        }
    )
    policy = SearchPolicy(n_programs=2, candidates=1, refinements=0, concurrency=1)
    gold = GOLD.copy()
    result = search(
        three,
        ScriptedProvider([SWAPPED_IDS.replace("label_spam", "label")]),
        InProcessExecutor(),
        Rows(TRAIN, ITEMS, gold),
        policy=policy,
    )
    assert [c.program.id for c in result.candidates] == ["p001"]
    alone = search(TASK, ScriptedProvider([SWAPPED_IDS]), InProcessExecutor(), TRAIN, policy=policy)
    assert [c.program.id for c in alone.candidates] == ["p001"]


def test_search_without_dev_keeps_first_survivors_and_never_refines():
    provider = ScriptedProvider([CONSTANT, SUBSCRIBE, NICE, MY])
    policy = SearchPolicy(n_programs=2, candidates=4, refinements=3, concurrency=2)
    result = search(TASK, provider, InProcessExecutor(), TRAIN, policy=policy)
    assert result.n_llm_calls == 4  # no refinement without gold rows
    # The constant is gated; of the three survivors the first two written are kept, as written.
    assert [p.id for p in result.programs] == ["p002", "p003"]
    assert [p.source for p in result.programs] == [
        answer.removeprefix("```python\n").removesuffix("```") for answer in (SUBSCRIBE, NICE)
    ]
    dropped = {c.program.id: c.dropped for c in result.candidates}
    assert "constant" in dropped["p001"] and "not selected" in dropped["p004"]
    assert not dropped["p002"] and not dropped["p003"]
    assert result.check == {}


def test_accuracy_ceiling_bounds_what_votes_can_score_given_the_class_shares():
    shares = np.array([0.75, 0.25])
    assert accuracy_ceiling(np.array([1] * 9 + [-1]), shares) == pytest.approx(0.25 * 10 / 9)
    assert accuracy_ceiling(np.array([1, -1, -1, -1, -1, -1, -1, -1]), shares) == 1.0
    assert accuracy_ceiling(np.array([0, 0, 0, 1]), shares) == pytest.approx(1.0)
    assert accuracy_ceiling(np.array([-1, -1]), shares) == 1.0
    gold = np.array([1, 1, 0, -1])
    assert class_shares(2, gold, (0.9, 0.1)) == pytest.approx([2 / 5, 3 / 5])  # dev first
    assert class_shares(2, None, (0.9, 0.1)) == pytest.approx([0.9, 0.1])
    assert class_shares(2, np.array([-1]), None) is None


def test_stated_class_shares_drop_programs_that_cannot_beat_chance_without_dev():
    # SPAM holds 30% of the items: a program voting SPAM on 90% of them is right on at most a
    # third of its votes. Without the shares nothing tells it apart, and it is kept.
    stated = task_from_dict(
        {
            **TASK.to_dict(),
            "classes": [
                {"id": 0, "name": "HAM", "share": 0.7},
                {"id": 1, "name": "SPAM", "share": 0.3},
            ],
        }
    )
    policy = SearchPolicy(n_programs=3, candidates=3, refinements=0, concurrency=1)
    kept = {}
    for task in (TASK, stated):
        provider = ScriptedProvider([MOSTLY_SPAM, SUBSCRIBE, NICE])
        result = search(task, provider, InProcessExecutor(), TRAIN, policy=policy)
        kept[task is stated] = [p.source for p in result.programs]
        verdicts = [c.dropped for c in result.candidates]
    assert len(kept[False]) == 3 and len(kept[True]) == 2
    assert all("if text else" not in source for source in kept[True])
    assert verdicts[0] is not None and "at most 33% of its votes" in verdicts[0]
    assert "70%, 30%" in verdicts[0]


def test_search_stops_at_the_budget_cap():
    provider = ScriptedProvider([SUBSCRIBE, NICE, MY], budget=2)
    result = search(
        TASK,
        provider,
        InProcessExecutor(),
        TRAIN,
        policy=SearchPolicy(candidates=3, refinements=0, concurrency=1),
    )
    assert result.n_llm_calls == 2
    assert any("budget" in f["reason"] for f in result.failures)


def test_policy_rejects_bad_settings():
    with pytest.raises(ValueError, match="candidates=0"):
        SearchPolicy(candidates=0)
    with pytest.raises(ValueError, match="min_coverage"):
        ProgramGate(min_coverage=2.0)
    assert SearchPolicy().budget == 16
    assert np.isfinite(wilson_lower(3, 4))


def test_the_run_gate_is_the_one_the_search_applies():
    """A run's gate settings reach the search (one gate for every generator): a coverage floor
    above MY's drops it with the gate's own reason, where the search's default keeps it."""
    from alchemist.run.settings import RunConfig

    def verdicts(config: RunConfig) -> dict[str, str | None]:
        policy = SearchPolicy(gate=config.gate(), candidates=2, refinements=0, concurrency=1)
        result = search(
            TASK, ScriptedProvider([SUBSCRIBE, MY]), InProcessExecutor(), TRAIN, policy=policy
        )
        return {c.program.source.split("return ")[1]: c.dropped for c in result.candidates}

    default = verdicts(RunConfig(data="x.csv"))
    assert list(default.values()) == [None, None]
    strict = verdicts(RunConfig(data="x.csv", min_coverage=0.5))
    assert all(
        v is not None and v.startswith("coverage ") and "below 50%" in v for v in strict.values()
    )
