"""The old home of the dataset checks; every name here moved and warns for one release.

The column report (`check_many`, `Report`, `Summary`) is in `xueji.columns`, the row
cross-checks (`check_row`, `RowCheck`, `find_duplicates`, `DuplicateGroup`) in
`xueji.rows`, and the person-and-record comparison (`find_discrepancies`,
`Discrepancy`, formerly `find_mismatches` and `Mismatch`) in `xueji.attendance`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xueji._deprecated import module_getattr

__all__: list[str] = []

if TYPE_CHECKING:
    from xueji.columns import Report as Report
    from xueji.columns import Summary as Summary
    from xueji.columns import check_many as check_many
    from xueji.rows import DuplicateGroup as DuplicateGroup
    from xueji.rows import RowCheck as RowCheck
    from xueji.rows import check_row as check_row
    from xueji.rows import find_duplicates as find_duplicates
else:
    __getattr__ = module_getattr(
        __name__,
        {
            **{name: f"xueji.columns:{name}" for name in ("Report", "Summary", "check_many")},
            **{
                name: f"xueji.rows:{name}"
                for name in ("DuplicateGroup", "RowCheck", "check_row", "find_duplicates")
            },
            "Mismatch": "xueji.attendance:Discrepancy",
            "find_mismatches": "xueji.attendance:find_discrepancies",
        },
    )
