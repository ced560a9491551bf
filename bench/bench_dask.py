"""Scale-out: the Dask recipe on 10 million rows, 2 worker processes against one process.

    python bench/bench_dask.py [--copies 50] [--workers 2] [--repeat 3] [--no-check]
        [--no-duplicates] [--one-worker] [--without-dask] [--default-threads] [--shuffle tasks]

The rows are the benchmark data set (``bench/dataset.py``, 200,000 IDs) in ``--copies``
renumbered copies, one copy per partition (50 copies: 10,000,000 rows). Each job runs the
code of ``docs/recipes/dask.md``:

- **check**: ``check_partition`` adds ``ok``, ``resident_id_clean`` and ``reason`` to every
  row (``check_many``, ``ok_array()``, ``values()``, ``problems()``);
- **duplicates**: every row gets a name, sex, birth date and registry number (80 % ``G`` + the
  ID, else an L number; one row in 500 re-uses an earlier student's ID under a new number, and
  one in 1,000 a student's ID from the previous partition), then the rows are routed by
  canonical ID, canonical registry number and name, and ``find_duplicates`` runs on every
  partition of each.

One process: the same function on the whole frame (``pandas.concat`` of the partitions), in
a fresh interpreter that builds the frame first, so that its peak RSS is its own, and with a
Dask worker's environment (one BLAS and OpenMP thread), so that both count the same cores.
Dask: a ``LocalCluster`` of ``--workers`` processes with one thread each, fresh for each job;
the partitions are built on the workers and held there first, then the job is timed to its
results held on the workers (the check) or gathered (the duplicate groups). Peak RSS is each
process's high-water mark (``VmHWM``) after the job, beside what a worker held once the data
was built.

The contenders take turns in ``--repeat`` rounds, so that each round meets the same load on a
shared machine. Printed: the best time and every round's, rows per second, the CPU seconds
spent (the one process's; the sum over the workers) and the load average around the runs;
parallel efficiency is one-process time / (workers x Dask time), for the best runs and for
each round. ``--one-worker`` adds a 1-worker cluster (what Dask itself costs);
``--without-dask`` adds the check split over ``--workers`` plain processes started together
(what splitting the work can gain on this machine at that moment, whatever else runs);
``--shuffle tasks`` routes the rows with Dask's task-based shuffle instead of its default
(peer to peer on a cluster).

The machine is shared: run it when ``uptime`` shows a load under about 1.5.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import json
import os
import random
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
    """This process's peak RSS (VmHWM, which exec resets; ``ru_maxrss`` keeps the parent's)."""
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


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


def one_process(job: str, copies: int) -> dict[str, Any]:
    """Run in a fresh interpreter: build the frame, then time the job on all of it."""
    data = base()
    make = ids_of if job == "check" else students_of
    frame = pd.concat([make(copy, data) for copy in range(copies)])
    held = rss_mib()
    load = os.getloadavg()[0]
    start, busy = time.perf_counter(), time.process_time()
    if job == "check":
        result = tally(RUN["check_partition"](frame))
    else:
        found = xueji.find_duplicates(frame, columns=RUN["COLUMNS"])
        result = kinds([(g.kind, g.key, g.rows) for g in found])
    wall, busy = time.perf_counter() - start, time.process_time() - busy
    run = {"wall": wall, "cpu": busy, "load": max(load, os.getloadavg()[0])}
    return {"run": run, "held_mib": held, "peak_mib": peak_mib(), "result": result}


def children(
    job: str, copies: int, *, at_once: int = 1, as_worker: bool = True
) -> list[dict[str, Any]]:
    """``one_process`` in ``at_once`` fresh interpreters started together.

    ``as_worker``: with a Dask worker's environment. Dask starts its workers with one BLAS and
    OpenMP thread each (and a malloc setting); the one-process baseline of the efficiency gets
    the same, so both count the same cores.
    """
    command = [sys.executable, __file__, "--child", job, "--copies", str(copies)]
    env = dict(os.environ)
    if as_worker:
        environ = dask.config.get("distributed.nanny.pre-spawn-environ")
        env.update({key: str(value) for key, value in environ.items()})
    started = [
        subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(at_once)
    ]
    results = []
    for child in started:
        out, _ = child.communicate()
        if child.returncode:
            sys.exit(f"{' '.join(command)} failed with exit status {child.returncode}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def prepare(client: Client, job: str, copies: int) -> tuple[dd.DataFrame, dict[str, float]]:
    """The job's partitions, built on the workers and held there."""
    local = base()
    make = ids_of if job == "check" else students_of
    with client.as_current():  # two clusters may be up: use this one
        data = client.scatter(local, broadcast=True)
        parts = client.map(make, range(copies), data=data)
        frame = dd.from_delayed(parts, meta=make(0, local).head(0)).persist()
        wait(frame)
    return frame, client.run(rss_mib)


