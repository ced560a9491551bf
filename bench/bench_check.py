"""Dataset-check speed: check_many, find_duplicates and the check command, on the data set.

    python bench/bench_check.py [--n 200000] [--repeat 5] [--rounds 3] [--no-cli]
        [--no-duplicates] [--no-frames]

The large input is the benchmark data set (``bench/dataset.py``, 200,000 seeded resident IDs,
about 10 % defective) repeated ``--repeat`` times: 1,000,000 rows by default.

Printed, as ratios taken in one process (`_common.rounds`: in each round every contender
once, each after a part of stdnum's loop; each keeps its best round; CPU time, wall time
beside it):
  - python-stdnum's ``cn.ric.is_valid`` in a loop over the 200,000-row sample; its
    per-row time stands for the large input (stdnum would take a minute a round there;
    the large input is the sample repeated, so its rows cost stdnum the same);
  - ``check_many`` on the 1,000,000-row list plus the per-row mask a data frame needs,
    ``ok_array()`` (goal: 400 times stdnum); the same with the list mask ``ok_mask()``;
  - ``check_many`` without numpy (``vectorise=False``, the path taken where numpy is not
    installed) with ``summary()`` and with ``ok_mask()`` (goal: 40 times stdnum);
  - unless ``--no-frames``: ``check_many(...).ok_array()`` on the same rows as a polars
    ``Series``, a pandas ``string[pyarrow]`` column (both read from their Arrow buffers),
    a pandas ``object`` column and a numpy ``U`` array;
  - ``find_duplicates`` on as many dicts (resident_id, registry_number = "G" + ID or an L
    number, name, sex, birth_date; the copies of a valid ID get a new sequence, so that
    only the planted clashes, one row in 500, and chance name collisions are found), in a
    fresh interpreter: time, peak RSS above the built rows, and tracemalloc's peak (a
    second run);
  - ``python -m xueji check`` on the large input written as a CSV in a temporary directory.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
from _common import dataset, loop, machine, ratio, rounds, row, slices
from dataset import renumbered
from stdnum.cn import ric

import xueji

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
DUPLICATE_COLUMNS = {
    "resident_id": "resident_id",
    "registry_number": "registry_number",
    "name": "name",
    "sex": "sex",
    "birth_date": "birth_date",
}


def student_rows(ids: list[str], seed: int = 7) -> list[dict[str, str]]:
    """One dict per ID, as a registry export has them; one row in 500 clashes on purpose."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i, rid in enumerate(ids):
        born = rid[6:14] if len(rid) == 18 else "20100101"
        sex = "1" if len(rid) == 18 and rid[16] in "13579" else "2"
        temporary = f"L{rid[:6]}{born}{rng.randrange(10_000):04d}"
        number = "G" + rid if rng.random() < 0.8 else temporary
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        if i % 500 == 499:
            # A planted clash: an earlier student's ID under a new L number, same details.
            earlier = rows[i - 250]
            rid = earlier["resident_id"]
            born, sex, name = earlier["birth_date"], earlier["sex"], earlier["name"]
            number = f"L{rid[:6]}{born}{rng.randrange(10_000):04d}"
        rows.append(
            {
                "resident_id": rid,
                "registry_number": number,
                "name": name,
                "sex": sex,
                "birth_date": f"{born[:4]}-{born[4:6]}-{born[6:]}",
            }
        )
    return rows


def unique_ids(data: list[str], labels: list[str], repeat: int) -> list[str]:
    """``data`` ``repeat`` times, each valid ID given a new sequence (and check) per copy."""
    return [rid for copy in range(repeat) for rid in renumbered(data, labels, copy)]


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duplicates_child(n: int, repeat: int) -> None:
    """Run in a fresh interpreter: build the rows, then time and measure find_duplicates."""
    data, labels = dataset(n)
    rows = student_rows(unique_ids(data, labels, repeat))
    base = maxrss_mib()
    start = time.perf_counter()
    groups = xueji.find_duplicates(rows, columns=DUPLICATE_COLUMNS)
    seconds = time.perf_counter() - start
    rss = maxrss_mib() - base
    tracemalloc.start()
    xueji.find_duplicates(rows, columns=DUPLICATE_COLUMNS)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kinds: dict[str, int] = {}
    for group in groups:
        kinds[group.kind] = kinds.get(group.kind, 0) + 1
    result = {
        "rows": len(rows),
        "seconds": seconds,
        "rss_mib": rss,
        "traced_mib": traced / 2**20,
        "groups": kinds,
    }
    print(json.dumps(result))


