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
    InvalidValue,
    Reason,
    SequenceExhausted,
    XuejiError,
)
from xueji.registry_number import (
    FIRST_SEQUENCE,
    LAST_SEQUENCE,
    RegistryKind,
    RegistryNumber,
    allocate,
    make_registry_number,
)
from xueji.resident_id import (
    Document,
    RegionCheck,
    ResidentID,
    Sex,
    make_resident_id,
)
from xueji.school import School, SchoolCategory, SchoolCode

__all__ = [
    "FIRST_SEQUENCE",
    "LAST_SEQUENCE",
    "Cleaning",
    "DateBeforeBirth",
    "Document",
    "InvalidNumber",
    "InvalidValue",
    "Reason",
    "Region",
    "RegionCheck",
    "RegistryKind",
    "RegistryNumber",
    "ResidentID",
    "School",
    "SchoolCategory",
    "SchoolCode",
    "SequenceExhausted",
    "Sex",
    "XuejiError",
    "allocate",
    "make_registry_number",
    "make_resident_id",
]


def __dir__() -> list[str]:
    return __all__
