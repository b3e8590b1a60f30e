"""Small labeled data the tests write themselves, so that they run without ``../shared``.

``spam_splits`` writes a stand-in for the YouTube spam splits: comments under a music video,
made from templates by a seeded generator, in WRENCH JSON (``train.json``, ``valid.json``,
``test.json`` with ``label.json``), each row with the votes of ten keyword labeling functions
as its reference ("human") votes. The classes overlap as real comments do: some genuine
comments say "check" or "my", some spam is short or praises the song, some spam names a
channel without a link or "subscribe". ``census_rows`` is a small income table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

SIZES = {"train": 1600, "valid": 120, "test": 250}
HAM_SHARE = 0.5

_HAM = [
    "I love this song so much",
    "{artist} has the most beautiful voice",
    "Who is still listening to this song in {year}?",
    "This song reminds me of {memory}",
    "{views} views and this song deserves every one of them",
    "The dance at {time} is incredible, I watch it every day",
    "check the drums at {time}, so good",
    "wow, love this song",
    "so good, love it",
    "beautiful song",
    "nice song",
    "my favourite song of all time",
    "This video brings back my childhood",
    "{artist} never disappoints, what a performance",
    "I can't stop watching this video",
    "the best music video ever made",
    "Listening to this on repeat while I study for my exams",
    "Who else came here after the {event}?",
    "{artist} is a legend",
    "the chorus gives me chills every single time",
    "I miss the old {artist}, this song is awesome",
    "great song, {artist} at her best",
    "{year} and this is still the best song ever",
    "Amazing video, the colours are so beautiful",
    "love {artist} so much",
    "I love how happy this song makes me",
]
_SPAM = [
    "Check out my channel for {stuff}, new uploads every day!",
    "Please subscribe to my channel, I make {stuff} and I need your support",
    "Free {prize} for the first 100 people at {url}, hurry up",
    "Visit {url} to win {prize}, it only takes a minute",
    "Hey guys check out my new video {url} and tell me what you think",
    "subscribe pls",
    "check my channel",
    "Our channel posts new {stuff} every week, come and see, you will not regret it",
    "I love this song! Subscribe to me for {stuff} like this one",
    "Earn money from home, the secret is here: {url}",
    "check this out {url}",
    "Go to our channel for {stuff} like this, we are a small group of friends",
    "Please share my video {url} it would mean a lot to me",
    "Want {prize}? Click {url} now before the offer ends",
    "Support my channel, I post {stuff} every day and reply to every comment",
    "FREE {prize} FOR EVERYONE WHO VISITS {url}",
    "Text WIN to 80082 to claim your {prize} today, reply STOP to end",
]
_FILL = {
    "artist": ["Shakira", "Katy", "Rihanna", "Eminem", "PSY", "LMFAO"],
    "year": ["2014", "2015", "2016"],
    "memory": ["the summer of 2010", "my best friend", "the world cup", "my first car"],
    "views": ["800 million", "one billion", "two billion"],
    "time": ["1:20", "2:30", "3:05"],
    "event": ["world cup", "award show", "concert"],
    "stuff": ["covers", "remixes", "gaming videos", "vlogs", "beats", "tutorials"],
    "prize": ["gift cards", "an iPhone", "free followers", "a PS4", "cash"],
    "url": ["http://bit.ly/2xYz", "www.freegifts.com", "https://goo.gl/abc12", "www.win-now.net"],
}
_TAILS = ["", "", "", " lol", " !!!", " :)", " <3", " haha", " omg", " ok", " 100%"]

# Ten keyword labeling functions: (pattern, class voted); every one votes one class only.
REFERENCE_FUNCTIONS = [
    (r"check", 1),
    (r"subscrib", 1),
    (r"https?://|www\.", 1),
    (r"my (channel|video)", 1),
    (r"song", 0),
    (r"please|pls", 1),
    (r"^.{0,24}$", 0),
    (r"love", 0),
    (r"\bviews\b|20\d\d", 0),
    (r"voice|dance|music|listening", 0),
]


def spam_comment(rng: np.random.Generator, spam: bool) -> str:
    template = str(rng.choice(_SPAM if spam else _HAM)) + str(rng.choice(_TAILS))
    return re.sub(r"\{(\w+)\}", lambda m: str(rng.choice(_FILL[m.group(1)])), template)


def reference_votes(text: str) -> list[int]:
    return [
        label if re.search(pattern, text, re.IGNORECASE) else -1
        for pattern, label in REFERENCE_FUNCTIONS
    ]


def spam_splits(folder: Path, *, seed: int = 0) -> Path:
    """``folder`` holding the synthetic spam splits (written once; the same rows every time)."""
    if (folder / "label.json").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for split, size in SIZES.items():
        rows = {}
        for i in range(size):
            label = int(rng.random() >= HAM_SHARE)
            text = spam_comment(rng, bool(label))
            rows[str(i)] = {
                "data": {"text": text},
                "label": label,
                "weak_labels": reference_votes(text),
            }
        (folder / f"{split}.json").write_text(json.dumps(rows, indent=1))
    (folder / "label.json").write_text(json.dumps({"0": "HAM", "1": "SPAM"}))
    return folder


def census_rows(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` rows shaped like the census income table (``examples/census.yaml``'s columns;
    ``income`` is ``>50K`` for about one row in four), the income a noisy function of age,
    education, hours, capital gain, occupation and marital status."""
    rng = np.random.default_rng(seed)
    levels = {"HS-grad": 9, "Some-college": 10, "Bachelors": 13, "Masters": 14, "Doctorate": 16}
    education = rng.choice(list(levels), n, p=[0.35, 0.25, 0.25, 0.1, 0.05])
    years = np.array([levels[e] for e in education])
    age = rng.integers(17, 80, n)
    hours = rng.integers(10, 70, n)
    gain = np.where(rng.random(n) < 0.08, rng.integers(3000, 20000, n), 0)
    occupation = rng.choice(["Sales", "Exec-managerial", "Craft-repair", "Prof-specialty"], n)
    marital = rng.choice(
        ["Married-civ-spouse", "Never-married", "Divorced"], n, p=[0.5, 0.35, 0.15]
    )
    married = marital == "Married-civ-spouse"
    sex = rng.choice(["Male", "Female"], n, p=[0.67, 0.33])
    score = (
        0.04 * (np.minimum(age, 55) - 35)
        + 0.35 * (years - 10)
        + 0.03 * (hours - 40)
        + 1.2 * married
        + 0.6 * np.isin(occupation, ["Exec-managerial", "Prof-specialty"])
        + 3.0 * (gain > 5000)
        + rng.normal(0, 0.8, n)
    )
    return pd.DataFrame(
        {
            "age": age,
            "type_employer": rng.choice(["Private", "Self-emp-inc", "Federal-gov"], n),
            "education": education,
            "education_num": years,
            "marital": marital,
            "occupation": occupation,
            "relationship": np.where(
                married,
                np.where(sex == "Male", "Husband", "Wife"),
                rng.choice(["Own-child", "Not-in-family"], n),
            ),
            "race": rng.choice(["White", "Black", "Asian-Pac-Islander"], n, p=[0.85, 0.1, 0.05]),
            "sex": sex,
            "capital_gain": gain,
            "capital_loss": np.where(rng.random(n) < 0.04, rng.integers(1000, 2500, n), 0),
            "hr_per_week": hours,
            "country": rng.choice(["United-States", "Mexico", "Canada"], n, p=[0.9, 0.06, 0.04]),
            "income": np.where(score > np.quantile(score, 0.75), ">50K", "<=50K"),
        }
    )
