"""A real local Dask cluster (two worker processes) gives the single-process votes bit for bit,
and finishes a run in which a worker is killed mid-run."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import numpy as np
import pytest

from alchemist.errors import AlchemistError
from alchemist.execution import ExecutionConfig, execute
from alchemist.label_matrix import CellError
from alchemist.labelmodels import make_label_model
from alchemist.programs import Program
from alchemist.scale.distributed import distributed_execute
from alchemist.scale.progress import Progress
from alchemist.scale.settings import ScaleSettings
from alchemist.scale.streaming import stream_execute
from tests.scale_helpers import spam_parquet, spam_programs

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the executor's OS layer is Linux-only"
)


@pytest.fixture(scope="module")
def spam(tmp_path_factory: pytest.TempPathFactory):
    return spam_parquet(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def stacked(parts) -> tuple[np.ndarray, np.ndarray]:
    matrices = [m for _, m in parts]
    return np.vstack([m.votes for m in matrices]), np.vstack([m.errors for m in matrices])


def test_cluster_votes_equal_single_process_and_label_model_agrees(
    spam, client, tmp_path: Path
) -> None:
    task, train, path = spam
    programs = spam_programs(task)  # the last one fails on some partitions' rows only
    local = stream_execute(
        programs, path, task, tmp_path / "local", chunk_rows=200, config=ExecutionConfig(workers=2)
    )
    remote = distributed_execute(
        programs,
        path,
        task,
        tmp_path / "cluster",
        settings=ScaleSettings(chunk_rows=200, cluster=client.scheduler.address),
    )
    assert sorted(remote.done()) == list(range(8))
    votes, errors = stacked(remote)
    assert np.array_equal(votes, stacked(local)[0]) and np.array_equal(errors, stacked(local)[1])
    in_memory = execute(programs, train.items, task.class_ids)
    assert np.array_equal(votes, in_memory.votes)
    failed = errors[:, -1] == CellError.EXCEPTION
    assert failed.any() and not failed.all()
    assert remote.summary()["failures"] == local.summary()["failures"]
    # The label model fitted on the cluster's votes matches the in-memory one.
    ours = make_label_model("dawid_skene").fit(votes, task.n_classes)
    theirs = make_label_model("dawid_skene").fit(in_memory.votes, task.n_classes)
    assert np.allclose(ours.confusion_, theirs.confusion_, atol=1e-9)


def test_a_worker_killed_mid_run_and_the_run_still_completes(spam, client, tmp_path: Path) -> None:
    task, train, path = spam
    # About a millisecond per call: each partition takes a moment, so both workers are busy.
    slow = Program(
        "slow",
        "def label_spam(text):\n"
        "    total = 0\n"
        "    for i in range(20000):\n"
        "        total += i\n"
        "    return 1 if 'subscribe' in text.lower() else -1\n",
        task.function_name,
    )
    programs = [*spam_programs(task)[:3], slow]
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(event: Progress) -> None:
        if killed or event.done == 0 or event.finished:
            return
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            killed.append(pids[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

    parts = distributed_execute(
        programs,
        path,
        task,
        tmp_path / "cluster",
        settings=ScaleSettings(chunk_rows=100, cluster=client.scheduler.address),
        progress=kill_a_busy_worker,
    )
    assert killed, "no worker was busy to kill"
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)
    assert sorted(parts.done()) == list(range(16))
    votes, errors = stacked(parts)
    assert np.array_equal(votes, execute(programs, train.items, task.class_ids).votes)
    assert not errors.any()
    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker


def test_cluster_runs_need_parquet_and_a_reachable_scheduler(
    spam, tmp_path: Path, monkeypatch
) -> None:
    task, _, path = spam
    monkeypatch.setattr("alchemist.scale.distributed.CONNECT_TIMEOUT", 1.0)
    csv = tmp_path / "train.csv"
    csv.write_text("text,label\nhello,0\n")
    with pytest.raises(AlchemistError, match="reads Parquet partitions"):
        distributed_execute([], csv, task, tmp_path / "m")
    with pytest.raises(AlchemistError, match="Cannot reach the Dask scheduler"):
        distributed_execute(
            spam_programs(task)[:1],
            path,
            task,
            tmp_path / "m",
            settings=ScaleSettings(cluster="tcp://127.0.0.1:9"),
        )
