"""The CLIP extractor on a tiny CLIP-architecture model built and briefly trained here (no
CLIP weights ship in any reachable package): concept scores, zero-shot, RoboShot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from alchemist.concepts.clip import ClipExtractor
from alchemist.concepts.scoring import ConceptScorer, zero_shot_predict
from alchemist.errors import ConceptError
from alchemist.task import Concept

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
WORDS = ["[PAD]", "[UNK]", "a", "photo", "of", "red", "blue", "green", "thing", "."]


def _images(colour: str, n: int, rng: np.random.Generator) -> list[np.ndarray]:
    base = {"red": [220, 30, 30], "blue": [30, 30, 220], "green": [30, 200, 30]}[colour]
    return [
        np.clip(np.array(base) + rng.normal(0, 20, (16, 16, 3)), 0, 255).astype(np.uint8)
        for _ in range(n)
    ]


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, PreTrainedTokenizerFast

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-clip")
    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="[PAD]", unk_token="[UNK]")
    config = CLIPConfig(
        text_config={
            "vocab_size": len(WORDS),
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "max_position_embeddings": 16,
            "eos_token_id": WORDS.index("."),
            "pad_token_id": 0,
        },
        vision_config={
            "image_size": 16,
            "patch_size": 8,
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
        },
        projection_dim=16,
    )
    model = CLIPModel(config)
    processor = CLIPImageProcessor(
        size={"shortest_edge": 16}, crop_size={"height": 16, "width": 16}
    )
    rng = np.random.default_rng(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(80):
        colours = ["red", "blue", "green"] * 4
        images = [_images(c, 1, rng)[0] for c in colours]
        text = tokenizer([f"a photo of {c} ." for c in colours], return_tensors="pt", padding=True)
        pixels = processor(images=images, return_tensors="pt")["pixel_values"]
        loss = model(
            input_ids=text["input_ids"],
            attention_mask=text["attention_mask"],
            pixel_values=pixels,
            return_loss=True,
        ).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def test_concept_scores_follow_what_the_images_show(tiny_clip: Path) -> None:
    rng = np.random.default_rng(1)
    items = _images("red", 5, rng) + _images("blue", 5, rng)
    extractor = ClipExtractor(model_path=str(tiny_clip), prompt="a photo of {} .")
    scorer = ConceptScorer(extractor, [Concept("red"), Concept("blue")]).fit(items)
    scores = scorer.transform(items)
    assert scores["red"][:5].mean() > scores["red"][5:].mean()
    assert scores["blue"][5:].mean() > scores["blue"][:5].mean()
    assert list(zero_shot_predict(extractor, ["red", "blue"], items)) == [0] * 5 + [1] * 5


def test_roboshot_runs_on_clip_embeddings(tiny_clip: Path) -> None:
    rng = np.random.default_rng(2)
    items = _images("red", 4, rng) + _images("green", 4, rng)
    extractor = ClipExtractor(model_path=str(tiny_clip), prompt="a photo of {} .")
    plain = ConceptScorer(extractor, [Concept("red")]).fit(items)
    robust = ConceptScorer(
        extractor,
        [Concept("red")],
        roboshot=True,
        spurious=[Concept("green", role="spurious"), Concept("blue", role="spurious")],
    ).fit(items)
    before, after = plain.raw_scores(items), robust.raw_scores(items)
    assert before.shape == after.shape == (8, 1)
    assert not np.allclose(before, after)  # the green-blue direction was removed
    assert after[:4].mean() > after[4:].mean()  # red still tells red from green


def test_a_missing_model_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConceptError, match="local model folder"):
        ClipExtractor(model_path=str(tmp_path / "none")).embed([np.zeros((4, 4, 3))])
