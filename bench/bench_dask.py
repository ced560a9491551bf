"""Scale-out: the Dask recipe on 10 million rows, 2 worker processes against one process.

    python bench/bench_dask.py [--copies 50] [--workers 2] [--repeat 3] [--no-check]
        [--no-duplicates] [--one-worker] [--without-dask] [--shuffle tasks]

The rows are the benchmark data set (``bench/dataset.py``, 200,000 IDs) in ``--copies``
renumbered copies, one copy per partition (50 copies: 10,000,000 rows). Each job runs the
code of ``docs/recipes/dask.md``:

- **check**: ``check_partition`` adds ``ok``, ``resident_id_clean`` and ``reason`` to every
  row (``check_many``, ``ok_mask()``, ``values()``, ``problems()``);
- **duplicates**: every row gets a name, sex, birth date and registry number (80 % ``G`` + the
  ID, else an L number; one row in 500 re-uses an earlier student's ID under a new number, and
  one in 1,000 a student's ID from the previous partition), then the rows are routed by
  canonical ID, canonical registry number and name, and ``find_duplicates`` runs on every
  partition of each.

One process: the same function on the whole frame (``pandas.concat`` of the partitions),
timed in a fresh interpreter that builds the frame first, so its peak RSS is its own.
Dask: a ``LocalCluster`` of ``--workers`` processes with one thread each; the partitions are
built on the workers and persisted first, then the job is timed to its results persisted on
the workers (the check) or gathered (the duplicate groups). Peak RSS per worker is the
process's high-water mark (``ru_maxrss``) after the job, with what the worker held after the
data was built. Times are best of ``--repeat``, with the spread, the CPU seconds spent (the
one process's; the sum over the workers) and the load average around the runs; parallel
efficiency is one-process time / (workers x Dask time). ``--shuffle tasks`` routes the rows
with Dask's task-based shuffle instead of its default (peer to peer on a cluster).

``--one-worker`` adds a 1-worker cluster (what Dask itself costs); ``--without-dask`` runs the
check split over ``--workers`` plain processes started together (what splitting the work can
gain on this machine at all, whatever runs beside it).

The machine is shared: run it when ``uptime`` shows a load under about 1.5.
"""

from __future__ import annotations

import argparse
import doctest
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
from bench_check import student_rows
from dask.distributed import Client, LocalCluster, wait
from dataset import build, renumbered

import xueji

RECIPE = Path(__file__).parents[1] / "docs" / "recipes" / "dask.md"


def recipe() -> dict[str, Any]:
    """The recipe's imports, constants and functions, run from its text.

    Its other examples need its sample frame and cluster; these are what the bench times.
    """
    namespace: dict[str, Any] = {}
    kept = ("import ", "from ", "def ", "AS_OF = ", "COLUMNS = ", "ROUTES = ", "GROUPS = ")
    parser = doctest.DocTestParser()
    for example in parser.get_examples(RECIPE.read_text(encoding="utf-8")):
        if example.source.startswith(kept):
            exec(example.source, namespace)
    return namespace


RUN = recipe()


# -- the partitions ------------------------------------------------------------------------


def base() -> tuple[list[str], list[str]]:
    return build()


def ids_of(copy: int, data: tuple[list[str], list[str]]) -> pd.DataFrame:
    numbers = renumbered(*data, copy)
    start = copy * len(numbers)
    return pd.DataFrame({"resident_id": numbers}, index=pd.RangeIndex(start, start + len(numbers)))


def students_of(copy: int, data: tuple[list[str], list[str]]) -> pd.DataFrame:
    numbers = renumbered(*data, copy)
    rows = student_rows(numbers, seed=copy)
    if copy > 0:
        # A clash across partitions: the previous copy's student under a new number.
        earlier = renumbered(*data, copy - 1)
        rng = random.Random(copy)
        for i in range(749, len(rows), 1000):
            rows[i]["resident_id"] = earlier[i - 1]
            rows[i]["registry_number"] = f"L{earlier[i - 1][:14]}{rng.randrange(10_000):04d}"
    start = copy * len(numbers)
    return pd.DataFrame(rows, index=pd.RangeIndex(start, start + len(rows)))


