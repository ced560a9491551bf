"""Cold start: a fresh interpreter that imports a validator and checks one number.

    python bench/bench_cold_start.py [--runs 15]

Each contender is a child interpreter (``python -c ...``), started ``--runs`` times in
turn with the others; each keeps its best run. Printed above a bare interpreter
(``python -c pass``): the child's wall time, its CPU time (user + system, less exposed to
other load on the machine) and its peak RSS (``VmHWM``). Contenders: xueji (``import
xueji; xueji.ResidentID.is_valid(...)``; goal at most +40 ms and +10 MiB), python-stdnum
(``from stdnum.cn import ric; ric.is_valid(...)``), and the floor under xueji:
``import attrs`` alone (attrs is a dependency, and importing it imports typing, inspect,
ast, dis ...).

Twice: with compiled bytecode for every module (as after ``pip install``, which compiles
it, or a first run that writes ``__pycache__``), and with xueji compiled from source on
every start (a checkout run with ``PYTHONDONTWRITEBYTECODE=1``: the package is copied
to a temporary directory without ``__pycache__``; other packages keep their bytecode).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import machine

import xueji

NUMBER = "11010519491231002X"
# The child reports its own peak RSS: VmHWM, which starts again at exec (ru_maxrss does
# not: it keeps the parent's size from before the exec). CPU time comes from the parent.
REPORT = (
    "print(next(line.split()[1] for line in open('/proc/self/status') "
    "if line.startswith('VmHWM:')))"
)
CONTENDERS = {
    "bare interpreter": "pass",
    "import attrs (the floor)": "import attrs",
    "xueji": f"import xueji; xueji.ResidentID.is_valid({NUMBER!r})",
    "python-stdnum": f"from stdnum.cn import ric; ric.is_valid({NUMBER!r})",
}


def run(code: str, env: dict[str, str]) -> tuple[float, float, float]:
    """One child: (wall seconds, CPU seconds, peak RSS in MiB)."""
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(out.stdout.split()[-1]) / 1024


def measure(env: dict[str, str], runs: int) -> dict[str, tuple[float, float, float]]:
    """Each contender's best wall time, best CPU time and lowest peak RSS."""
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in CONTENDERS}
    for code in CONTENDERS.values():  # a first, untimed run: the file cache
        run(code, env)
    for _ in range(runs):
        for name, code in CONTENDERS.items():
            found[name].append(run(code, env))
    return {
        name: (min(r[0] for r in rs), min(r[1] for r in rs), min(r[2] for r in rs))
        for name, rs in found.items()
    }


def report(title: str, best: dict[str, tuple[float, float, float]]) -> None:
    bare_wall, bare_cpu, bare_rss = best["bare interpreter"]
    print(f"{title}\n  bare interpreter: {bare_wall * 1000:.1f} ms wall, {bare_rss:.1f} MiB")
    for name, (wall, cpu, rss) in best.items():
        if name == "bare interpreter":
            continue
        print(
            f"  {name:<26} +{(wall - bare_wall) * 1000:5.1f} ms wall  "
            f"+{(cpu - bare_cpu) * 1000:5.1f} ms CPU  +{rss - bare_rss:4.1f} MiB peak RSS"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    with tempfile.TemporaryDirectory() as tmp:
        # Compiled: every module's bytecode in a cache of its own, written by a first run.
        cache = Path(tmp) / "pycache"
        compiled = {**base, "PYTHONPYCACHEPREFIX": str(cache)}
        for code in CONTENDERS.values():
            subprocess.run([sys.executable, "-c", code], check=True, env=compiled)
        compiled["PYTHONDONTWRITEBYTECODE"] = "1"
        report("compiled bytecode (after pip install):", measure(compiled, args.runs))

        # From source: a copy of the package without bytecode, first on the path.
        source = Path(tmp) / "source"
        shutil.copytree(
            Path(xueji.__file__).parent,
            source / "xueji",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        uncompiled = {**base, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(source)}
        report(
            "xueji compiled from source at every start (PYTHONDONTWRITEBYTECODE=1):",
            measure(uncompiled, args.runs),
        )
    print(machine())


if __name__ == "__main__":
    main()
