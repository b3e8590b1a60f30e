"""Program synthesis: prompt a language model, pull a labeling function out of its answer,
validate it, and keep it with its provenance.

The prompt follows the paper's template: supplementary information first (dataset and class
descriptions, keywords, labeled exemplars, rules), then the task description, the labeling
instruction (return a class id, or -1 to abstain) and the function signature. Several prompt
strategies (``prompts/strategies.yaml``) are pooled for diversity, and every call gets its own
seed (``seed + attempt``) so that a re-run with the same seed asks the same questions.

Answers are cleaned and checked by ``alchemist.synthesis.extract`` (what can be repaired without
guessing is repaired and noted in the program's provenance, ``fixes``); an answer that gives no
usable program is recorded as a failure with a one-line reason and skipped. Nothing the model
writes is ever executed here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from alchemist import prompts
from alchemist.errors import BudgetExceeded, SynthesisError
from alchemist.llm.base import Completion, Message, Provider, SamplingParams
from alchemist.programs import Program, ProgramStore
from alchemist.synthesis.asking import STRATEGIES, Asking, default_strategies
from alchemist.synthesis.extract import clean_answer, code_shape
from alchemist.task import Supplementary, Task

# Progress events of the synthesis stages and the pipeline: one dict per event (the CLI draws bars).
Progress = Callable[[dict[str, Any]], None]
_ASKING = Asking()


@dataclass
class SynthesisResult:
    """Programs obtained, and what went wrong with the other answers."""

    programs: list[Program] = field(default_factory=list)
    # One dict per discarded answer: attempt, strategy, seed, reason, raw (the model's text).
    failures: list[dict[str, Any]] = field(default_factory=list)
    n_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    budget_reached: bool = False  # the provider refused a call for its spending cap
    model: str = ""  # the model asked

    @property
    def validity_rate(self) -> float:
        """Fraction of model calls that gave a usable program."""
        return len(self.programs) / self.n_calls if self.n_calls else 0.0

    def raise_if_empty(self) -> SynthesisResult:
        """Raise ``SynthesisError`` when no usable program came back at all; else the result.

        The generators return what they got, an empty result included (a run tops up its
        programs and reports the answers it refused); a caller that cannot go on without a
        program calls this, like ``httpx.Response.raise_for_status``.
        """
        if not self.programs:
            raise SynthesisError(
                f"None of {self.n_calls} answers of {self.model!r} gave a usable program "
                f"(most common problem: {_most_common_reason(self.failures)}). Try a larger "
                "model, more attempts, or another prompt strategy."
            )
        return self


def build_messages(
    task: Task, *, strategy: str = "default", supplementary: Supplementary | None = None
) -> list[Message]:
    """The chat messages asking for one labeling program.

    ``supplementary`` replaces the task's own supplementary information when given. Class
    descriptions from the task are part of the supplementary block, which comes first.
    """
    if strategy not in STRATEGIES:
        raise ValueError(
            f"Unknown prompt strategy {strategy!r}; expected one of "
            f"{list(STRATEGIES)} (see alchemist/prompts/strategies.yaml)."
        )
    hint = prompts.table("strategies")[strategy] or ""
    user = prompts.render(
        "program",
        supplementary=_supplementary_block(task, supplementary or task.supplementary),
        description=task.description,
        input_description=_input_description(task),
        strategy=f"{hint.strip()}\n" if hint.strip() else "",
        class_lines="\n".join(f"{c.id} = {c.name}" for c in task.classes),
        signature=task.signature,
    )
    return [
        {"role": "system", "content": prompts.render("system")},
        {"role": "user", "content": user},
    ]


def synthesize(
    task: Task,
    provider: Provider,
    *,
    n: int = 10,
    asking: Asking = _ASKING,
    max_attempts: int | None = None,
    store: ProgramStore | None = None,
    known: Sequence[Program] = (),
    progress: Progress | None = None,
) -> SynthesisResult:
    """Ask ``provider`` for programs until ``n`` distinct valid ones are obtained or
    ``max_attempts`` calls (default ``2 * n``) are spent.

    Attempt ``i`` is call ``i`` of ``asking`` (its seed, strategy and temperature in turn), and
    the programs are numbered as ``asking`` says; with a ``store`` each program is added to it
    the moment it is obtained, so a run killed midway keeps every program it paid for. An answer
    whose code equals (up to comments and layout) one of ``known`` or an earlier answer is a
    failure ("duplicate of ..."). ``progress`` receives a dict after every call.

    An empty result is returned as any other: ``SynthesisResult.raise_if_empty`` raises.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1; got {n}.")
    if asking.focus:
        raise ValueError(
            "synthesize asks with the task's own prompt; per-column prompts (focus) are for "
            "search and synthesize_per_attribute."
        )
    strategies = asking.strategies_for(task)
    attempts = 2 * n if max_attempts is None else max_attempts
    number = asking.first_number(store)
    seen = {key: p.id for p in known if (key := code_shape(p.source)) is not None}
    result = SynthesisResult(model=provider.model)
    for i in range(attempts):
        if len(result.programs) >= n:
            break
        strategy = strategies[i % len(strategies)]
        call_params = asking.params_for(i)
        messages = build_messages(task, strategy=strategy, supplementary=asking.supplementary)
        record = {"attempt": i, "strategy": strategy, "seed": call_params.seed, "raw": ""}
        try:
            completion = provider.complete(messages, call_params)
        except BudgetExceeded as exc:
            result.failures.append({**record, "reason": f"budget reached: {exc}"})
            result.budget_reached = True
            break
        _count(result, completion)
        try:
            source, fixes = clean_answer(completion.text, task)
            key = code_shape(source)
            if key is not None and key in seen:
                raise SynthesisError(f"duplicate of {seen[key]}", program_id=seen[key])
        except SynthesisError as exc:
            result.failures.append({**record, "raw": completion.text, "reason": str(exc)})
        else:
            program = Program(
                id=asking.program_id(number),
                source=source,
                function_name=task.function_name,
                provenance=provenance(
                    completion, messages, call_params, strategy=strategy, fixes=fixes
                ),
            )
            number += 1
            if key is not None:
                seen[key] = program.id
            result.programs.append(program)
            if store is not None:
                store.add(program)
        if progress is not None:
            ok = not result.failures or result.failures[-1]["attempt"] != i
            progress(
                {
                    "stage": "synthesis",
                    "attempt": i + 1,
                    "max_attempts": attempts,
                    "kept": len(result.programs),
                    "target": n,
                    "ok": ok,
                    "strategy": strategy,
                    "tokens_per_second": completion.tokens_per_second,
                }
            )
    return result


