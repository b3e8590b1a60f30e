"""Throughput of labeling programs: raw in-process calls vs the isolated executor.

Prints items x programs per second, side by side, for 10 programs modelled on the WRENCH
YouTube labeling functions over >= 100k texts (SMS Spam Collection and YouTube Spam Collection
comments, repeated). Run from the repository root:

    PYTHONPATH=src python benchmarks/bench_execution.py [--items 100000] [--repeat 3]
    PYTHONPATH=src python benchmarks/bench_execution.py --quick   # under a minute

``--quick`` measures 30 000 texts, best of 2, in this process's user only; the figures to
read are the warm rows: one worker against raw in-process calls, and two workers against one.

The isolated rows are measured again as an ordinary user (uid 65534; when run as root the
measuring process gives up root first, see tests/unprivileged.py), who gets the rootless
confinement only; ``--no-unprivileged`` skips that.

Data: ../shared/datasets (SMS Spam Collection, Almeida et al. 2011; YouTube Spam Collection,
Alberto et al. 2015; both UCI, CC BY 4.0).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

from alchemist.execution import ExecutionConfig, Executor
from alchemist.programs import Program

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "datasets"

SOURCES = {
    "keyword_my": "def label(text):\n"
    "    t = text.lower()\n"
    "    return 1 if 'my channel' in t or 'my video' in t else -1\n",
    "keyword_subscribe": "def label(text):\n    return 1 if 'subscribe' in text.lower() else -1\n",
    "keyword_link": "import re\nLINK = re.compile(r'https?://|www\\.|\\.com')\n"
    "def label(text):\n    return 1 if LINK.search(text) else -1\n",
    "keyword_please": "WORDS = ('please', 'plz', 'pls')\n"
    "def label(text):\n"
    "    t = text.lower()\n"
    "    return 1 if any(w in t for w in WORDS) else -1\n",
    "keyword_song": "import re\nSONG = re.compile(r'\\bsong\\b', re.I)\n"
    "def label(text):\n    return 0 if SONG.search(text) else -1\n",
    "regex_check_out": "import re\nCHECK = re.compile(r'check\\s+(it\\s+)?out', re.I)\n"
    "def label(text):\n    return 1 if CHECK.search(text) else -1\n",
    "short_comment": "def label(text):\n    return 0 if len(text.split()) < 5 else -1\n",
    "free_prize": "import re\nPRIZE = re.compile(r'\\b(free|win|won|prize|cash|claim)\\b', re.I)\n"
    "def label(text):\n    return 1 if PRIZE.search(text) else -1\n",
    "shouting": "def label(text):\n"
    "    letters = [c for c in text if c.isalpha()]\n"
    "    if len(letters) < 10:\n"
    "        return -1\n"
    "    upper = sum(c.isupper() for c in letters)\n"
    "    return 1 if upper / len(letters) > 0.6 else -1\n",
    "digits": "import re\nNUMBER = re.compile(r'\\d{5,}')\n"
    "def label(text):\n    return 1 if NUMBER.search(text) else -1\n",
}


def load_texts(n: int) -> list[str]:
    sms = (DATA / "sms" / "SMSSpamCollection.tsv").read_text(encoding="utf-8").splitlines()[1:]
    texts = [line.split("\t", 1)[1] for line in sms if "\t" in line]
    for split in ("train", "valid", "test"):
        rows = json.loads((DATA / "youtube" / f"{split}.json").read_text(encoding="utf-8"))
        texts += [row["data"]["text"] for row in rows.values()]
    return (texts * (n // len(texts) + 1))[:n]


def raw_in_process(programs: list[Program], texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of plain calls in this process: the floor the executor is measured
    against. (The benchmark's own trusted programs: the executor never runs code in-process.)"""
    functions = []
    for program in programs:
        namespace: dict = {}
        exec(program.source, namespace)  # noqa: S102 - the benchmark's own programs
        functions.append(namespace["label"])
    wall, cpu = time.perf_counter(), time.process_time()
    for function in functions:
        [function(text) for text in texts]
    return time.perf_counter() - wall, time.process_time() - cpu


