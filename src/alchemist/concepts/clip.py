"""The CLIP extractor (the paper's): cosine similarity of image and concept-text embeddings.

No CLIP or SigLIP weights ship in any package reachable here, so the weights are the user's:
``model_path`` is a folder as saved by Hugging Face ``transformers`` (``CLIPModel`` with its
tokenizer and image processor, e.g. a downloaded ``openai/clip-vit-base-patch32``). Nothing is
fetched from the network. Image embeddings are what RoboShot projects; a concept's direction
is its text embedding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from alchemist._util.models import quiet_loading
from alchemist._util.pixels import load_image
from alchemist.errors import ConceptError


class ClipExtractor:
    """Concept scores from a CLIP model in a local folder."""

    name = "clip"
    hint = "Concepts are scored by CLIP: name things a caption of the image could say."

    def __init__(
        self, *, model_path: str, prompt: str = "a photo of {}.", batch_size: int = 32
    ) -> None:
        self.model_path = model_path
        self.prompt = prompt
        self.batch_size = batch_size

    def get_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "prompt": self.prompt}

    def describe(self, text: str) -> dict[str, Any]:
        return {"text": self.prompt.format(text)}

    def embed(self, items: Sequence[Any]) -> np.ndarray:
        """(n, d) unit-length image embeddings."""
        import torch

        model, _, processor = self._load()
        out = []
        with torch.no_grad():
            for start in range(0, len(items), self.batch_size):
                images = [load_image(x) for x in items[start : start + self.batch_size]]
                pixels = processor(images=images, return_tensors="pt")["pixel_values"]
                out.append(_features(model.get_image_features(pixel_values=pixels)))
        return _unit(np.concatenate(out)) if out else np.zeros((0, 0))

    def directions(self, texts: Sequence[str]) -> np.ndarray:
        """(texts, d) unit-length text embeddings of the prompted concept texts."""
        import torch

        model, tokenizer, _ = self._load()
        batch = tokenizer(
            [self.prompt.format(t) for t in texts],
            padding=True,
            truncation=True,
            return_tensors="pt",
        )
        with torch.no_grad():
            features = model.get_text_features(
                input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
            )
        return _unit(_features(features))

    def score_embeddings(self, embeddings: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """(n, texts) cosine similarities."""
        return _unit(embeddings) @ self.directions(texts).T

    def _load(self) -> tuple[Any, Any, Any]:
        if getattr(self, "_loaded", None) is None:
            if not Path(self.model_path).is_dir():
                raise ConceptError(
                    f"The CLIP extractor needs a local model folder; "
                    f"{self.model_path!r} is not one. Save a CLIPModel with "
                    "its tokenizer and image processor there."
                )
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
            try:
                from transformers import AutoTokenizer, CLIPImageProcessor, CLIPModel
            except ImportError:
                raise ConceptError(
                    "The CLIP extractor needs transformers and torch; install "
                    "'alchemist-labeling[embeddings]'."
                ) from None
            try:
                with quiet_loading():
                    self._loaded = (
                        CLIPModel.from_pretrained(self.model_path).eval(),
                        AutoTokenizer.from_pretrained(self.model_path),
                        CLIPImageProcessor.from_pretrained(self.model_path),
                    )
            except (OSError, ValueError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc)
                raise ConceptError(
                    f"cannot load the CLIP model in {self.model_path} ({first})."
                ) from None
        return self._loaded


def _features(output: Any) -> np.ndarray:
    """A features tensor, or the pooled output of a model output object, as numpy."""
    tensor = getattr(output, "pooler_output", output)
    return tensor.detach().cpu().numpy().astype(np.float64)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


__all__ = ["ClipExtractor"]
