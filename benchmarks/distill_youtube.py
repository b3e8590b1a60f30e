"""Distilled classifiers on YouTube spam, trained on the 10 human labeling functions' votes.

Soft labels: the share of votes per class of the WRENCH ``weak_labels`` (majority vote as
probabilities) on the train split; rows no function votes on are not trained on. The valid split
(120 gold labels) is the dev split for early stopping / choosing C; the test split is scored.
Reference beside it: the majority vote itself on test (published: about 84%), and the same
classifier trained on the 120 dev labels alone.

Run from the repository root:  PYTHONPATH=src python benchmarks/distill_youtube.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from alchemist.data.dataset import load_dataset
from alchemist.distill import DistilledModel, make_featurizer
from alchemist.evaluation.metrics import score, summarize_seeds
from alchemist.task import task_from_dict

YOUTUBE = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "youtube"
TASK = task_from_dict(
    {
        "name": "youtube",
        "description": "spam or not",
        "classes": ["HAM", "SPAM"],
        "label_field": "label",
    }
)
CONFIGS = [("tfidf", "mlp"), ("minilm", "mlp"), ("tfidf", "logistic"), ("minilm", "logistic")]


def vote_shares(votes: np.ndarray, k: int = 2) -> np.ndarray:
    counts = np.stack([(votes == c).sum(axis=1) for c in range(k)], axis=1).astype(float)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.full_like(counts, np.nan), where=totals > 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    train, dev, test = (
        load_dataset(YOUTUBE / f"{s}.json", TASK) for s in ("train", "valid", "test")
    )
    soft = vote_shares(train.reference_votes)
    covered = ~np.isnan(soft).any(axis=1)
    test_mv = vote_shares(test.reference_votes)
    uncovered = np.isnan(test_mv).any(axis=1)
    # argmax takes the first class on ties: HAM
    mv = score(test.gold, np.where(uncovered, -1, np.nan_to_num(test_mv).argmax(axis=1)), 2)
    # WRENCH's convention: ties and abstentions broken at random (expected accuracy)
    shares = np.nan_to_num(test_mv, nan=0.5)
    winners = shares == shares.max(axis=1, keepdims=True)
    expected = np.mean(winners[np.arange(len(test)), test.gold] / winners.sum(axis=1))
    print(
        f"train {len(train)} rows ({covered.mean():.1%} with a vote), dev {len(dev)}, "
        f"test {len(test)}\nmajority vote of the 10 LFs on test: accuracy {mv['accuracy']:.3f} "
        f"(ties -> HAM, abstain = wrong), {mv['covered_accuracy']:.3f} on the "
        f"{mv['coverage']:.1%} covered, {expected:.3f} with ties and abstentions at random"
    )
    for name in ("tfidf", "minilm"):
        started = time.perf_counter()
        make_featurizer(name, **({"cache": False} if name == "minilm" else {})).fit_transform(
            train.frame
        )
        print(f"featurize train, {name}, no cache: {time.perf_counter() - started:.1f} s")
    print(
        f"\n{'featurizer':<8} {'classifier':<9} {'labels':<6} {'accuracy':>15} "
        f"{'macro F1':>15} {'fit s/seed':>10}"
    )
    for featurizer, classifier in CONFIGS:
        for labels in ("LF MV", "dev"):
            frame, targets = (train.frame, soft) if labels == "LF MV" else (dev.frame, dev.gold)
            scores, seconds = [], []
            for seed in range(args.seeds):
                model = DistilledModel(featurizer=featurizer, classifier=classifier, seed=seed)
                started = time.perf_counter()
                if labels == "LF MV":
                    model.fit(frame, targets, dev_frame=dev.frame, dev_gold=dev.gold)
                else:  # no separate dev: the MLP holds out 10% of the 120
                    model.fit(frame, targets, n_classes=2)
                seconds.append(time.perf_counter() - started)
                scores.append(score(test.gold, model.predict(test.frame), 2))
            s = summarize_seeds(scores)
            print(
                f"{featurizer:<8} {classifier:<9} {labels:<6} "
                f"{s['accuracy']['mean']:.3f} ± {s['accuracy']['std']:.3f}   "
                f"{s['macro_f1']['mean']:.3f} ± {s['macro_f1']['std']:.3f} "
                f"{np.mean(seconds):>10.2f}"
            )


if __name__ == "__main__":
    main()
