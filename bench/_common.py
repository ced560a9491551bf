"""Shared helpers for the benchmark scripts (not part of the package, not a test)."""

from __future__ import annotations

import gc
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "make_dataset.py"


def dataset(n: int = 200_000, seed: int = 20240901) -> tuple[list[str], list[str]]:
    """The shared data set (``../shared/bench/make_dataset.py``), built in this process."""
    spec = importlib.util.spec_from_file_location("make_dataset", SHARED)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot find the shared data set builder at {SHARED}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data, labels = module.build_dataset(n, seed)
    return data, labels


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