def tally(check: pd.DataFrame) -> dict[str, int]:
    """Rows, valid rows and first reasons: what both paths must agree on."""
    counts = check["reason"].value_counts().to_dict()
    return {"rows": len(check), "ok": int(check["ok"].sum()), **counts}


def kinds(groups: list[tuple[str, str, tuple[int, ...]]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, _, _ in groups:
        out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))


# -- measuring ------------------------------------------------------------------------------


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def spread(runs: list[dict[str, float]]) -> str:
    walls = [run["wall"] for run in runs]
    return f"{min(walls):6.2f} s (runs {', '.join(f'{t:.2f}' for t in walls)})"


def cpu(runs: list[dict[str, float]]) -> str:
    return f"{min(run['cpu'] for run in runs):.1f}"


def loads(runs: list[dict[str, float]]) -> str:
    return f"{min(run['load'] for run in runs):.1f}-{max(run['load'] for run in runs):.1f}"


def one_process(job: str, copies: int, repeat: int) -> dict[str, Any]:
    """Run in a fresh interpreter: build the frame, then time the job on all of it."""
    data = base()
    make = ids_of if job == "check" else students_of
    frame = pd.concat([make(copy, data) for copy in range(copies)])
    held = rss_mib()
    runs = []
    result: Any = None
    for _ in range(repeat):
        load = os.getloadavg()[0]
        start, busy = time.perf_counter(), time.process_time()
        if job == "check":
            result = tally(RUN["check_partition"](frame))
        else:
            found = xueji.find_duplicates(frame, columns=RUN["COLUMNS"])
            result = kinds([(g.kind, g.key, g.rows) for g in found])
        wall, busy = time.perf_counter() - start, time.process_time() - busy
        runs.append({"wall": wall, "cpu": busy, "load": max(load, os.getloadavg()[0])})
    return {"runs": runs, "held_mib": held, "peak_mib": peak_mib(), "result": result}


def run_one_process(
    job: str, copies: int, repeat: int, *, as_worker: bool, at_once: int = 1
) -> list[dict[str, Any]]:
    """``one_process`` in ``at_once`` fresh interpreters started together.

    ``as_worker``: with a Dask worker's environment. Dask starts its workers with one BLAS and
    OpenMP thread each (and a malloc setting); the one-process baseline of the efficiency gets
    the same, so both count the same cores.
    """
    command = [sys.executable, __file__, "--child", job, "--copies", str(copies)]
    command += ["--repeat", str(repeat)]
    env = dict(os.environ)
    if as_worker:
        env.update(
            {k: str(v) for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items()}
        )
    children = [
        subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(at_once)
    ]
    results = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode:
            sys.exit(f"{' '.join(command)} failed with exit status {child.returncode}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def dask_job(
    client: Client, job: str, copies: int, repeat: int, shuffle: str | None
) -> dict[str, Any]:
    local = base()
    make = ids_of if job == "check" else students_of
    data = client.scatter(local, broadcast=True)
    parts = client.map(make, range(copies), data=data)
    frame = dd.from_delayed(parts, meta=make(0, local).head(0)).persist()
    wait(frame)
    del parts
    held = client.run(rss_mib)
    runs = []
    result: Any = None
    for _ in range(repeat):
        load = os.getloadavg()[0]
        busy = sum(client.run(time.process_time).values())
        start = time.perf_counter()
        if job == "check":
            checked = frame.map_partitions(RUN["check_partition"]).persist()
            wait(checked)
            wall = time.perf_counter() - start
            result = tally(checked[["ok", "reason"]].compute())
            del checked
        else:
            with dask.config.set({"dataframe.shuffle.method": shuffle}):
                found = RUN["duplicates_across"](frame)
            wall = time.perf_counter() - start
            result = kinds([(g.kind, g.key, g.rows) for g in found])
        # Worker CPU includes the tally's transfer for the check: a few tenths of a second.
        busy = sum(client.run(time.process_time).values()) - busy
        runs.append({"wall": wall, "cpu": busy, "load": max(load, os.getloadavg()[0])})
    peaks = client.run(peak_mib)
    del frame
    return {"runs": runs, "held_mib": held, "peak_mib": peaks, "result": result}