def on_dask(
    client: Client, frame: dd.DataFrame, job: str, shuffle: str | None
) -> tuple[dict[str, float], Any]:
    load = os.getloadavg()[0]
    busy = sum(client.run(time.process_time).values())
    start = time.perf_counter()
    with client.as_current(), dask.config.set({"dataframe.shuffle.method": shuffle}):
        if job == "check":
            checked = frame.map_partitions(RUN["check_partition"]).persist()
            wait(checked)
            wall = time.perf_counter() - start
            result = tally(checked[["ok", "reason"]].compute())
            del checked
        else:
            found = RUN["duplicates_across"](frame)
            wall = time.perf_counter() - start
            result = kinds([(g.kind, g.key, g.rows) for g in found])
    # The workers' CPU includes, for the check, sending the tally's two columns: tenths of a second.
    busy = sum(client.run(time.process_time).values()) - busy
    return {"wall": wall, "cpu": busy, "load": max(load, os.getloadavg()[0])}, result


def efficiency(alone: list[float], split: list[float], workers: int) -> str:
    rounds = [a / (workers * b) for a, b in zip(alone, split, strict=True)]
    best = min(alone) / (workers * min(split))
    return f"{best:.0%} (best runs; per round {', '.join(f'{e:.0%}' for e in rounds)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="partitions of 200,000 rows")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="rounds")
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--no-duplicates", action="store_true")
    parser.add_argument("--shuffle", choices=("p2p", "tasks"), help="Dask's shuffle method")
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
        print(json.dumps(one_process(args.child, args.copies)))
        return

    rows = args.copies * 200_000
    jobs = [job for job in ("check", "duplicates") if not getattr(args, f"no_{job}")]
    sizes = sorted({args.workers, 1} if args.one_worker else {args.workers})
    for job in jobs:
        # Fresh clusters for each job, so that each worker's peak RSS is this job's.
        with contextlib.ExitStack() as stack:
            clients = {}
            for workers in sizes:
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, dashboard_address=":0"
                )
                clients[workers] = stack.enter_context(Client(stack.enter_context(cluster)))
            frames = {
                workers: prepare(client, job, args.copies) for workers, client in clients.items()
            }
            alone: list[dict[str, Any]] = []
            extra: dict[str, list[dict[str, float]]] = {"split": [], "threads": []}
            spread_out: dict[int, list[dict[str, float]]] = {workers: [] for workers in sizes}
            results = []
            # Rounds interleave the contenders, so that each round meets the same load.
            for _ in range(args.repeat):
                alone.append(children(job, args.copies)[0])
                results.append(alone[-1]["result"])
                if job == "check" and args.without_dask:
                    # What splitting the work gains on this machine with no Dask at all: each
                    # of --workers processes checks its share of the rows, all at once.
                    shares = children(job, args.copies // args.workers, at_once=args.workers)
                    slowest = max(shares, key=lambda share: share["run"]["wall"])["run"]
                    slowest["cpu"] = sum(share["run"]["cpu"] for share in shares)
                    extra["split"].append(slowest)
                if job == "check" and args.default_threads:
                    extra["threads"].append(children(job, args.copies, as_worker=False)[0]["run"])
                for workers, client in clients.items():
                    run, result = on_dask(client, frames[workers][0], job, args.shuffle)
                    spread_out[workers].append(run)
                    results.append(result)
            runs = [one["run"] for one in alone]
            walls = [run["wall"] for run in runs]
            print(f"{job}: {rows:,} rows; results equal: {all(r == results[0] for r in results)}")
            print(
                f"  one process           {spread(runs)}, {rows / min(walls):,.0f} rows/s, "
                f"{cpu(runs)} CPU s, load {loads(runs)}"
            )
            print(
                f"                        frame held {alone[0]['held_mib']:,.0f} MiB, "
                f"peak RSS {max(one['peak_mib'] for one in alone):,.0f} MiB"
            )
            if extra["threads"]:
                print(f"  with numpy's threads  {spread(extra['threads'])}")
            if extra["split"]:
                split = extra["split"]
                print(
                    f"  {args.workers} plain processes   {spread(split)} (the slowest share), "
                    f"{cpu(split)} CPU s in all, load {loads(split)}"
                )
                split_walls = [run["wall"] for run in split]
                gain = efficiency(walls, split_walls, args.workers)
                print(f"                        efficiency {gain}")
            for workers, client in clients.items():
                out = spread_out[workers]
                held = ", ".join(f"{v:,.0f}" for v in frames[workers][1].values())
                peaks = ", ".join(f"{v:,.0f}" for v in client.run(peak_mib).values())
                print(
                    f"  Dask, {workers} worker{'s' if workers > 1 else ' '}       {spread(out)}, "
                    f"{rows / min(run['wall'] for run in out):,.0f} rows/s, {cpu(out)} CPU s, "
                    f"load {loads(out)}"
                )
                print(
                    f"                        data held per worker {held} MiB, peak RSS {peaks} MiB"
                )
                dask_walls = [run["wall"] for run in out]
                print(
                    f"                        efficiency {efficiency(walls, dask_walls, workers)}"
                )
            print(f"  results: {results[0]}")
            del frames


if __name__ == "__main__":
    main()
