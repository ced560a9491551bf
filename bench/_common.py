"""Shared helpers for the benchmark scripts (not part of the package, not a test)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

import dataset as _dataset


def dataset(n: int = 200_000, seed: int = _dataset.SEED) -> tuple[list[str], list[str]]:
    """The benchmark data set (``bench/dataset.py``), built in this process."""
    return _dataset.build(n, seed)


def best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, with the garbage collector off while timing."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def loop(fn: Callable[[str], Any], data: list[str]) -> Callable[[], None]:
    """The same ``for s in data: try: fn(s)`` loop every library is timed with."""

    def run() -> None:
        for s in data:
            try:
                fn(s)
            except Exception:  # stdnum raises KeyError on some inputs
                continue

    return run


def row(name: str, n: int, seconds: float, base: float | None) -> str:
    ratio = "" if base is None else f"{base / seconds:8.1f}x"
    return f"{name:<46}{n:>9,}{seconds:>9.3f}s{n / seconds:>12,.0f}/s {ratio}"
