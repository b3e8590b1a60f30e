"""Execution on a Dask cluster: each worker runs the isolated executor on row ranges of a Parquet
dataset; the driver writes the parts of the label matrix as they arrive.

Partition ``i`` is rows ``[i * chunk_rows, (i + 1) * chunk_rows)`` (the chunks of
``stream_execute``), read by the worker itself from the Parquet source (a path every worker can
read). Its votes come back to the driver, which writes them as ``MatrixParts`` in the same layout
as a single-machine run, so every later stage is the same, and the votes are bit-identical.
Resumable at partition granularity: parts already written are not submitted again, a partition
whose worker died is retried by the scheduler on another one (``retries`` more times when its
task raised), and a program that fails on a partition is recorded per cell as always.

``ScaleSettings.cluster``: a scheduler address (``tcp://host:8786``) connects to a running
cluster; ``"local"`` (or None) starts a local one with ``local_workers`` processes (one thread
each) for the run. Each worker process keeps one warm executor; the executor's own ``workers``
setting is per Dask worker.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from alchemist.errors import AlchemistError, ExecutionError
from alchemist.execution import ExecutionConfig, Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import VotePatterns
from alchemist.programs import Program
from alchemist.scale.parts import MatrixParts
from alchemist.scale.progress import Meter, ProgressCallback
from alchemist.scale.reading import count_rows, read_rows, source_format
from alchemist.scale.settings import LOCAL_CLUSTER, ScaleSettings
from alchemist.scale.streaming import Patterns
from alchemist.task import Task

#: The executor of this (worker) process, by configuration, kept warm across partitions.
_EXECUTORS: dict[ExecutionConfig, tuple[Executor, threading.Lock]] = {}
_EXECUTORS_LOCK = threading.Lock()
_SETTINGS = ScaleSettings(cluster=LOCAL_CLUSTER)
CONNECT_TIMEOUT = 20.0  # seconds to reach a scheduler given by address


def distributed_execute(
    programs: Sequence[Program],
    source: str | Path,
    task: Task,
    folder: str | Path,
    *,
    settings: ScaleSettings = _SETTINGS,
    config: ExecutionConfig | None = None,
    retries: int = 2,
    progress: ProgressCallback | None = None,
) -> MatrixParts:
    """``stream_execute`` with the partitions (``settings.chunk_rows`` rows each) run on the
    Dask cluster ``settings.cluster`` (see the module docstring)."""
    if source_format(source) != "parquet":
        raise AlchemistError(
            f"{source}: a cluster run reads Parquet partitions; convert the "
            "data to Parquet (a file or a folder of files) first."
        )
    config = _per_worker(config or ExecutionConfig())
    parts = MatrixParts(folder)
    chunk_rows = settings.chunk_rows
    parts.prepare(programs, task.class_ids, chunk_rows, str(source))
    total = count_rows(source)
    starts = range(0, total, chunk_rows)
    done = parts.done()
    meter = Meter("execute", total, progress)
    meter.set(sum(min(chunk_rows, total - s) for i, s in enumerate(starts) if i in done))
    todo = [(i, s) for i, s in enumerate(starts) if i not in done]
    if not todo:
        meter.finish()
        return parts
    patterns = Patterns(task.n_classes)  # merged here, counted on the workers
    run = uuid.uuid4().hex[:12]  # task keys of this run only: never a result of another
    with _client(settings) as client:
        from distributed import as_completed

        futures = [
            client.submit(
                _run_partition,
                str(source),
                task,
                list(programs),
                config,
                start,
                min(start + chunk_rows, total),
                retries=retries,
                key=f"alchemist-execute-{run}-{index}",
            )
            for index, start in todo
        ]
        index_of = {future.key: index for future, (index, _) in zip(futures, todo, strict=True)}
        start_of = dict(todo)
        for future in as_completed(futures):
            index = index_of[future.key]
            matrix, counted = _result(future, index)
            parts.write(index, start_of[index], matrix)
            patterns.add(counted)
            future.release()
            meter.advance(matrix.shape[0])
    patterns.save(parts, complete=not done)
    meter.finish()
    return parts


def _result(future: Any, index: int) -> tuple[LabelMatrix, VotePatterns]:
    try:
        result: tuple[LabelMatrix, VotePatterns] = future.result()
    except AlchemistError:
        raise
    except Exception as exc:  # a worker lost too often, or the cluster went away
        raise ExecutionError(
            f"Partition {index} failed on the cluster ({type(exc).__name__}: "
            f"{exc}). Finished partitions are kept: run again to resume.",
            partition=index,
        ) from None
    return result


def _run_partition(
    source: str, task: Task, programs: list[Program], config: ExecutionConfig, start: int, stop: int
) -> tuple[LabelMatrix, VotePatterns]:
    """On a worker: read rows ``[start, stop)``, run the programs in its warm executor, and
    count the vote patterns."""
    data = read_rows(source, task, start, stop)
    executor, lock = _executor(config)
    with lock:
        matrix = executor.run(programs, data.items, task.class_ids)
    return matrix, VotePatterns.of(matrix.votes, task.n_classes)


def _executor(config: ExecutionConfig) -> tuple[Executor, threading.Lock]:
    with _EXECUTORS_LOCK:
        if config not in _EXECUTORS:
            _EXECUTORS[config] = (Executor(config), threading.Lock())
        return _EXECUTORS[config]


@contextmanager
def _client(settings: ScaleSettings) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise AlchemistError(
            "A cluster run needs Dask distributed; install it with "
            "pip install 'alchemist-labeling[cluster]'."
        ) from None
    cluster = None if settings.cluster == LOCAL_CLUSTER else settings.cluster
    if cluster is not None:
        try:
            client = Client(cluster, timeout=f"{CONNECT_TIMEOUT}s")
        except OSError as exc:
            raise AlchemistError(
                f"Cannot reach the Dask scheduler at {cluster} ({exc}). "
                "Check the address (tcp://HOST:8786) and that it runs."
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=settings.local_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as local,
        Client(local) as client,
    ):
        yield client


def _per_worker(config: ExecutionConfig) -> ExecutionConfig:
    """The executor settings of one Dask worker thread: one sandbox worker unless set."""
    return config if config.workers is not None else replace(config, workers=1)
