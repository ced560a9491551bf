"""Time and peak memory of ``python -m xueji check`` on a large roster, as a workbook and as CSV.

Usage::

    python bench/bench_cli_files.py [--rows 1000000] [--seed 2025] [--no-csv] [--keep DIR]

Builds, in a temporary directory, one roster of ``--rows`` students (a title row, the
header 序号/姓名/身份证号/班级, then the students; about 2 % of the IDs damaged: a wrong
check character, an empty cell, an ID stored as a number), saved as an ``.xlsx`` workbook
(openpyxl's write-only mode, strings in the shared-string table as Excel writes them) and
as a GB18030 CSV file. Then runs the ``check`` command on each in a child process and
reports its wall time and peak resident memory (``ru_maxrss`` of the child). The
workbook is read in openpyxl's read-only, streaming mode: memory should stay far below
1 GiB however many rows there are.

Needs openpyxl (``pip install -e '.[excel]'``). Building the workbook takes longer than
checking it.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from xueji import make_resident_id

HEADER = ("序号", "姓名", "身份证号", "班级")
TITLE = "某某区 2025 年秋季学期在校学生花名册(基准测试)"
COUNTIES = ("110105", "110108", "310115", "440305", "440106", "510107", "330106", "420111")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def students(rows: int, seed: int) -> Iterator[tuple[int, str, str | float, str]]:
    """``(序号, 姓名, 身份证号, 班级)`` rows; the ID is a float where Excel stored a number."""
    rng = random.Random(seed)
    start = datetime.date(2008, 9, 1).toordinal()
    for n in range(1, rows + 1):
        born = datetime.date.fromordinal(start + rng.randrange(12 * 365))
        rid = make_resident_id(
            region_code=rng.choice(COUNTIES), birth_date=born, sequence=rng.randrange(1000)
        ).value
        damage = rng.random()
        cell: str | float = rid
        if damage < 0.01:
            cell = rid[:-1] + ("0" if rid[-1] != "0" else "1")
        elif damage < 0.015:
            cell = ""
        elif damage < 0.02 and rid[-1] != "X":
            cell = float(f"{int(rid):.14e}")  # what a cell formatted as a number keeps
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        yield n, name, cell, f"{rng.randrange(1, 7)}年级({rng.randrange(1, 9)})班"


def build_workbook(path: Path, rows: int, seed: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append([TITLE])
    sheet.append(list(HEADER))
    for row in students(rows, seed):
        sheet.append(list(row))
    book.save(path)


def build_csv(path: Path, rows: int, seed: int) -> None:
    with path.open("w", newline="", encoding="gb18030") as f:
        writer = csv.writer(f)
        writer.writerow([TITLE])
        writer.writerow(HEADER)
        for n, name, cell, grade in students(rows, seed):
            # A CSV saved by Excel holds what the cell shows: 4.40305E+17 for a number.
            shown = f"{cell:.5E}" if isinstance(cell, float) else cell
            writer.writerow([n, name, shown, grade])


def run_check(path: Path, out: Path) -> tuple[float, float, int, int, str]:
    """Wall and CPU seconds, peak RSS in bytes, exit status and summary of ``check``."""
    command = [sys.executable, "-m", "xueji", "check", str(path), "--column", "身份证号"]
    command += ["--as-of", "2026-11-28", "--out", str(out)]
    start = time.perf_counter()
    # The summary is a few lines (the rows go to --out): the pipes cannot fill up.
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, wait_status, usage = os.wait4(child.pid, 0)  # this child's own resource use
    seconds = time.perf_counter() - start
    status = os.waitstatus_to_exitcode(wait_status)
    child.returncode = status
    summary, errors = child.communicate()
    if status not in (0, 1):
        sys.exit(f"check failed ({status}): {errors}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss * 1024, status, summary  # ru_maxrss: KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-csv", action="store_true", help="time the workbook only")
    parser.add_argument("--keep", help="build the files in this folder and keep them")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="xueji-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = [("xlsx", folder / "roster.xlsx", build_workbook)]
    if not args.no_csv:
        files.append(("GB18030 CSV", folder / "roster.csv", build_csv))
    try:
        for name, path, build in files:
            start = time.perf_counter()
            build(path, args.rows, args.seed)
            size = path.stat().st_size
            print(
                f"built {name}: {args.rows:,} rows, {size / 2**20:.1f} MiB "
                f"in {time.perf_counter() - start:.1f} s"
            )
            out = folder / f"problems-{path.stem}.csv"
            seconds, cpu, peak, status, summary = run_check(path, out)
            print(
                f"python -m xueji check on the {name}: {seconds:.1f} s "
                f"({cpu:.1f} s of CPU), peak RSS {peak / 2**20:.0f} MiB, exit {status}"
            )
            print("  " + "\n  ".join(summary.splitlines()[:3]))
    finally:
        if not args.keep:
            for path in folder.iterdir():
                path.unlink()
            os.rmdir(folder)


if __name__ == "__main__":
    main()
