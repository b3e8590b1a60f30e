"""Datasets installable by name: UCR series and MIT-BIH beats from the pinned sktime wheel."""

from __future__ import annotations

import pytest

from alchemist._util.assets import ASSETS, Asset, asset_dir, fetch
from alchemist.data.dataset import load_dataset
from alchemist.data.named import mitdb_beats, read_named
from alchemist.errors import DataError
from alchemist.task import task_from_dict


def test_ucr_series_read_from_the_verified_wheel_once() -> None:
    folder = fetch("sktime-data")
    assert (folder / ".complete").read_text().split()[1] == ASSETS["sktime-data"].wheel_sha256
    stamp = (folder / ".complete").stat().st_mtime_ns
    frame = read_named("sktime:ItalyPowerDemand/train")
    assert len(frame) == 67 and set(frame["label"]) == {"1", "2"}
    assert all(len(s) == 24 for s in frame["series"])
    assert fetch("sktime-data") == asset_dir("sktime-data")
    assert (folder / ".complete").stat().st_mtime_ns == stamp  # cached, not fetched again


def test_an_asset_pip_cannot_download_is_one_line_naming_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path))
    missing = Asset("alchemist-no-such-package==0.0.1", "0" * 64, "x/", "none")
    monkeypatch.setitem(ASSETS, "missing", missing)
    with pytest.raises(DataError) as caught:
        fetch("missing")
    message = str(caught.value)
    assert "alchemist-no-such-package==0.0.1" in message and "\n" not in message
    assert "No matching distribution" in message
    assert not (tmp_path / "assets" / "missing").exists()


def test_mitdb_excerpt_becomes_one_item_per_beat() -> None:
    beats = mitdb_beats()
    assert 20 <= len(beats) <= 30  # 7500 samples at 360 Hz: about 21 seconds of ECG
    assert beats["label"].sum() >= 1  # the annotated anomalous stretch
    assert {len(s) for s in beats["series"]} == {252}


def test_named_series_load_as_datasets_with_gold() -> None:
    task = task_from_dict(
        {
            "name": "p",
            "description": "d",
            "modality": "timeseries",
            "input_fields": ["series"],
            "classes": {1: "COLD", 2: "WARM"},
        }
    )
    dataset = load_dataset("sktime:ItalyPowerDemand/test", task, limit=5)
    assert len(dataset) == 5 and dataset.has_gold and len(dataset.items[0]) == 24


@pytest.mark.parametrize(
    "spec, message",
    [
        ("sktime:NoSuchSet/train", "ships no series set"),
        ("sktime:GunPoint", "expected sktime:NAME/train"),
    ],
)
def test_bad_names_give_one_line(spec: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_named(spec)
    with pytest.raises(DataError, match="Unknown asset"):
        fetch("nothing")


def test_textile_images_split_by_seed_without_overlap() -> None:
    from alchemist.data.named import textiles

    train, test = textiles("train"), textiles("test")
    assert len(train) + len(test) == 2000 and len(test) == 600
    assert not set(train["image"]) & set(test["image"])
    assert set(test["label"]) == {"nominal", "local", "global"}
    assert set(train["label"][:30]) == {"nominal", "local", "global"}  # shuffled, not by class
