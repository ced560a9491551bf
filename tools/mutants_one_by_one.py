"""Run mutmut's mutants of one module each in a fresh pytest process.

mutmut runs every mutant in a worker forked from one process; a module whose tests start
thread pools there (polars, pyarrow) can leave a worker waiting forever on a lock, and
mutmut then records a timeout, which it counts as killed. This runs each mutant of
``MODULE`` in its own ``python -m pytest`` instead, on the tests mutmut's stats name for the
mutant's function, and switches the mutant on only after the tests are collected, as
mutmut does (test modules are imported with no mutant active).

Usage, in a clone where ``mutmut run`` has made ``mutants/`` and its stats::

    python tools/mutants_one_by_one.py xueji.columns [--workers 2] [--known RESULTS]

It prints ``    NAME: killed|survived|...`` lines, the format of ``mutmut results --all
true``, for ``tools/mutation_scores.py``. ``--known`` takes such a file and keeps its
``killed`` and ``survived`` verdicts instead of running those mutants again.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_SWITCH = """import os


def pytest_collection_finish(session):
    os.environ["MUTANT_UNDER_TEST"] = os.environ["MUTANT_AFTER_COLLECTION"]
"""
_STATUS = {0: "survived", 1: "killed", 5: "no tests"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--known", type=Path)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    args = parser.parse_args()
    root = args.mutants.resolve()
    stats = json.loads((root / "mutmut-stats.json").read_text(encoding="utf-8"))
    tests_of = stats["tests_by_mangled_function_name"]
    source = (root / "src" / (args.module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    names = [f"{args.module}.{n}" for n in re.findall(r"def (x\S*?__mutmut_\d+)\(", source)]
    known: dict[str, str] = {}
    if args.known:
        for line in args.known.read_text(encoding="utf-8").splitlines():
            name, _, status = line.strip().rpartition(": ")
            if status in ("killed", "survived"):
                known[name] = status
    plugins = Path(tempfile.mkdtemp())
    (plugins / "mutant_switch.py").write_text(_SWITCH, encoding="utf-8")

    def run(name: str) -> str:
        if name in known:
            return known[name]
        tests = sorted(tests_of.get(name.rsplit("__mutmut_", 1)[0], []))
        if not tests:
            return "no tests"
        env = dict(
            os.environ,
            PYTHONPATH=f"src{os.pathsep}{plugins}",
            MUTANT_UNDER_TEST="none.none",
            MUTANT_AFTER_COLLECTION=name,
        )
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly"]
        command += ["-p", "no:cacheprovider", "-p", "mutant_switch", "-k", "not callers_line"]
        try:
            done = subprocess.run(
                [*command, *tests],
                cwd=root,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            return "timeout"
        return _STATUS.get(done.returncode, "suspicious")

    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for name, status in zip(names, pool.map(run, names), strict=True):
            print(f"    {name}: {status}", flush=True)


if __name__ == "__main__":
    main()
