"""Real vote matrices for the label-model benchmark: YouTube's human labeling functions, and
hand-written labeling functions over SMS spam and Census income (../shared/datasets).

Every matrix comes with a seeded train/test split: label models fit on the train votes (no
labels) and are scored on the test rows. The SMS and Census functions were written from general
knowledge of the tasks before looking at any row, and were not changed after scoring: each votes
one class or abstains, like most real labeling functions, and they overlap and correlate.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATASETS = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
SPLIT_SEED = 0


@dataclass(frozen=True)
class RealMatrix:
    name: str
    classes: tuple[str, ...]
    functions: tuple[str, ...]
    L_train: np.ndarray
    y_train: np.ndarray
    L_test: np.ndarray
    y_test: np.ndarray


def youtube() -> RealMatrix:
    """The WRENCH split's 10 human labeling functions (train 1586, test 250)."""

    def load(split: str) -> tuple[np.ndarray, np.ndarray]:
        rows = json.loads((DATASETS / "youtube" / f"{split}.json").read_text()).values()
        L = np.array([row["weak_labels"] for row in rows], dtype=np.int8)
        return L, np.array([row["label"] for row in rows], dtype=np.int64)

    names = (
        "keyword_my",
        "keyword_subscribe",
        "keyword_link",
        "keyword_please",
        "keyword_song",
        "regex_check_out",
        "short_comment",
        "has_person_nlp",
        "textblob_polarity",
        "textblob_subjectivity",
    )
    return RealMatrix(
        "YouTube (10 human LFs)", ("HAM", "SPAM"), names, *load("train"), *load("test")
    )


HAM, SPAM = 0, 1
SMS_FUNCTIONS: dict[str, tuple[str, int]] = {
    "free": (r"\bfree\b", SPAM),
    "win_prize": (r"\b(win|won|winner|prize|award)\w*", SPAM),
    "claim_urgent": (r"\b(claim|urgent|guaranteed)\b", SPAM),
    "money": (r"£|\$|\bcash\b", SPAM),
    "text_stop_reply": (r"\b(txt|text|reply|send)\b.*\b(stop|now|to \d+)\b", SPAM),
    "long_number": (r"\d{5,}", SPAM),
    "web_address": (r"www\.|https?:|\.com\b|\.co\.uk\b", SPAM),
    "first_person": (r"\b(i'm|im|i'll|i am|i was|i've|i have)\b", HAM),
    "chat_words": (r"\b(lol|haha|ok|okay|hey|yeah|dunno|gonna)\b", HAM),
    "home_family": (r"\b(home|mum|mom|dad|love|sorry|tonight|later|dinner)\b", HAM),
}


def sms() -> RealMatrix:
    """SMS Spam Collection (5574 messages) with 10 keyword functions; seeded half/half split."""
    with open(DATASETS / "sms" / "SMSSpamCollection.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    texts = [row["SMS"].lower() for row in rows]
    y = np.array([SPAM if row["Label"] == "spam" else HAM for row in rows], dtype=np.int64)
    rules = [(re.compile(pattern), label) for pattern, label in SMS_FUNCTIONS.values()]
    L = np.array(
        [[label if rule.search(text) else -1 for rule, label in rules] for text in texts],
        dtype=np.int8,
    )
    return _split("SMS (10 keyword LFs)", ("ham", "spam"), tuple(SMS_FUNCTIONS), L, y)


LOW, HIGH = 0, 1
CENSUS_FUNCTIONS: dict[str, tuple[Callable[[dict[str, str]], bool], int]] = {
    "capital_gain": (lambda r: int(r["capital_gain"]) > 5000, HIGH),
    "capital_loss": (lambda r: int(r["capital_loss"]) > 1500, HIGH),
    "graduate_degree": (lambda r: r["education"] in {"Doctorate", "Prof-school", "Masters"}, HIGH),
    "manager_professional": (
        lambda r: r["occupation"] in {"Exec-managerial", "Prof-specialty"},
        HIGH,
    ),
    "married_long_hours": (
        lambda r: r["marital"] == "Married-civ-spouse" and int(r["hr_per_week"]) >= 45,
        HIGH,
    ),
    "young": (lambda r: int(r["age"]) < 25, LOW),
    "never_married": (lambda r: r["marital"] == "Never-married", LOW),
    "part_time": (lambda r: int(r["hr_per_week"]) < 30, LOW),
    "no_college": (lambda r: int(r["education_num"]) <= 8, LOW),
    "service_manual": (
        lambda r: (
            r["occupation"]
            in {"Handlers-cleaners", "Other-service", "Priv-house-serv", "Farming-fishing"}
        ),
        LOW,
    ),
}


def census() -> RealMatrix:
    """Census income (30162 people) with 10 rule functions; seeded half/half split."""
    with open(DATASETS / "census" / "adult.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    y = np.array([HIGH if row["income"].strip() == ">50K" else LOW for row in rows], dtype=np.int64)
    rules = list(CENSUS_FUNCTIONS.values())
    L = np.array(
        [[label if rule(row) else -1 for rule, label in rules] for row in rows], dtype=np.int8
    )
    return _split("Census (10 rule LFs)", ("<=50K", ">50K"), tuple(CENSUS_FUNCTIONS), L, y)


def _split(
    name: str, classes: tuple[str, ...], functions: tuple[str, ...], L: np.ndarray, y: np.ndarray
) -> RealMatrix:
    order = np.random.default_rng(SPLIT_SEED).permutation(len(y))
    train, test = order[: len(y) // 2], order[len(y) // 2 :]
    return RealMatrix(name, classes, functions, L[train], y[train], L[test], y[test])


MATRICES = {"youtube": youtube, "sms": sms, "census": census}
