"""Streamed stages at 10 M rows beside the in-memory path at 1 M rows: rows/s and peak memory.

Generates a large spam / not-spam text set by resampling the YouTube comments and SMS messages of
``../shared/datasets`` and perturbing every copy (words swapped, dropped, repeated, shouted,
foreign words inserted), written as Parquet into ``--workdir`` (default
``~/.cache/alchemist/bench_scale``; never inside the repository). Then runs execute ->
aggregate -> distill -> predict with the 10 hand-written programs of
``benchmarks/scale_programs/``:

- ``memory``: today's in-memory path (``load_dataset``, ``execute``, Dawid-Skene ``fit`` on the
  whole matrix, ``DistilledModel`` TF-IDF + MLP, ``predict``). Its MLP trains one epoch here,
  like the streamed one: by default it early-stops after 11 epochs or more, each as long as
  this one (measured at 50 000 rows: 512 rows/CPU-s with early stopping);
- ``stream``: ``alchemist.scale`` (chunks of ``--chunk-rows``; parts on disk; label model from
  merged vote patterns; hashing featurizer + one epoch of minibatches; chunked prediction).

Each stage runs in its own process; the parent samples the resident memory of that process and
all its children (executor workers, program processes) every 0.2 s and sums it (shared pages
counted in each process: an overestimate), and takes the CPU seconds of the whole tree from
``getrusage``. rows/CPU-s is the throughput per core. The machine's load (``uptime``) is
printed beside every stage: other work on the cores slows the figures down.

    python benchmarks/bench_scale.py                       # 10 M streamed, 1 M both ways
    python benchmarks/bench_scale.py --rows 2000000 --reference-rows 200000   # quicker
    python benchmarks/bench_scale.py --only stream-big     # re-measure one path (quieter time)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
TASK = ROOT / "examples" / "youtube.yaml"
PROGRAMS = ROOT / "benchmarks" / "scale_programs"
STAGES = ("execute", "aggregate", "distill", "predict")


# ------------------------------------------------------------------------- data


def base_texts() -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for split in ("train", "valid", "test"):
        raw = json.loads((DATASETS / "youtube" / f"{split}.json").read_text(encoding="utf-8"))
        texts += [entry["data"]["text"] for entry in raw.values()]
        labels += [entry["label"] for entry in raw.values()]
    sms = pd.read_csv(DATASETS / "sms" / "SMSSpamCollection.tsv", sep="\t", quoting=3)
    texts += sms["SMS"].astype(str).tolist()
    labels += (sms["Label"] == "spam").astype(int).tolist()
    return texts, np.array(labels, dtype=np.int8)


def perturbed(words: list[str], op: int, a: int, b: int, extra: str) -> str:
    n = len(words)
    if n == 0:
        return extra
    if op == 0:
        words[a % n], words[b % n] = words[b % n], words[a % n]
    elif op == 1 and n > 1:
        del words[a % n]
    elif op == 2:
        words.insert(a % (n + 1), extra)
    elif op == 3:
        words[a % n] = words[a % n].upper()
    elif op == 4:
        words.insert(a % (n + 1), words[b % n])
    return " ".join(words)


def generate(path: Path, rows: int, row_group: int, seed: int = 0) -> None:
    """``rows`` perturbed copies of the shared texts, written block by block (bounded memory)."""
    texts, labels = base_texts()
    tokens = [t.split() for t in texts]
    vocabulary = sorted({w for words in tokens for w in words})
    rng = np.random.default_rng(seed)
    partial = path.with_suffix(".partial")
    schema = pa.schema([("text", pa.string()), ("label", pa.int8())])
    with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
        for start in range(0, rows, row_group):
            n = min(row_group, rows - start)
            base = rng.integers(0, len(texts), n)
            ops = rng.integers(0, 6, n)  # 5 = unchanged
            a, b = rng.integers(0, 1 << 30, n), rng.integers(0, 1 << 30, n)
            extra = rng.integers(0, len(vocabulary), n)
            column = [
                perturbed(list(tokens[i]), op, x, y, vocabulary[e])
                for i, op, x, y, e in zip(base, ops, a, b, extra, strict=True)
            ]
            writer.write_table(pa.table({"text": column, "label": labels[base]}, schema=schema))
    partial.replace(path)


# ------------------------------------------------------------------------- stages


def run_stage(mode: str, stage: str, data: Path, work: Path, chunk_rows: int) -> int:
    """One stage in this process; returns the rows it handled."""
    from alchemist import load_task
    from alchemist.programs import ProgramStore

    task = load_task(TASK)
    programs = [replace(p, function_name=task.function_name) for p in ProgramStore(PROGRAMS).load()]
    if mode == "memory":
        return _memory_stage(stage, task, programs, data, work)
    return _stream_stage(stage, task, programs, data, work, chunk_rows)


def _memory_stage(stage: str, task, programs, data: Path, work: Path) -> int:
    from alchemist.data.dataset import load_dataset
    from alchemist.distill import DistilledModel
    from alchemist.execution import ExecutionConfig, execute
    from alchemist.label_matrix import LabelMatrix
    from alchemist.labelmodels import make_label_model
    from alchemist.run.folder import RunDir

    if stage == "execute":
        dataset = load_dataset(data, task)
        matrix = execute(programs, dataset.items, task.class_ids, ExecutionConfig(workers=2))
        matrix.save(work / "votes.npz")
        return len(dataset)
    if stage == "aggregate":  # as pipeline.aggregate without a dev split, then its writer
        matrix = LabelMatrix.load(work / "votes.npz")
        model = make_label_model("dawid_skene").fit(matrix.votes, task.n_classes)
        RunDir(work).write_pseudolabels(task, matrix, model.predict_proba(matrix.votes))
        return len(matrix.votes)
    if stage == "distill":
        dataset = load_dataset(data, task)
        labels = pd.read_parquet(work / "pseudolabels.parquet")
        covered = labels["covered"].to_numpy()
        # One epoch, as streamed: the default early stopping trains 11 epochs or more, which
        # would take this path over half an hour at 1 M rows (see the module docstring).
        model = DistilledModel(featurizer="tfidf", classifier__max_epochs=1).fit(
            dataset.frame[covered], labels[["p_HAM", "p_SPAM"]].to_numpy()[covered]
        )
        model.save(work / "model")
        return len(dataset)
    dataset = load_dataset(data, task)
    proba = DistilledModel.load(work / "model").predict_proba(dataset.frame)
    dataset.frame.assign(label=proba.argmax(axis=1), confidence=proba.max(axis=1)).to_parquet(
        work / "predictions.parquet"
    )
    return len(dataset)


def _stream_stage(stage: str, task, programs, data: Path, work: Path, chunk_rows: int) -> int:
    from alchemist.distill import DistilledModel
    from alchemist.execution import ExecutionConfig
    from alchemist.scale.parts import MatrixParts
    from alchemist.scale.settings import ScaleSettings
    from alchemist.scale.streaming import (
        fit_from_parts,
        stream_distill,
        stream_execute,
        stream_predict,
        write_pseudolabels,
    )

    if stage == "execute":
        parts = stream_execute(
            programs,
            data,
            task,
            work / "parts",
            chunk_rows=chunk_rows,
            config=ExecutionConfig(workers=2),
        )
        return parts.summary()["rows"]
    if stage == "aggregate":
        parts = MatrixParts(work / "parts")
        model = fit_from_parts(parts, task, "dawid_skene").model
        return write_pseudolabels(parts, model, task, work / "pseudolabels.parquet")["rows"]
    if stage == "distill":
        settings = ScaleSettings(chunk_rows=chunk_rows)
        model = stream_distill(data, work / "pseudolabels.parquet", task, settings=settings)
        model.save(work / "model")
        return int(pq.ParquetFile(data).metadata.num_rows)
    return stream_predict(
        DistilledModel.load(work / "model"),
        data,
        task,
        work / "predictions.parquet",
        chunk_rows=chunk_rows,
    )


# ------------------------------------------------------------------------- measuring


def load() -> str:
    """uptime's load averages (1/5/15 min) and the processes runnable right now."""
    fields = Path("/proc/loadavg").read_text().split()
    return f"{'/'.join(fields[:3])} ({fields[3].split('/')[0]} runnable)"


