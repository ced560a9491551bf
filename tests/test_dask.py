"""Checking and de-duplicating a frame on Dask gives the single-process results.

What is promised (``docs/recipes/dask.md``): a column checked partition by partition with
``check_many`` has the report of the whole column, the partitions' summaries add up to its
summary, and rows routed by each key the library groups on (canonical resident ID, canonical
registry number, name) and searched with ``find_duplicates`` per partition give the groups
of ``find_duplicates`` on the whole frame. The functions tested are the recipe's own, read
from its text, so the page and these tests cannot drift apart; here they meet a frame that
mixes clean, messy and broken values and plants clashes across partitions.
One in-process cluster serves the module: threads start in milliseconds and show the same
partitioning and shuffling as worker processes.
"""

from __future__ import annotations

import datetime
import doctest
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import pandas as pd
import pytest
from dask.base import compute
from dask.delayed import delayed
from dask.distributed import Client, LocalCluster

import xueji

RECIPE = Path(__file__).parents[1] / "docs" / "recipes" / "dask.md"
#: What the recipe defines and these tests use; its other examples need its sample frame.
DEFINITIONS = ("import ", "from ", "def ", "AS_OF = ", "COLUMNS = ", "ROUTES = ", "GROUPS = ")
REGIONS = ("110105", "310115", "440305", "650102", "430419")
NAMES = ("王芳", "李雷", "韩梅", "赵强", "孙丽", "周杰", "吴磊", "钱多")


@pytest.fixture(scope="module")
def recipe() -> dict[str, Any]:
    """The imports, constants and functions of the recipe, run from its text."""
    namespace: dict[str, Any] = {}
    for example in doctest.DocTestParser().get_examples(RECIPE.read_text(encoding="utf-8")):
        if example.source.startswith(DEFINITIONS):
            exec(example.source, namespace)
    return namespace


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    with cluster, Client(cluster) as dask_client:  # type: ignore[no-untyped-call]
        yield dask_client


def students(n: int, seed: int) -> pd.DataFrame:
    """``n`` registry rows drawn from a small cast, so that every kind of clash occurs."""
    rng = random.Random(seed)
    cast: list[tuple[str, datetime.date, str, str]] = []
    for i in range(n // 6):
        day = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        region = rng.choice(REGIONS)
        resident = xueji.make_resident_id(region_code=region, birth_date=day, sequence=i % 999 + 1)
        temporary = xueji.make_registry_number(
            xueji.RegistryKind.L, region_code=region, birth_date=day, sequence=rng.randrange(1000)
        )
        cast.append((rng.choice(NAMES), day, str(resident), str(temporary)))
    rows = []
    for _ in range(n):
        name, born, rid, own = rng.choice(cast)
        number = rng.choice(("G" + rid, own, rng.choice(cast)[3]))
        text: object = rng.choice(
            (
                rid,
                rid.lower(),
                f" {rid[:6]}-{rid[6:14]}-{rid[14:]} ",
                rid[:-1] + ("0" if rid[-1] != "0" else "1"),
                f" {rid[:-1]}{'0' if rid[-1] != '0' else '1'} ",  # two problems: error first
                f"{rid[:6]}********{rid[14:]}",
                f"{int(rid[:17]) * 10:.5E}",  # read through a float: 1.10105E+17
                None,
            )
        )
        rows.append(
            {
                "name": rng.choice((name, f" {name}", None)),
                "sex": rng.choice(("1", "2", "男", "女", None)),
                "birth_date": rng.choice((born.isoformat(), born.strftime("%Y%m%d"), None)),
                "resident_id": text,
                "registry_number": rng.choice((number, number.lower(), None)),
            }
        )
    return pd.DataFrame(rows)


def partitioned(table: pd.DataFrame, n: int) -> dd.DataFrame:
    frame: dd.DataFrame = dd.from_pandas(table, npartitions=n)  # type: ignore[no-untyped-call]
    return frame


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return students(3000, seed=20240901)


def test_a_column_checked_partition_by_partition_has_the_report_of_the_whole_column(
    client: Client, recipe: dict[str, Any], table: pd.DataFrame
) -> None:
    frame = partitioned(table, 7)
    checked = frame.map_partitions(recipe["check_partition"])  # type: ignore[no-untyped-call]
    result = checked.compute()
    whole = xueji.check_many(table["resident_id"], as_of=recipe["AS_OF"])
    single = pd.DataFrame(whole.to_records())
    assert result["ok"].tolist() == single["ok"].tolist()
    assert result["resident_id_clean"].equals(single["value"])
    assert result["reason"].equals(single["reason"])
    assert not result["ok"].all()
    assert result["ok"].any()


def test_partition_summaries_add_up_to_the_summary_of_the_whole_column(
    client: Client, recipe: dict[str, Any], table: pd.DataFrame
) -> None:
    counts = recipe["reason_counts"]
    parts = compute(*map(delayed(counts), partitioned(table, 7).to_delayed()))  # type: ignore[no-untyped-call]
    total: Counter[str] = sum(parts, Counter())
    assert total == counts(table)
    assert total["rows"] == len(table)
    assert total["ok"] < len(table)


def test_duplicates_routed_by_key_across_partitions_are_those_of_one_process(
    client: Client, recipe: dict[str, Any], table: pd.DataFrame
) -> None:
    frame = partitioned(table, 7)
    groups = recipe["duplicates_across"](frame)
    assert groups == xueji.find_duplicates(table, columns=recipe["COLUMNS"])
    assert {group.kind for group in groups} == set(recipe["ROUTES"].values())
    # Clashes across partitions are the point: a group spanning two partitions must be found.
    bounds = frame.divisions[1:-1]
    assert any(
        len({sum(row >= bound for bound in bounds) for row in group.rows}) > 1 for group in groups
    )


def test_every_spelling_of_a_number_is_routed_with_its_canonical_form(
    client: Client, recipe: dict[str, Any]
) -> None:
    rid = "11010519491231002X"
    spellings = [
        rid,
        rid.lower(),
        f" {rid} ",
        f"{rid[:6]}-{rid[6:14]}-{rid[14:]}",
        f"{rid[:6]} {rid[6:14]} {rid[14:]}",
        "１１０１０５１９４９１２３１００２Ｘ",
    ]
    table = pd.DataFrame(
        {
            "name": NAMES[: len(spellings)],
            "sex": ["2"] * len(spellings),
            "birth_date": ["1949-12-31"] * len(spellings),
            "resident_id": spellings,
            "registry_number": [f"L1101051949123101{i}0" for i in range(len(spellings))],
        }
    )
    groups = recipe["duplicates_across"](partitioned(table, len(spellings)))
    rows = tuple(range(len(spellings)))
    assert [(group.kind, group.rows) for group in groups] == [("id-several-numbers", rows)]
    assert groups == xueji.find_duplicates(table, columns=recipe["COLUMNS"])
