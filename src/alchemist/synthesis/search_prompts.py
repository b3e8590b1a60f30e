"""The prompts of ``alchemist.synthesis.search``: a candidate prompt that shows real inputs, the
per-column prompts of tables, and a refinement prompt that shows a program the dev rows it gets
wrong."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from alchemist import prompts
from alchemist.llm.base import Message
from alchemist.programs import Program
from alchemist.synthesis.oneshot import build_messages, shown
from alchemist.task import Supplementary, Task


def data_aware_messages(
    task: Task,
    sample: Sequence[Any],
    *,
    strategy: str = "default",
    chars: int = 160,
    supplementary: Supplementary | None = None,
) -> list[Message]:
    """The program prompt with a sample of real (unlabeled) inputs placed before it;
    ``supplementary`` as in ``build_messages``."""
    messages = build_messages(task, strategy=strategy, supplementary=supplementary)
    if sample:
        listed = "\n".join(f"- {shown(item, chars)}" for item in sample)
        messages[-1] = {
            "role": "user",
            "content": "Some inputs from the data to label "
            f"(unlabeled):\n{listed}\n(They show the data's words and formats: "
            "write rules that generalise to inputs like them, not checks for these "
            f"exact texts.)\n\n{messages[-1]['content']}",
        }
    return messages


def value_summary(column: pd.Series, *, top: int = 12) -> str:
    """A one-line description of a column's values, for the prompt."""
    values = column.dropna()
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        q = values.quantile([0.0, 0.25, 0.5, 0.75, 1.0]).round(2).tolist()
        return f"numbers from {q[0]:g} to {q[4]:g} (quartiles {q[1]:g}, {q[2]:g}, {q[3]:g})"
    counts = values.astype(str).str.strip().value_counts()
    shown = ", ".join(repr(v) for v in counts.index[:top])
    more = f" and {len(counts) - top} more" if len(counts) > top else ""
    return f"text categories such as {shown}{more}"


def attribute_task(task: Task, attribute: str, column: pd.Series) -> Task:
    """``task`` as the prompt for ``attribute`` sees it: only that key of ``row``."""
    note = (
        f"Use only the attribute {attribute!r} (read it as row[{attribute!r}]); decide "
        f"from it alone, and abstain where it says little. Its values: "
        f"{value_summary(column)}."
    )
    return replace(task, input_fields=(attribute,), description=f"{task.description}\n{note}")


def other_attributes(source: str, attribute: str, fields: Sequence[str]) -> list[str]:
    """The other input columns a program's code names as string constants."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    return sorted(names & (set(fields) - {attribute}))


def column_prompts(task: Task, frame: pd.DataFrame, *, seed: int = 0) -> list[tuple[str, Task]]:
    """One prompt task per input column of a table, ``("column NAME", task)``, starting at a
    seeded column so that searches with other seeds begin elsewhere (the paper's per-attribute
    programs, Appendix D)."""
    fields = [f for f in task.input_fields if f in frame.columns]
    start = seed % len(fields) if fields else 0
    order = fields[start:] + fields[:start]
    return [(f"column {f}", attribute_task(task, f, frame[f])) for f in order]


def refine_messages(
    task: Task, program: Program, wrong: Sequence[tuple[Any, int, int]], *, chars: int = 200
) -> list[Message]:
    """A prompt showing ``program`` the dev rows it gets wrong: (input, its vote, gold), votes
    and gold as class indices."""
    ids = task.class_ids

    def said(vote: int) -> str:
        return "-1 (abstain)" if vote < 0 else f"{ids[vote]} ({task.classes[vote].name})"

    examples = "\n".join(
        f"- {shown(x, chars)} -> returned {said(v)}; correct: {ids[g]} ({task.classes[g].name})"
        for x, v, g in wrong
    )
    return [
        {"role": "system", "content": prompts.render("system")},
        {
            "role": "user",
            "content": prompts.render(
                "refine",
                description=task.description,
                source=program.source.strip(),
                examples=examples,
                signature=task.signature,
                class_ids=str(list(ids)),
            ),
        },
    ]


__all__ = [
    "attribute_task",
    "other_attributes",
    "column_prompts",
    "data_aware_messages",
    "refine_messages",
    "value_summary",
]
