"""Stage 2: an LLM writes labeling programs, and only checked ones are kept.

- ``asking``: how every generator asks the model (``Asking``) and the rows it judges on
  (``Rows``);
- ``oneshot``: the paper's prompt and one-shot generation (``synthesize``);
- ``extract``: pulling a program out of an answer and checking its shape;
- ``search`` (the default generator) with ``search_pool``, ``search_prompts`` and
  ``search_ranking``: many candidates scored on the dev split, refined, a small set kept;
- ``gate``: the one gate every generator's programs pass (``ProgramGate``);
- ``quality`` and ``quality_settings``: the repair and regenerate loop;
- ``supplementary``: LLM-drafted task information and dev exemplars;
- ``per_attribute``: one program per column of a table.

Nothing the model writes runs here except through ``alchemist.execution``.
May import: ``alchemist.execution``, ``alchemist.diagnostics``, ``alchemist.llm``,
``alchemist.programs``, ``alchemist.task``, ``alchemist.label_matrix``, ``alchemist.prompts``.
"""

from alchemist.synthesis.asking import Asking, Rows
from alchemist.synthesis.gate import GATES, ProgramGate
from alchemist.synthesis.oneshot import SynthesisResult, default_strategies, synthesize
from alchemist.synthesis.quality import improve
from alchemist.synthesis.quality_settings import ImproveSettings
from alchemist.synthesis.search import SearchResult, search
from alchemist.synthesis.search_pool import SearchPolicy
from alchemist.synthesis.supplementary import generate_supplementary

__all__ = [
    "GATES",
    "Asking",
    "ImproveSettings",
    "ProgramGate",
    "Rows",
    "SearchPolicy",
    "SearchResult",
    "SynthesisResult",
    "default_strategies",
    "generate_supplementary",
    "improve",
    "search",
    "synthesize",
]