def measure(mode: str, stage: str, data: Path, work: Path, chunk_rows: int) -> dict:
    before_load = load()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--stage",
            stage,
            "--mode",
            mode,
            "--data",
            str(data),
            "--work",
            str(work),
            "--chunk-rows",
            str(chunk_rows),
        ],
        stdout=subprocess.PIPE,
    )
    tree, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            processes = [tree, *tree.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in processes if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    out, _ = child.communicate()
    if child.returncode:
        raise SystemExit(f"{mode} {stage} failed with exit code {child.returncode}")
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    rows = json.loads(out.decode().strip().splitlines()[-1])["rows"]
    return {
        "mode": mode,
        "stage": stage,
        "rows": rows,
        "seconds": seconds,
        "cpu": cpu,
        "rows_per_s": rows / seconds,
        "rows_per_cpu_s": rows / cpu if cpu else 0.0,
        "peak_gb": peak / 1e9,
        "load": f"{before_load} -> {load()}",
    }


def run_path(mode: str, data: Path, work: Path, chunk_rows: int) -> list[dict]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results = []
    for stage in STAGES:
        result = measure(mode, stage, data, work, chunk_rows)
        print(
            f"  {mode:6} {stage:9} {result['rows']:>10,} rows {result['seconds']:8.1f} s "
            f"{result['rows_per_s']:>10,.0f} rows/s {result['rows_per_cpu_s']:>10,.0f} "
            f"rows/CPU-s  peak {result['peak_gb']:.2f} GB  load {result['load']}",
            flush=True,
        )
        results.append(result)
    return results


def table(runs: dict[str, list[dict]], big: str, reference: str) -> str:
    lines = [
        "| stage | "
        + " | ".join(f"{name}: rows/s, rows/CPU-s, peak RSS" for name in runs)
        + " | per-core ratio "
        f"{big} / {reference} |",
        "|---" * (len(runs) + 2) + "|",
    ]
    for i, stage in enumerate(STAGES):
        cells = [
            f"{r[i]['rows_per_s']:,.0f}, {r[i]['rows_per_cpu_s']:,.0f}, {r[i]['peak_gb']:.2f} GB"
            for r in runs.values()
        ]
        ratio = runs[big][i]["rows_per_cpu_s"] / runs[reference][i]["rows_per_cpu_s"]
        lines.append(f"| {stage} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    walls = [f"{sum(r['seconds'] for r in rs):,.0f} s" for rs in runs.values()]
    lines.append("| total wall time | " + " | ".join(walls) + " | |")
    loads = [", ".join(r["load"] for r in rs) for rs in runs.values()]
    lines.append("| load (1/5/15 min) before -> after each stage | " + " | ".join(loads) + " | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--reference-rows", type=int, default=1_000_000)
    parser.add_argument("--chunk-rows", type=int, default=200_000)
    parser.add_argument(
        "--workdir", type=Path, default=Path.home() / ".cache" / "alchemist" / "bench_scale"
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        choices=("memory", "stream-small", "stream-big"),
        help="measure only these paths; the table takes the others from the "
        "last run's results.json in --workdir",
    )
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        rows = run_stage(args.mode, args.stage, args.data, args.work, args.chunk_rows)
        print(json.dumps({"rows": rows}))
        return
    started = time.perf_counter()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"load at start: {load()} (uptime 1/5/15 min), {os.cpu_count()} cores")
    data = {}
    for rows in (args.reference_rows, args.rows):
        data[rows] = args.workdir / f"texts-{rows}.parquet"
        if not data[rows].exists():
            began = time.perf_counter()
            generate(data[rows], rows, args.chunk_rows)
            print(f"generated {rows:,} rows in {time.perf_counter() - began:.0f} s: {data[rows]}")
    small, big = f"{args.reference_rows:,}", f"{args.rows:,}"
    paths = {
        f"in memory, {small} rows": ("memory", args.reference_rows, "memory"),
        f"streamed, {small} rows": ("stream", args.reference_rows, "stream-small"),
        f"streamed, {big} rows": ("stream", args.rows, "stream-big"),
    }
    record = args.workdir / "results.json"
    runs = json.loads(record.read_text()) if record.exists() else {}
    for name, (mode, rows, folder) in paths.items():
        if folder in args.only or not args.only:
            runs[name] = run_path(mode, data[rows], args.workdir / folder, args.chunk_rows)
            record.write_text(json.dumps(runs, indent=1))
    runs = {name: runs[name] for name in paths if name in runs}
    reference = f"in memory, {small} rows"
    if reference in runs and f"streamed, {big} rows" in runs:
        print()
        print(table(runs, f"streamed, {big} rows", reference))
    print(f"\nbenchmark wall time {time.perf_counter() - started:,.0f} s; load at end {load()}")


if __name__ == "__main__":
    main()
