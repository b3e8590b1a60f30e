"""The choices a run makes on its dev rows, and keeping them from one re-run to the next.

With labeled dev rows a run chooses its label model (``aggregation.aggregate``) and its end
model's featurizer, classifiers and gold shares (``distillation.distill_with_gold``) by
cross-validation on dev. On 200 rows those choices swing with small edits: one edited program
can switch the label model and move the test figures more than the edit did. ``Choices`` is
what the last run chose (recorded in ``summary.json``); ``rerun(keep_choices=True)`` refits
those choices on the new votes instead of choosing again, so a change in the figures is the
edit's own. Choosing again stays one switch away (``alchemist rerun`` without
``--keep-choices``; the workbench's "choose again").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alchemist.run.folder import RunDir


@dataclass(frozen=True)
class Choices:
    """The label model (name and parameters) and, where dev labels chose it, the end model's
    featurizer and members (classifier, gold share)."""

    label_model: str
    label_model_params: dict[str, Any]
    featurizer: str | None = None
    members: tuple[tuple[str, float], ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label_model": {"name": self.label_model, "params": self.label_model_params},
            "end_model": None
            if self.featurizer is None or self.members is None
            else {
                "featurizer": self.featurizer,
                "members": [{"classifier": c, "gold_share": s} for c, s in self.members],
            },
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Choices:
        end = raw.get("end_model") or {}
        members = end.get("members")
        return cls(
            raw["label_model"]["name"],
            dict(raw["label_model"].get("params") or {}),
            end.get("featurizer"),
            None
            if members is None
            else tuple((str(m["classifier"]), float(m["gold_share"])) for m in members),
        )

    @classmethod
    def read(cls, run: RunDir) -> Choices | None:
        """The choices recorded by the run's last re-run (None before the first)."""
        summary = run.read_json("summary.json", missing_ok=True)
        if not summary:
            return None
        if "choices" in summary:
            return cls.from_dict(summary["choices"])
        distilled = run.read_json("distill.json", missing_ok=True)  # a run made before
        return cls.from_dict({"label_model": summary["label_model"], "end_model": distilled})

    def changed(self, other: Choices | None) -> list[str]:
        """What differs from ``other``, as a person reads it ("label model snorkel -> ...")."""
        if other is None:
            return []
        out = []
        if (self.label_model, self.label_model_params) != (
            other.label_model,
            other.label_model_params,
        ):
            out.append(
                f"label model {other.describe_label_model()} → {self.describe_label_model()}"
            )
        if (self.featurizer, self.members) != (other.featurizer, other.members):
            out.append(f"end model {other.describe_end_model()} → {self.describe_end_model()}")
        return out

    def describe_label_model(self) -> str:
        params = ", ".join(f"{k}={v}" for k, v in sorted(self.label_model_params.items()))
        return f"{self.label_model}({params})" if params else self.label_model

    def describe_end_model(self) -> str:
        if self.featurizer is None or self.members is None:
            return "default"
        members = " + ".join(f"{c} (gold share {s:g})" for c, s in self.members)
        return f"{self.featurizer}: {members}"


__all__ = ["Choices"]
