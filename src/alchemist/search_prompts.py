"""The prompts of ``alchemist.search``: a candidate prompt that shows real inputs, and a
refinement prompt that shows a program the dev rows it gets wrong."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alchemist import prompts
from alchemist.llm.base import Message
from alchemist.programs import Program
from alchemist.synthesis import build_messages, clip_text
from alchemist.task import Task


def data_aware_messages(
    task: Task, sample: Sequence[Any], *, strategy: str = "default", chars: int = 160
) -> list[Message]:
    """The program prompt with a sample of real (unlabeled) inputs placed before it."""
    messages = build_messages(task, strategy=strategy)
    if sample:
        shown = "\n".join(f"- {clip_text(item, chars)!r}" for item in sample)
        messages[-1] = {
            "role": "user",
            "content": "Some inputs from the data to label "
            f"(unlabeled):\n{shown}\n(They show the data's words and formats: "
            "write rules that generalise to inputs like them, not checks for these "
            f"exact texts.)\n\n{messages[-1]['content']}",
        }
    return messages


def refine_messages(
    task: Task, program: Program, wrong: Sequence[tuple[Any, int, int]], *, chars: int = 200
) -> list[Message]:
    """A prompt showing ``program`` the dev rows it gets wrong: (input, its vote, gold), votes
    and gold as class indices."""
    ids = task.class_ids

    def said(vote: int) -> str:
        return "-1 (abstain)" if vote < 0 else f"{ids[vote]} ({task.classes[vote].name})"

    examples = "\n".join(
        f"- {clip_text(x, chars)!r} -> returned {said(v)}; correct: "
        f"{ids[g]} ({task.classes[g].name})"
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


__all__ = ["data_aware_messages", "refine_messages"]
