"""Field extraction speed: birth date, sex and province of 1,000,000 rows, against python-stdnum.

    python bench/bench_fields.py [--n 200000] [--repeat 5] [--stdnum-large]

The large input is the benchmark data set (200,000 resident IDs, about 10 % defective)
repeated ``--repeat`` times: 1,000,000 rows by default. The data set comes from `_common`,
the one line below that names it.

Printed:
  - python-stdnum in a Python loop doing the same: ``ric.get_birth_date(s)``,
    ``ric.get_birth_place(s)["province"]`` and the sex from the sequence digit, each row in
    ``try``/``except`` (stdnum raises on invalid numbers); timed on the 200,000-row sample
    and extrapolated to the large input (``--stdnum-large`` times it there instead);
  - ``xueji.extract_fields(values, fields=("birth_date", "sex", "province"))`` on the large
    input, from a Python list and from a numpy ``U`` array, with the ratio to stdnum;
  - the pandas and polars accessors doing the same (``series.xueji.extract(...)``);
  - whether the goal holds: at least 100 times stdnum's speed, from a list.
Times are the best of 5 runs in one process (stdnum: best of 3), garbage collector off.

Both sides run on one core: the stdnum loop is single-threaded, and numpy's BLAS library is
held to one thread here (unless OPENBLAS_NUM_THREADS, OMP_NUM_THREADS or MKL_NUM_THREADS is
set), because the numpy path of the checks uses a matrix product, whose threads compete
with everything else on a shared machine and can make it several times slower.
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # before numpy is imported

import argparse  # noqa: E402
import datetime  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
from _common import best_of, dataset, row  # noqa: E402 - the one line that names the data set
from stdnum.cn import ric  # noqa: E402

import xueji.pandas  # noqa: E402 - registers Series.xueji
import xueji.polars  # noqa: E402, F401 - registers Series.xueji and Expr.xueji
from xueji import extract_fields  # noqa: E402

FIELDS = ("birth_date", "sex", "province")
GOAL = 100


def stdnum_loop(data: list[str]) -> Callable[[], list[Any]]:
    """The same three fields with python-stdnum, row by row."""

    def run() -> list[Any]:
        out: list[Any] = []
        for s in data:
            try:
                out.append((ric.get_birth_date(s), int(s[16]) % 2, ric.get_birth_place(s)))
            except Exception:  # stdnum raises on invalid numbers (and KeyError on some)
                out.append(None)
        return out

    return run


def agreement(data: list[str]) -> str:
    """How often xueji and stdnum agree on the birth date of the rows both accept."""
    ours = extract_fields(data, fields=("birth_date",)).to_dict()["birth_date"]
    same = both = 0
    for s, day in zip(data, ours, strict=True):
        try:
            theirs: datetime.date = ric.get_birth_date(s)
            ric.validate(s)
        except Exception:
            continue
        if day is not None:
            both += 1
            same += day == theirs
    return f"birth dates of the {both:,} sample rows both accept: {same:,} equal"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--stdnum-large", action="store_true")
    args = parser.parse_args()

    data, labels = dataset(args.n)
    big = data * args.repeat
    n, big_n = len(data), len(big)
    print(f"sample: {n:,} rows ({labels.count('valid'):,} labelled valid); large: {big_n:,} rows")
    threads = os.environ["OPENBLAS_NUM_THREADS"]
    print(f"BLAS threads: {threads} (OPENBLAS_NUM_THREADS); garbage collector off while timing")

    if args.stdnum_large:
        big_base = best_of(stdnum_loop(big), repeat=3)
        print(row("stdnum: date, place, sex (loop)", big_n, big_base, big_base))
    else:
        base = best_of(stdnum_loop(data), repeat=3)
        big_base = base / n * big_n
        print(row("stdnum: date, place, sex (loop)", n, base, base))
        print(f"{'  extrapolated to the large input':<46}{big_n:>9,}{big_base:>9.3f}s")

    t_list = best_of(lambda: extract_fields(big, fields=FIELDS), repeat=5)
    print(row("extract_fields, from a list", big_n, t_list, big_base))
    array = np.array(big)
    t = best_of(lambda: extract_fields(array, fields=FIELDS), repeat=5)
    print(row(f"extract_fields, from a {array.dtype} array", big_n, t, big_base))
    series = pd.Series(big)
    t = best_of(lambda: series.xueji.extract(*FIELDS), repeat=5)
    print(row("pandas: series.xueji.extract(...)", big_n, t, big_base))
    column = pl.Series("rid", big)
    t = best_of(lambda: column.xueji.extract(*FIELDS), repeat=5)  # type: ignore[attr-defined]
    print(row("polars: series.xueji.extract(...)", big_n, t, big_base))
    frame = pl.DataFrame([column])
    expression = pl.col("rid").xueji.extract(*FIELDS)  # type: ignore[attr-defined]
    t = best_of(lambda: frame.select(expression), repeat=5)
    print(row("polars: select(pl.col(...).xueji.extract(...))", big_n, t, big_base))

    print(agreement(data))
    ratio = big_base / t_list
    verdict = "holds" if ratio >= GOAL else "does NOT hold"
    print(f"goal ({GOAL}x stdnum, from a list): {ratio:.0f}x, the goal {verdict}")


if __name__ == "__main__":
    main()
