"""Images as pixels: read a file or an array into (height, width, 3) uint8, and the small
nested lists of pixels that programs over raw images ("vanilla" programs) receive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from alchemist.errors import DataError

RAW_SIZE = 32  # programs over raw images get RAW_SIZE x RAW_SIZE pixels


def load_image(item: Any, size: int | None = None) -> np.ndarray:
    """An item as an (h, w, 3) uint8 array: a file path or nested lists/arrays of pixels,
    resized to ``size`` x ``size`` when given."""
    from PIL import Image

    if isinstance(item, str | Path):
        try:
            with Image.open(item) as image:
                picture = image.convert("RGB")
        except OSError as exc:
            raise DataError(f"cannot read the image ({exc}).", path=str(item)) from None
    else:
        array = np.asarray(item, dtype=np.float64)
        if array.ndim == 2:
            array = np.repeat(array[..., None], 3, axis=2)
        if array.ndim != 3 or array.shape[2] != 3:
            raise DataError(f"An image must be h x w x 3 pixels; got shape {array.shape}.")
        picture = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    if size is not None:
        picture = picture.resize((size, size), Image.Resampling.BILINEAR)
    return np.asarray(picture, dtype=np.uint8)


def pixel_lists(item: Any, size: int = RAW_SIZE) -> list[list[list[int]]]:
    """The image as plain nested lists (rows of [r, g, b] ints), ``size`` x ``size``."""
    return load_image(item, size).tolist()


def plain(value: Any) -> Any:
    """Arrays (as parquet returns list cells) turned into plain nested lists."""
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()] if value.dtype == object else value.tolist()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


__all__ = ["RAW_SIZE", "load_image", "pixel_lists", "plain"]