def _supplementary_block(task: Task, sup: Supplementary) -> str:
    """The background section placed before the task; empty when there is nothing to say."""
    parts = []
    if sup.dataset_description:
        parts.append(f"Dataset: {sup.dataset_description}")
    described = [c for c in task.classes if c.description]
    if described:
        parts.append("Classes:\n" + "\n".join(f"- {c.name}: {c.description}" for c in described))
    if sup.keywords:
        parts.append(
            "Keywords often seen in each class:\n"
            + "\n".join(f"- {name}: {', '.join(words)}" for name, words in sup.keywords.items())
        )
    if sup.exemplars:
        ids = {c.name: c.id for c in task.classes}
        parts.append(
            "Labeled examples:\n"
            + "\n".join(f"- {shown(e.input)} -> {ids[e.label]} ({e.label})" for e in sup.exemplars)
        )
    if sup.rules:
        parts.append("Labeling rules:\n" + "\n".join(f"- {r}" for r in sup.rules))
    return "Background information:\n" + "\n".join(parts) + "\n\n" if parts else ""


def _input_description(task: Task) -> str:
    if task.takes_text:
        return "one input, given as the string `text`"
    if task.takes_scores or task.takes_raw:
        return task.input_description()
    return f"one input, given as a dict `row` with the keys {list(task.input_fields)}"


def clip_text(value: Any, limit: int = 300) -> Any:
    """A string cut to ``limit`` characters (with "..."), for prompts and records; others as is."""
    return value[:limit] + "..." if isinstance(value, str) and len(value) > limit else value


def shown(value: Any, limit: int = 300) -> str:
    """An input as a prompt shows it: a string's ``repr`` cut to ``limit`` characters; a list
    of numbers (a series) or nested lists of them (an image) by shape, range and first values,
    since whole they would fill the model's context (one 32 x 32 image: ~7,000 tokens);
    anything else (a table row) by its ``repr``."""
    if isinstance(value, str):
        return repr(clip_text(value, limit))
    shape, numbers = _shape(value)
    if not shape or not numbers:
        return repr(value)
    low, high = min(numbers), max(numbers)
    if len(shape) == 1:
        first: list[str] = []
        size = 0
        for x in numbers:
            size += len(f"{x:.4g}") + 2
            if size > limit // 2 or len(first) == 32:
                break
            first.append(f"{x:.4g}")
        more = ", ..." if len(first) < len(numbers) else ""
        return (
            f"a list of {len(numbers)} numbers from {low:.4g} to {high:.4g}: "
            f"[{', '.join(first)}{more}]"
        )
    return (
        f"nested lists of shape {' x '.join(map(str, shape))}, numbers from {low:.4g} to {high:.4g}"
    )


def _shape(value: Any) -> tuple[list[int], list[float]]:
    """The shape of a (regular) nested list of numbers and its numbers; ([], []) otherwise."""
    if isinstance(value, bool) or not isinstance(value, list) or not value:
        return [], []
    if all(isinstance(x, int | float) and not isinstance(x, bool) for x in value):
        return [len(value)], [float(x) for x in value]
    parts = [_shape(x) for x in value]
    if any(not p[0] or p[0] != parts[0][0] for p in parts):
        return [], []
    return [len(value), *parts[0][0]], [x for p in parts for x in p[1]]


def _count(result: SynthesisResult, completion: Completion) -> None:
    result.n_calls += 1
    result.input_tokens += completion.input_tokens
    result.output_tokens += completion.output_tokens
    result.seconds += completion.seconds


def provenance(
    completion: Completion,
    messages: list[Message],
    params: SamplingParams,
    *,
    strategy: str,
    fixes: list[str],
) -> dict[str, Any]:
    """What a program's ``.json`` records about the call that wrote it."""
    return {
        "author": "llm",
        "provider": completion.provider,
        "model": completion.model,
        "strategy": strategy,
        "messages": messages,
        "params": params.to_dict(),
        "input_tokens": completion.input_tokens,
        "output_tokens": completion.output_tokens,
        "seconds": round(completion.seconds, 3),
        "cached": completion.cached,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "finish_reason": completion.extra.get("finish_reason"),
        "fixes": fixes,
        "response": completion.text,
    }


def _most_common_reason(failures: list[dict[str, Any]]) -> str:
    reasons = [f["reason"].split(" (")[0] for f in failures]
    return max(set(reasons), key=reasons.count) if reasons else "no answer"


__all__ = [
    "STRATEGIES",
    "Asking",
    "SynthesisResult",
    "build_messages",
    "clip_text",
    "default_strategies",
    "shown",
    "provenance",
    "synthesize",
]
