"""What the command line draws: the library's log messages as plain lines, and progress bars
from the library's progress events (the library itself prints nothing)."""

from __future__ import annotations

import logging
import sys
from typing import Any


def show_log_messages(level: int = logging.INFO) -> None:
    """The library's messages (the ``alchemist`` logger) from ``level`` up as plain stderr
    lines; at DEBUG (``-v``) each line starts with the name of the module that logged it."""
    root = logging.getLogger("alchemist")
    handler = next((h for h in root.handlers if isinstance(h, _StderrLines)), None)
    if handler is None:
        handler = _StderrLines()
        root.addHandler(handler)
    handler.named = level <= logging.DEBUG
    root.setLevel(level)


class _StderrLines(logging.Handler):
    """Each message as one line on the standard error stream of the moment."""

    named = False  # each line prefixed by the logger's name

    def emit(self, record: logging.LogRecord) -> None:
        prefix = f"[{record.name}] " if self.named else ""
        print(prefix + record.getMessage(), file=sys.stderr, flush=True)


class Bars:
    """Progress bars drawn from the library's progress events, one bar per stage and split;
    none at all when not ``enabled`` (``-q``)."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bars: dict[tuple[str, str], Any] = {}
        self.looping = False  # in the quality loop only the gate's verdicts move the bar

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for bar in self.bars.values():
            bar.close()

    def __call__(self, event: dict[str, Any]) -> None:
        if not self.enabled:
            return
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
