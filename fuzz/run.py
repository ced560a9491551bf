"""Run the Atheris harnesses one after the other, each for a set time.

    python fuzz/run.py [--seconds N] [--harness NAME ...] [--report-known]

Each harness ``fuzz/fuzz_<name>.py`` runs in its own subprocess with libFuzzer's
``-max_total_time=N``, a working corpus ``fuzz/.work/<name>/`` (new inputs go there;
it is git-ignored) on top of the seed corpus ``fuzz/corpus/<name>/`` (read only), and
``-artifact_prefix=fuzz/crashers/<name>/`` (a crashing input is saved there).
Prints the executions of each harness and any crash; exits 1 if a harness crashed
(or failed to start), 0 otherwise. Harnesses run in sequence: one core each.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESSES = sorted(p.stem.removeprefix("fuzz_") for p in HERE.glob("fuzz_*.py"))
# Inputs of the whole-column and whole-file harnesses are longer than a single value.
MAX_LEN = {"check_many": 4096, "check_row": 2048, "cli": 4096}
_DONE = re.compile(r"^#(\d+)\s+DONE\b", re.MULTILINE)
_STAT = re.compile(r"^stat::number_of_executed_units:\s*(\d+)", re.MULTILINE)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")


def executions(log: str) -> int | None:
    """The executions libFuzzer reports at its end (final stats, else the DONE line)."""
    found = _STAT.findall(log) or _DONE.findall(log)
    return int(found[-1]) if found else None


def excerpt(log: str) -> list[str]:
    """The Python exception of a crash (or the log's end), lines cut to 300 characters."""
    lines = [x for x in log.splitlines() if x.strip() and not x.startswith(("#", "INFO"))]
    start = next((i for i, x in enumerate(lines) if "Uncaught Python exception" in x), None)
    chosen = lines[start : start + 20] if start is not None else lines[-20:]
    return [x if len(x) <= 300 else x[:300] + " ..." for x in chosen]


def run(name: str, seconds: int, *, report_known: bool) -> tuple[bool, str]:
    """Run one harness; return (crashed, summary line)."""
    seeds = HERE / "corpus" / name
    work = HERE / ".work" / name
    crashers = HERE / "crashers" / name
    for folder in (seeds, work, crashers):
        folder.mkdir(parents=True, exist_ok=True)
    before = set(crashers.iterdir())
    command = [
        sys.executable,
        str(HERE / f"fuzz_{name}.py"),
        str(work),
        str(seeds),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN.get(name, 512)}",
        f"-artifact_prefix={crashers}{os.sep}",
        "-timeout=30",
        "-rss_limit_mb=3072",
        "-print_final_stats=1",
    ]
    env = {**os.environ, "XUEJI_FUZZ_KNOWN": "report" if report_known else "skip"}
    started = time.monotonic()
    # Generous: start-up (instrumenting xueji) and a slow last input come on top of N.
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            timeout=seconds * 3 + 120,
            check=False,
        )
        log, status = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as err:
        out = err.stdout or b""
        log = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        status = -1
    elapsed = time.monotonic() - started
    (HERE / ".work" / f"{name}.log").write_text(log, encoding="utf-8")
    new = sorted(set(crashers.iterdir()) - before)
    written = _ARTIFACT.findall(log)
    runs = executions(log)
    crashed = status != 0 or bool(new) or bool(written)
    line = f"{name:<26} {runs if runs is not None else '?':>10} execs  {elapsed:6.1f}s"
    if crashed:
        line += f"  CRASH (exit {status})"
        for path in new or [Path(p) for p in written]:
            shown = path.relative_to(HERE.parent) if path.is_absolute() else path
            line += f"\n    crasher: {shown}"
            line += f"\n    reproduce: python {HERE.name}/fuzz_{name}.py {shown}"
        line += "\n    " + "\n    ".join(excerpt(log))
    return crashed, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="per harness (default: 60)")
    parser.add_argument(
        "--harness", nargs="+", choices=HARNESSES, default=HARNESSES, help="default: all"
    )
    parser.add_argument(
        "--report-known",
        action="store_true",
        help="do not step around the known bugs listed in fuzz/_common.py (KNOWN)",
    )
    args = parser.parse_args(argv)
    crashes = 0
    total = 0
    for name in args.harness:
        crashed, line = run(name, args.seconds, report_known=args.report_known)
        print(line, flush=True)
        crashes += crashed
        found = executions((HERE / ".work" / f"{name}.log").read_text(encoding="utf-8"))
        total += found or 0
    print(f"{len(args.harness)} harnesses, {total} executions, {crashes} crashed", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
