"""What the command line draws: the library's log messages as plain lines, and progress bars
from the library's progress events (the library itself prints nothing)."""

from __future__ import annotations

import logging
import sys
from typing import Any


def show_log_messages() -> None:
    """The library's messages (the ``alchemist`` logger, INFO and up) as plain stderr lines."""
    root = logging.getLogger("alchemist")
    if not any(isinstance(h, _StderrLines) for h in root.handlers):
        root.addHandler(_StderrLines())
        root.setLevel(logging.INFO)


class _StderrLines(logging.Handler):
    """Each message as one line on the standard error stream of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        print(record.getMessage(), file=sys.stderr, flush=True)


class Bars:
    """Progress bars drawn from the library's progress events, one bar per stage and split."""

    def __init__(self) -> None:
        self.bars: dict[tuple[str, str], Any] = {}
        self.looping = False  # in the quality loop only the gate's verdicts move the bar

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for bar in self.bars.values():
            bar.close()

    def __call__(self, event: dict[str, Any]) -> None:
        stage = event["stage"]
        if stage in ("synthesis", "gate"):
            bar = self._bar(("programs", ""), event["target"], "programs", "program")
            self.looping = self.looping or stage == "gate"
            if stage == "gate" or not self.looping:
                bar.update(event["kept"] - bar.n)
            if stage == "gate":
                bar.set_postfix(llm_calls=event["llm_calls"], dropped=event["dropped"])
            else:
                bar.set_postfix(
                    attempt=f"{event['attempt']}/{event['max_attempts']}",
                    tok_s=f"{event['tokens_per_second']:.1f}",
                )
            return
        if "split" not in event:  # rerun's label_model, distill (its folds), ...
            return
        unit = event.get("unit") or ("call" if stage == "execute" else "item")
        bar = self._bar((stage, event["split"]), event["total"], f"{stage} {event['split']}", unit)
        bar.update(event["done"] - bar.n)
        if event["done"] >= event["total"]:
            bar.close()

    def _bar(self, key: tuple[str, str], total: int, desc: str, unit: str) -> Any:
        from tqdm import tqdm

        if key not in self.bars:
            self.bars[key] = tqdm(total=total, desc=desc, unit=unit, unit_scale=True, leave=False)
        bar = self.bars[key]
        if bar.total != total:
            bar.total = total
        return bar


__all__ = ["Bars", "show_log_messages"]