def run_duplicates(n: int, repeat: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child-duplicates", "--n", str(n), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def run_cli(ids: list[str]) -> tuple[float, int, int]:
    """Seconds, exit status and problem rows of ``python -m xueji check`` on a CSV of ``ids``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "students.csv"
        out = Path(tmp) / "problems.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["xh", "sfzh", "bj"])
            writer.writerows([i, rid, "一(1)"] for i, rid in enumerate(ids))
        start = time.perf_counter()
        command = ["check", str(path), "--column", "sfzh", "--out", str(out)]
        done = subprocess.run(
            [sys.executable, "-m", "xueji", *command, "--as-of", datetime.date.today().isoformat()],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        with out.open(encoding="utf-8") as f:
            problems = sum(1 for _ in f) - 1
    return seconds, done.returncode, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--no-duplicates", action="store_true")
    parser.add_argument("--no-frames", action="store_true")
    parser.add_argument("--child-duplicates", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_duplicates:
        duplicates_child(args.n, args.repeat)
        return

    data, labels = dataset(args.n)
    big = data * args.repeat
    n, big_n = len(data), len(big)
    print(f"sample: {n:,} rows ({labels.count('valid'):,} labelled valid); large: {big_n:,} rows")
    print(machine())

    contenders: dict[str, Callable[[], object]] = {
        "check_many + ok_array() (numpy)": lambda: xueji.check_many(big).ok_array(),
        "check_many + ok_mask() (numpy)": lambda: xueji.check_many(big).ok_mask(),
        "check_many + summary(), without numpy": lambda: xueji.check_many(
            big, vectorise=False
        ).summary(),
        "check_many + ok_mask(), without numpy": lambda: xueji.check_many(
            big, vectorise=False
        ).ok_mask(),
    }
    if not args.no_frames:
        import pandas as pd
        import polars as pl

        frames: dict[str, Iterable[object]] = {
            "a polars Series": pl.Series(big),
            "a pandas string[pyarrow] column": pd.Series(big, dtype="string[pyarrow]"),
            "a pandas object column": pd.Series(big, dtype=object),
            "a numpy U array": np.array(big),
        }

        def masked(column: Iterable[object]) -> Callable[[], object]:
            return lambda: xueji.check_many(column).ok_array()

        for name, column in frames.items():
            contenders[f"check_many + ok_array(), {name}"] = masked(column)
    # One untimed run each: the first call builds the numpy path's tables (timed below).
    start = time.perf_counter()
    xueji.check_many(data[:1], vectorise=True)
    first = time.perf_counter() - start
    for fn in contenders.values():
        fn()
    # stdnum's loop over the sample, in as many parts as there are other contenders, one
    # part before each: stdnum is timed across the whole round, as they are.
    stdnum = "stdnum.cn.ric.is_valid (loop, the sample)"
    ours = {name: fn for name, fn in contenders.items() if name != stdnum}
    parts = slices(data, -(-n // len(ours)))
    schedule = []
    for part, (name, fn) in zip(parts, ours.items(), strict=True):
        schedule += [(stdnum, loop(ric.is_valid, part)), (name, fn)]
    times = rounds(schedule, args.rounds)
    base = times[stdnum]
    scale = big_n / n  # stdnum's per-row time, over the large input
    print(row(stdnum, n, base, base.best))
    for name, t in times.items():
        if name.startswith("stdnum"):
            continue
        print(row(name, big_n, t, base.best * scale))
    print("Ratios to stdnum's per-row time (goals: 400x with numpy and ok_array, 40x without):")
    for name, t in times.items():
        if not name.startswith("stdnum"):
            print(f"  {name:<58}{ratio(base, t, scale)}")
    print(f"  summary: {xueji.check_many(big).summary()}")
    print(f"  the first numpy call of a process builds its tables: {first * 1000:.0f} ms wall")

    if not args.no_duplicates:
        dup = run_duplicates(args.n, args.repeat)
        print(
            f"find_duplicates on {dup['rows']:,} dicts: {dup['seconds']:.2f} s, "
            f"peak RSS +{dup['rss_mib']:.0f} MiB above the rows, "
            f"tracemalloc peak {dup['traced_mib']:.0f} MiB; groups {dup['groups']}"
        )

    if not args.no_cli:
        seconds, status, problems = run_cli(big)
        print(
            f"python -m xueji check on a {big_n:,}-row CSV: {seconds:.2f} s "
            f"(exit {status}, {problems:,} problem rows written)"
        )
    print(machine())


if __name__ == "__main__":
    main()