def _cpu_all() -> float:
    """CPU seconds of this process and of its children that have exited."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def isolated(programs: list[Program], texts: list[str], workers: int) -> dict[str, float]:
    """Wall seconds of a cold run (workers started within it) and of a warm run, and the CPU
    seconds of all processes for the cold run, worker start included."""
    config = ExecutionConfig(workers=workers)
    cpu, wall = _cpu_all(), time.perf_counter()
    with Executor(config) as executor:
        executor.run(programs, texts, [0, 1])
        cold = time.perf_counter() - wall
    cpu = _cpu_all() - cpu
    with Executor(config) as executor:
        executor.run(programs[:1], texts[:10], [0, 1])
        wall = time.perf_counter()
        executor.run(programs, texts, [0, 1])
        warm = time.perf_counter() - wall
    return {"warm": warm, "cold": cold, "cpu": cpu}


def isolated_rows(items: int, repeat: int, user: str = "") -> list[tuple[str, float, float | None]]:
    """Rows of the isolated executor with 1 worker and one per core, best of ``repeat``."""
    texts = load_texts(items)
    programs = [Program(id=name, source=src) for name, src in SOURCES.items()]
    rows: list[tuple[str, float, float | None]] = []
    for workers in sorted({1, 2, os.cpu_count() or 1}):
        runs = [isolated(programs, texts, workers) for _ in range(repeat)]
        best = {key: min(r[key] for r in runs) for key in runs[0]}
        rows.append((f"isolated{user}, {workers} worker(s), warm", best["warm"], None))
        rows.append((f"isolated{user}, {workers} worker(s), cold", best["cold"], best["cpu"]))
    return rows


def unprivileged_rows(items: int, repeat: int) -> list[tuple[str, float, float | None]]:
    """``isolated_rows`` measured by uid 65534 (see tests/unprivileged.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from unprivileged import home_for_nobody, run_as_nobody

    home = home_for_nobody()
    code = (
        f"import json, os, sys\nsys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        f"import bench_execution\nrows = bench_execution.isolated_rows({items}, {repeat}, "
        f"f', uid {{os.getuid()}}')\nprint(json.dumps(rows))"
    )
    try:
        done = run_as_nobody(code, home, timeout=3600)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"the unprivileged run failed:\n{done.stderr[-2000:]}")
    return [tuple(row) for row in json.loads(done.stdout.splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument(
        "--no-unprivileged", action="store_true", help="skip the rows measured as an ordinary user"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="30 000 texts, best of 2, no unprivileged rows: under a minute",
    )
    args = parser.parse_args()
    if args.quick:
        args.items, args.repeat, args.no_unprivileged = 30_000, 2, True
    texts = load_texts(args.items)
    programs = [Program(id=name, source=src) for name, src in SOURCES.items()]
    cells = len(texts) * len(programs)
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    raws = [raw_in_process(programs, texts) for _ in range(args.repeat)]
    raw_wall, raw_cpu = min(r[0] for r in raws), min(r[1] for r in raws)
    rows: list[tuple[str, float, float | None]] = [("raw in-process", raw_wall, raw_cpu)]
    rows += isolated_rows(args.items, args.repeat, f", uid {os.getuid()}")
    if not args.no_unprivileged and os.getuid() == 0:
        rows += unprivileged_rows(args.items, args.repeat)
    print(
        f"{len(texts)} texts x {len(programs)} programs = {cells:,} cells; {cores} cores; "
        f"best of {args.repeat}; load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end"
    )
    print(f"{'mode':44} {'wall s':>7} {'cells/s':>11} {'wall/raw':>9} {'CPU s':>7} {'CPU/raw':>8}")
    for name, wall, cpu in rows:
        cpu_columns = f"{cpu:7.3f} {cpu / raw_cpu:7.2f}x" if cpu is not None else ""
        print(f"{name:44} {wall:7.3f} {cells / wall:11,.0f} {wall / raw_wall:8.2f}x {cpu_columns}")


if __name__ == "__main__":
    main()
