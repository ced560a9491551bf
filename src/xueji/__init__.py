"""China's K-12 student registry (学籍): numbers, schools and records as values, rules as functions.

>>> import xueji
>>> xueji.ResidentID.is_valid("11010519491231002X")
True
"""

from __future__ import annotations

from xueji._regions import Region
from xueji._text import Cleaning
from xueji.errors import (
    DateBeforeBirth,
    InvalidNumber,
    Reason,
    SequenceExhausted,
    XuejiError,
)
from xueji.resident_id import (
    Document,
    RegionCheck,
    ResidentID,
    Sex,
    make_resident_id,
)

__all__ = [
    "Cleaning",
    "DateBeforeBirth",
    "Document",
    "InvalidNumber",
    "Reason",
    "Region",
    "RegionCheck",
    "ResidentID",
    "SequenceExhausted",
    "Sex",
    "XuejiError",
    "make_resident_id",
]


def __dir__() -> list[str]:
    return __all__
