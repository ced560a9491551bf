"""Checking and de-duplicating a frame on Dask gives the single-process results.

What is promised (``docs/recipes/dask.md``): a column checked partition by partition with
``check_many`` has the report of the whole column; rows routed by each key the library
groups on (canonical resident ID, canonical registry number, name) and searched with
``find_duplicates`` per partition give the groups of ``find_duplicates`` on the whole frame.
The frame mixes clean, messy and broken values, and plants clashes across partitions.
One in-process cluster serves the module: threads start in milliseconds and show the same
partitioning and shuffling as worker processes.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterator

import dask.dataframe as dd
import pandas as pd
import pytest
from dask.base import compute
from dask.delayed import delayed
from dask.distributed import Client, LocalCluster

import xueji

AS_OF = datetime.date(2026, 9, 1)
COLUMNS = {
    "resident_id": "resident_id",
    "registry_number": "registry_number",
    "name": "name",
    "sex": "sex",
    "birth_date": "birth_date",
}
ROUTES = {
    "resident_id": "id-several-numbers",
    "registry_number": "number-several-people",
    "name_key": "same-person-details",
}
REGIONS = ("110105", "310115", "440305", "650102", "430419")
NAMES = ("王芳", "李雷", "韩梅", "赵强", "孙丽", "周杰", "吴磊", "钱多")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
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


def check_partition(part: pd.DataFrame) -> pd.DataFrame:
    report = xueji.check_many(part["resident_id"], as_of=AS_OF)
    reason: list[str | None] = [None] * len(report)
    for row, check in report.problems():
        reason[row] = check.problems[0].reason.value
    return part.assign(
        ok=pd.Series(report.ok_mask(), index=part.index, dtype=bool),
        resident_id_clean=report.values(),
        reason=reason,
    )


def keys_of(part: pd.DataFrame) -> pd.DataFrame:
    ids = xueji.check_many(part["resident_id"], expect=xueji.Kind.RESIDENT_ID)
    numbers = xueji.check_many(part["registry_number"], expect=xueji.Kind.REGISTRY_NUMBER)
    names = [n.strip() or None if isinstance(n, str) else None for n in part["name"]]
    return part.assign(resident_id=ids.values(), registry_number=numbers.values(), name_key=names)


def groups_in(part: pd.DataFrame, kind: str) -> pd.DataFrame:
    labels = part.index.to_numpy()
    found = [g for g in xueji.find_duplicates(part, columns=COLUMNS) if g.kind == kind]
    return pd.DataFrame(
        {
            "kind": [g.kind for g in found],
            "key": [g.key for g in found],
            "rows": [tuple(sorted(labels[list(g.rows)].tolist())) for g in found],
        },
        index=pd.RangeIndex(len(found)),
    )


def partitioned(table: pd.DataFrame, n: int) -> dd.DataFrame:
    frame: dd.DataFrame = dd.from_pandas(table, npartitions=n)  # type: ignore[no-untyped-call]
    return frame


def distributed_duplicates(frame: dd.DataFrame) -> list[xueji.DuplicateGroup]:
    meta = pd.DataFrame({"kind": [], "key": [], "rows": []}, dtype=object)
    keyed = frame.map_partitions(keys_of)  # type: ignore[no-untyped-call]
    routed = [
        keyed[keyed[key].notnull()].shuffle(on=key).map_partitions(groups_in, kind, meta=meta)
        for key, kind in ROUTES.items()
    ]
    found = dd.concat(routed).compute()  # type: ignore[no-untyped-call]
    groups = (xueji.DuplicateGroup(*group) for group in found.itertuples(index=False))
    return sorted(groups, key=lambda group: group.rows)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return students(3000, seed=20240901)


def test_a_column_checked_partition_by_partition_has_the_report_of_the_whole_column(
    client: Client, table: pd.DataFrame
) -> None:
    checked = partitioned(table, 7).map_partitions(check_partition)  # type: ignore[no-untyped-call]
    result = checked.compute()
    single = pd.DataFrame(xueji.check_many(table["resident_id"], as_of=AS_OF).to_records())
    assert result["ok"].tolist() == single["ok"].tolist()
    assert result["resident_id_clean"].equals(single["value"])
    assert result["reason"].equals(single["reason"])
    assert not result["ok"].all()
    assert result["ok"].any()


def test_partition_summaries_add_up_to_the_summary_of_the_whole_column(
    client: Client, table: pd.DataFrame
) -> None:
    def counts(part: pd.DataFrame) -> Counter[str]:
        summary = xueji.check_many(part["resident_id"], as_of=AS_OF).summary()
        return Counter({"rows": summary.rows, "ok": summary.ok, **summary.reasons})

    frame = partitioned(table, 7)
    parts = compute(*map(delayed(counts), frame.to_delayed()))  # type: ignore[no-untyped-call]
    total: Counter[str] = sum(parts, Counter())
    assert total == counts(table)
    assert total["rows"] == len(table)


def test_duplicates_routed_by_key_across_partitions_are_those_of_one_process(
    client: Client, table: pd.DataFrame
) -> None:
    groups = distributed_duplicates(partitioned(table, 7))
    assert groups == xueji.find_duplicates(table, columns=COLUMNS)
    assert {group.kind for group in groups} == set(ROUTES.values())
    # Clashes across partitions are the point: a group spanning two partitions must be found.
    bounds = partitioned(table, 7).divisions
    assert any(
        len({sum(row >= bound for bound in bounds[1:-1]) for row in group.rows}) > 1
        for group in groups
    )


def test_every_spelling_of_a_number_is_routed_with_its_canonical_form(client: Client) -> None:
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
    groups = distributed_duplicates(partitioned(table, len(spellings)))
    rows = tuple(range(len(spellings)))
    assert [(group.kind, group.rows) for group in groups] == [("id-several-numbers", rows)]
    assert groups == xueji.find_duplicates(table, columns=COLUMNS)
