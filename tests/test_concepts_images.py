"""The offline ImageNet-classifier extractor (pinned EfficientNet-Lite0 weights), pixels for
programs over raw images, and the built-in image datasets."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from alchemist._util.pixels import load_image, pixel_lists, plain
from alchemist.concepts.images import ClassifierExtractor, imagenet_classes
from alchemist.concepts.scoring import ConceptScorer
from alchemist.data.dataset import load_dataset
from alchemist.data.named import spurious_digits
from alchemist.errors import DataError
from alchemist.task import Concept, task_from_dict

torch = pytest.importorskip("torch")


def _ball() -> np.ndarray:
    picture = Image.new("RGB", (224, 224), (255, 255, 255))
    ImageDraw.Draw(picture).ellipse((40, 40, 180, 180), fill=(255, 140, 0))
    return np.asarray(picture)


def test_class_texts_and_grounding_are_sensible() -> None:
    classes = imagenet_classes()
    assert len(classes) == 1000 and classes[0].startswith("tench")
    extractor = ClassifierExtractor(cache=False)
    assert "orange" in extractor.describe("orange fruit")["classes"]
    assert "ping-pong ball" in extractor.describe("a ping-pong ball")["classes"]


def test_the_pinned_network_recognises_a_drawn_ball() -> None:
    torch.set_num_threads(1)
    extractor = ClassifierExtractor(cache=False)
    flat = np.full((224, 224, 3), 90, np.uint8)
    embeddings = extractor.embed([_ball(), flat])
    assert embeddings.shape == (2, 1280) and np.isfinite(embeddings).all()
    ball = extractor.score_embeddings(embeddings, ["ping-pong ball", "pirate ship"])
    assert ball[0, 0] > 0.05 and ball[0, 0] > 10 * ball[1, 0]  # measured: 0.21 vs ~0.001
    scorer = ConceptScorer(extractor, [Concept("ball", "a round ball")]).fit([_ball(), flat])
    assert scorer.transform([_ball(), flat])["ball"].tolist() == [1.0, 0.001]  # top, bottom


def test_pixels_for_raw_programs_are_plain_lists(tmp_path) -> None:
    path = tmp_path / "ball.png"
    Image.fromarray(_ball()).save(path)
    pixels = pixel_lists(str(path), 8)
    assert len(pixels) == 8 and len(pixels[0]) == 8 and type(pixels[0][0][0]) is int
    assert load_image(np.zeros((4, 4))).shape == (4, 4, 3)
    assert plain(np.array([np.array([1, 2]), np.array([3])], dtype=object)) == [[1, 2], [3]]
    with pytest.raises(DataError, match="cannot read the image"):
        load_image(str(tmp_path / "missing.png"))


def test_spurious_digits_have_skewed_training_and_balanced_test_groups() -> None:
    train, test = spurious_digits("train"), spurious_digits("test")
    counts = train["group"].value_counts()
    assert counts["ZERO on water"] == 380 and counts["ZERO on land"] == 20
    assert set(test["group"].value_counts()) == {100}
    task = task_from_dict(
        {
            "name": "d",
            "description": "d",
            "modality": "image",
            "input_fields": ["image"],
            "group_field": "group",
            "classes": ["ZERO", "ONE"],
        }
    )
    dataset = load_dataset("spurious-digits:test", task, limit=3)
    assert dataset.groups is not None and len(dataset.items[0]) == 32  # 32 x 32 pixels