def report(job: str, rows: int, single: dict[str, Any], dask_runs: dict[int, Any]) -> None:
    t1 = min(run["wall"] for run in single["runs"])
    print(f"{job}: {rows:,} rows")
    print(
        f"  one process           {spread(single['runs'])}, {rows / t1:,.0f} rows/s, "
        f"{cpu(single['runs'])} CPU s, load {loads(single['runs'])}"
    )
    print(
        f"                        frame held {single['held_mib']:,.0f} MiB, "
        f"peak RSS {single['peak_mib']:,.0f} MiB"
    )
    for workers, out in dask_runs.items():
        tn = min(run["wall"] for run in out["runs"])
        print(
            f"  Dask, {workers} worker{'s' if workers > 1 else ' '}       {spread(out['runs'])}, "
            f"{rows / tn:,.0f} rows/s, {cpu(out['runs'])} CPU s, load {loads(out['runs'])}"
        )
        held = ", ".join(f"{v:,.0f}" for v in out["held_mib"].values())
        peaks = ", ".join(f"{v:,.0f}" for v in out["peak_mib"].values())
        print(f"                        data held per worker {held} MiB, peak RSS {peaks} MiB")
        worst = max(r["wall"] for r in single["runs"]) / (
            workers * max(r["wall"] for r in out["runs"])
        )
        print(
            f"                        parallel efficiency {t1 / (workers * tn):.0%} "
            f"(best runs; {worst:.0%} slowest runs); results equal: "
            f"{single['result'] == out['result']}"
        )
    print(f"  results: {single['result']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="partitions of 200,000 rows")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--shuffle", choices=("p2p", "tasks"), help="Dask's shuffle method")
    parser.add_argument("--no-duplicates", action="store_true")
    parser.add_argument(
        "--one-worker", action="store_true", help="also time a 1-worker cluster (Dask's overhead)"
    )
    parser.add_argument(
        "--without-dask",
        action="store_true",
        help="also time the check split over --workers plain processes (the machine's limit)",
    )
    parser.add_argument(
        "--default-threads",
        action="store_true",
        help="also time the one-process check with numpy's default threads",
    )
    parser.add_argument("--child", choices=("check", "duplicates"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_process(args.child, args.copies, args.repeat)))
        return

    rows = args.copies * 200_000
    jobs = [
        job
        for job, skip in (("check", args.no_check), ("duplicates", args.no_duplicates))
        if not skip
    ]
    singles = {
        job: run_one_process(job, args.copies, args.repeat, as_worker=True)[0] for job in jobs
    }
    if args.default_threads and "check" in jobs:
        free = run_one_process("check", args.copies, args.repeat, as_worker=False)[0]
        print(f"check, one process with numpy's default threads: {spread(free['runs'])}")
    if args.without_dask and "check" in jobs:
        # The best that splitting the work can do on this machine, with no Dask at all: each
        # of --workers processes checks its share of the rows, all at the same time.
        alone = min(run["wall"] for run in singles["check"]["runs"])
        shares = run_one_process(
            "check", args.copies // args.workers, args.repeat, as_worker=True, at_once=args.workers
        )
        slowest = max(min(run["wall"] for run in share["runs"]) for share in shares)
        for share in shares:
            print(
                f"check, 1/{args.workers} of the rows in each of {args.workers} processes at once: "
                f"{spread(share['runs'])}, {cpu(share['runs'])} CPU s, load {loads(share['runs'])}"
            )
        print(f"  efficiency without Dask {alone / (args.workers * slowest):.0%} (best runs)")
    sizes = sorted({args.workers, 1} if args.one_worker else {args.workers})
    outs: dict[str, dict[int, Any]] = {job: {} for job in jobs}
    for workers in sizes:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0")
        with cluster, Client(cluster) as client:
            for job in jobs:
                outs[job][workers] = dask_job(client, job, args.copies, args.repeat, args.shuffle)
    for job in jobs:
        report(job, rows, singles[job], outs[job])


if __name__ == "__main__":
    main()
