"""A real, small run directory without any LLM: hand-written programs over the synthetic spam
splits (``tests/synthetic.py``, a stand-in for YouTube's that the tests write themselves)."""

from __future__ import annotations

from pathlib import Path

from alchemist.programs import Program
from alchemist.run import pipeline
from alchemist.task import load_task

from .conftest import EXAMPLES
from .synthetic import spam_splits

PROGRAMS = {
    "p001": "import re\ndef label_spam(text):\n"
    "    return 1 if re.search(r'https?://|www\\.', text) else -1\n",
    "p002": "def label_spam(text):\n    t = text.lower()\n"
    "    return 1 if 'subscribe' in t or 'my channel' in t else -1\n",
    "p003": "def label_spam(text):\n    return 0 if len(text) < 40 else -1\n",
    "p004": "def label_spam(text):\n    t = text.lower()\n"
    "    return 0 if 'song' in t or 'love' in t else -1\n",
    "p005": "def label_spam(text):\n    return 1 if 'check' in text.lower() else -1\n",
}


def build_run(folder: Path, *, use_gold: bool = False) -> pipeline.RunDir:
    """Every stage after synthesis on the synthetic spam splits (written beside ``folder``) with
    the programs above; ``use_gold``: as a run with dev labels makes it (dev classifier, label
    model and end model chosen on dev), on TF-IDF features and the first 600 training rows to
    keep it short."""
    youtube = spam_splits(folder.parent / "spam")
    task = load_task(EXAMPLES / "youtube.yaml")
    config = pipeline.RunConfig(
        data=str(youtube / "train.json"),
        dev=str(youtube / "valid.json"),
        test=str(youtube / "test.json"),
        limit=600 if use_gold else None,
        n_programs=len(PROGRAMS),
        workers=1,
        use_cache=False,
        # The gold-share cross-validation (tested in test_devsplit) trains ~30 MLPs: these
        # runs only need the stages' outputs, so they distil from the pseudolabels alone.
        use_gold=use_gold,
        featurizer="tfidf" if use_gold else "auto",
    )
    run = pipeline.init_run(folder, task, config)
    for program_id, source in PROGRAMS.items():
        run.programs.add(
            Program(
                id=program_id,
                source=source,
                function_name=task.function_name,
                provenance={"author": "hand-written"},
            )
        )
    pipeline.rerun(run)
    return run
