"""A run, composed from the stages: its folder (``folder``) and settings (``settings``), the
pipeline over it and the re-run (``pipeline``), the program stage (``synthesize``), the uses of
the labeled dev split inside the stages that use it (``aggregation``, ``distillation``,
``scoring``; ``features`` says which features the dev labels choose) and what labeling costs
(``costs``).

Everything a run writes goes through ``RunDir`` (atomic files in one folder), so the CLI, the
workbench and streaming read the same figures. May import every stage below it; imported only
by ``scale``, ``review`` and ``cli``.
"""

from alchemist.run.folder import RunDir, init_run, load_splits
from alchemist.run.pipeline import predict, rerun, run_pipeline
from alchemist.run.settings import RunConfig

__all__ = ["RunConfig", "RunDir", "init_run", "load_splits", "predict", "rerun", "run_pipeline"]
