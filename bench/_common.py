"""Shared helpers for the benchmark scripts (not part of the package, not a test).

Every figure the benches report against python-stdnum is a ratio taken in one process:
in each round the contenders run in small parts, in turn (`interleave`), so that a burst
of load on the machine falls on all of them alike; each keeps its best round, and the
spread of the per-round ratios is printed beside the best one.

Times are the process's CPU time (`time.process_time`): the machine these figures come
from is shared, and wall time there counts the time other processes held the cores,
which a 12-second stdnum loop always pays and a 0.1-second xueji loop often escapes.
Wall times are printed too. Without other load the two agree (the code is one thread).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import dataset as _dataset


def dataset(n: int = 200_000, seed: int = _dataset.SEED) -> tuple[list[str], list[str]]:
    """The benchmark data set (``bench/dataset.py``), built in this process."""
    return _dataset.build(n, seed)


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """CPU and wall time of one run of ``fn``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` runs, with the garbage collector off while timing."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            best = min(best, timed(fn)[0])
        finally:
            gc.enable()
    return best


class Times:
    """One contender's CPU and wall times, one of each per round."""

    def __init__(self) -> None:
        self.cpu: list[float] = []
        self.wall: list[float] = []

    @property
    def best(self) -> float:
        return min(self.cpu)


Schedule = Sequence[tuple[str, Callable[[], Any]]]


def interleave(parts: dict[str, Sequence[Callable[[], Any]]]) -> Schedule:
    """The contenders' parts in turn: the first part of each, then the second of each..."""
    longest = max(len(p) for p in parts.values())
    return [(name, p[k]) for k in range(longest) for name, p in parts.items() if k < len(p)]


def rounds(schedule: Schedule, repeat: int) -> dict[str, Times]:
    """Run ``schedule`` ``repeat`` times (the garbage collector off within a round); a
    contender's time in a round is the sum of its parts' times."""
    times: dict[str, Times] = {}
    for _ in range(repeat):
        cpu: dict[str, float] = {}
        wall: dict[str, float] = {}
        gc.collect()
        gc.disable()
        try:
            for name, part in schedule:
                c, w = timed(part)
                cpu[name] = cpu.get(name, 0.0) + c
                wall[name] = wall.get(name, 0.0) + w
        finally:
            gc.enable()
        for name in cpu:
            times.setdefault(name, Times())
            times[name].cpu.append(cpu[name])
            times[name].wall.append(wall[name])
    return times


def slices(data: list[str], size: int) -> list[list[str]]:
    """``data`` cut into parts of ``size`` rows."""
    return [data[i : i + size] for i in range(0, len(data), size)]


def ratio(base: Times, ours: Times, scale: float = 1.0) -> str:
    """How many times ``ours`` is as fast as ``base`` (times ``scale`` rows of base's
    run stand for one of ours): best CPU time over best, the spread of the per-round
    ratios, and the same by wall time."""
    per_round = [scale * b / o for b, o in zip(base.cpu, ours.cpu, strict=True)]
    wall = scale * min(base.wall) / min(ours.wall)
    return (
        f"{scale * base.best / ours.best:.1f}x (rounds {min(per_round):.1f}-"
        f"{max(per_round):.1f}x; by wall time {wall:.1f}x)"
    )


def loop(fn: Callable[[str], Any], data: list[str]) -> Callable[[], None]:
    """The same ``for s in data: try: fn(s)`` loop every library is timed with."""

    def run() -> None:
        for s in data:
            try:
                fn(s)
            except Exception:  # stdnum raises KeyError on some inputs
                continue

    return run


def row(name: str, n: int, times: Times | float, base: float | None = None) -> str:
    """A contender's best CPU seconds, rows per CPU second, wall seconds and the ratio to
    ``base`` (CPU seconds)."""
    seconds = times.best if isinstance(times, Times) else times
    wall = f"(wall {min(times.wall):.3f}s) " if isinstance(times, Times) else ""
    against = "" if base is None else f"{base / seconds:8.1f}x"
    return f"{name:<48}{n:>10,}{seconds:>9.3f}s{n / seconds:>13,.0f}/s {wall}{against}"


def machine() -> str:
    """The conditions a figure was taken in: Python, CPUs and the load average."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {sys.version.split()[0]} on {os.cpu_count()} CPUs; load average {load} "
        "(other processes share the machine)"
    )
