"""Pulling a labeling program out of a model's answer (``alchemist.synthesis.extract``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alchemist.errors import SynthesisError
from alchemist.synthesis.extract import clean_answer, extract_source, program_problem, same_code

from .test_synthesis import GOOD, TASK, load_function


def test_extracts_fenced_code_from_prose_and_drops_example_usage():
    answer = (
        "Sure! Here is a function that labels spam comments:\n\n"
        + GOOD
        + "\n\nExample usage:\n```python\nprint(label_spam('please subscribe'))\n```\n"
        "This returns 1 for spam."
    )
    source = extract_source(answer, "label_spam")
    assert "print" not in source and "Sure" not in source
    assert load_function(source)("Please SUBSCRIBE") == 1


def test_extracts_unfenced_code_and_keeps_only_used_constants():
    answer = """Here is the code.
import string

from .conftest import ScriptedProvider
from typing import List
SPAM_WORDS = ["subscribe", "check out"]
UNUSED = 5
def label_spam(text):
    t = text.lower()
    return 1 if any(w in t for w in SPAM_WORDS) else -1

text = "check out my channel"
result = label_spam(text)
print(result)
This function checks keywords.
"""
    source = extract_source(answer, "label_spam")
    assert "SPAM_WORDS = " in source
    assert "UNUSED" not in source and "result" not in source and 'text = "' not in source
    assert "import" not in source  # neither string nor typing is used
    fn = load_function(source)
    assert (fn("Check out this"), fn("nice song")) == (1, -1)


def test_adds_missing_standard_library_imports():
    answer = """```python
def label_spam(text):
    counts = Counter(text.split())
    if re.search(r"https?://", text) or counts["subscribe"]:
        return 1
    return -1
```"""
    source = extract_source(answer, "label_spam")
    assert source.startswith("from collections import Counter\nimport re\n")
    assert load_function(source)("see http://x.io") == 1


def test_keeps_helpers_and_the_last_definition_of_the_function():
    answer = '''```python
def has_link(text):
    return "http" in text

def label_spam(text):
    return 0

def label_spam(text):
    """Second version."""
    return 1 if has_link(text) else -1
```'''
    source = extract_source(answer, "label_spam")
    assert source.count("def label_spam") == 1 and "def has_link" in source
    assert load_function(source)("http://spam") == 1


def test_trims_an_answer_cut_off_after_the_function():
    answer = GOOD.replace("```", "") + "\n\nif __name__ == '__main__':\n    for c in ["
    source = extract_source(answer, "label_spam")
    assert "__main__" not in source
    assert load_function(source)("subscribe!") == 1


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("I'm sorry, I cannot write that function.", "no function 'label_spam'"),
        ("```python\ndef classify(text):\n    return 1\n```", "no function 'label_spam'"),
        ("```python\ndef label_spam(text, extra):\n    return 1\n```", "exactly one required"),
        ("```python\ndef label_spam(text):\n    words = ['a',\n", "syntax error"),
        (
            "```python\nimport nltk\n"
            "def label_spam(text):\n    return len(nltk.word_tokenize(text))\n```",
            "the executor would reject it: imports nltk",
        ),
    ],
)
def test_unusable_answers_raise_a_one_line_reason(answer, reason):
    with pytest.raises(SynthesisError, match=reason) as info:
        extract_source(answer, "label_spam")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "body, reason",
    [
        (
            "import os\n\ndef label_spam(text):\n    return 1 if os.sep in text else -1\n",
            "imports os",
        ),
        (
            "from typing import List\n\ndef label_spam(text: str) -> int:\n"
            "    words: List[str] = text.split()\n    return 1 if 'buy' in words else -1\n",
            "imports typing",
        ),
        (
            "def label_spam(text):\n    return 1 if open('/etc/passwd').read() else -1\n",
            "uses open",
        ),
    ],
)
def test_synthesis_applies_the_executors_static_check(body, reason):
    """Standard-library imports and builtins the executor refuses are refused here too, so they
    never become all-rejected columns that count as programs."""
    with pytest.raises(SynthesisError, match=f"the executor would reject it: {reason}"):
        clean_answer(f"```python\n{body}```", TASK)
    assert program_problem(body, TASK).startswith("the executor would reject it")


def test_returned_class_names_and_none_become_ids():
    answer = """```python
def label_spam(text):
    def shout(t):
        return None
    if "buy" in text:
        return "SPAM"
    if "love" in text:
        return 'ham'  # a class name in another case
    return None
```"""
    source, fixes = clean_answer(answer, TASK)
    fn = load_function(source)
    assert (fn("buy now"), fn("love it"), fn("meh")) == (1, 0, -1)
    assert "return None" in source  # the nested helper is left alone
    assert "# a class name in another case" in source
    assert any("rewrote 3 return" in f for f in fixes)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("return 2", "returns 2, which is not one of the class ids"),
        ("return True", "returns True"),
        ("return 'maybe'", "returns the string 'maybe'"),
    ],
)
def test_constants_outside_the_classes_are_refused(body, reason):
    with pytest.raises(SynthesisError, match=reason):
        clean_answer(f"```python\ndef label_spam(text):\n    {body}\n```", TASK)


words = st.lists(
    st.text("abcdefghij ", min_size=1, max_size=8).map(str.strip).filter(bool),
    min_size=1,
    max_size=4,
)


@settings(max_examples=50, deadline=None)
@given(
    words,
    st.sampled_from(["", "Here you go:\n", "Sure! This function works.\n\n"]),
    st.sampled_from(["", "\nHope this helps!", "\n\nExample:\nprint(label_spam('a'))"]),
    st.booleans(),
)
def test_wrapping_a_program_in_prose_and_fences_does_not_change_it(
    spam_words, before, after, fence
):
    program = (
        f"SPAM_WORDS = {spam_words!r}\n\n\ndef label_spam(text):\n"
        "    if any(w in text for w in SPAM_WORDS):\n        return 1\n    return -1\n"
    )
    body = f"```python\n{program}```" if fence else program
    assert same_code(extract_source(before + body + after, "label_spam"), program)


# --- synthesize ----------------------------------------------------------------------------


def test_a_function_that_can_end_without_returning_gets_a_final_abstain():
    answer = """```python
def label_spam(text):
    t = text.lower()
    if "buy" in t:
        return 1
    elif "love" in t:
        return 0
    # more rules here
```"""
    source, fixes = clean_answer(answer, TASK)
    fn = load_function(source)
    assert (fn("buy"), fn("love"), fn("meh")) == (1, 0, -1)
    assert source.rstrip().endswith("return -1") and any("final 'return -1'" in f for f in fixes)
    complete = (
        "```python\ndef label_spam(text):\n    if text:\n        return 1\n    else:\n"
        "        return -1\n```"
    )
    assert clean_answer(complete, TASK)[1] == []
