"""China's K-12 student registry (学籍): numbers, schools and records as values, rules as functions.

>>> import xueji
>>> xueji.ResidentID.is_valid("11010519491231002X")
True
"""

from __future__ import annotations

from xueji._frozen import FrozenMap
from xueji._regions import Region
from xueji._text import Cleaning
from xueji.change_request import (
    ChangeRequest,
    Decision,
    KeyField,
    RequestState,
    apply_change,
    central_check,
    request_change,
    review,
)
from xueji.check import Check, Kind, Problem, Severity, check
from xueji.dataset import (
    DuplicateGroup,
    Mismatch,
    Report,
    RowCheck,
    Summary,
    check_many,
    check_row,
    find_duplicates,
    find_mismatches,
)
from xueji.errors import (
    DateBeforeBirth,
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidNumber,
    InvalidValue,
    KeyFieldChangeRequired,
    NotAuthorized,
    Reason,
    SequenceExhausted,
    XuejiError,
)
from xueji.lifecycle import (
    UPPER_SECONDARY,
    Issuance,
    change_status,
    issue_formal_numbers,
    promote,
    register,
    sync_transfer,
    transfer,
    update_info,
)
from xueji.record import (
    TERMINAL,
    TRANSITIONS,
    Action,
    Actor,
    DedupResult,
    Event,
    PopulationMatch,
    Record,
    Role,
    Status,
    Student,
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
    "TERMINAL",
    "TRANSITIONS",
    "UPPER_SECONDARY",
    "Action",
    "Actor",
    "ChangeRequest",
    "Check",
    "Cleaning",
    "DateBeforeBirth",
    "Decision",
    "DedupResult",
    "Document",
    "DuplicateGroup",
    "DuplicateRegistration",
    "Event",
    "FrozenMap",
    "IllegalTransition",
    "InconsistentIdentity",
    "InvalidNumber",
    "InvalidValue",
    "Issuance",
    "KeyField",
    "KeyFieldChangeRequired",
    "Kind",
    "Mismatch",
    "NotAuthorized",
    "PopulationMatch",
    "Problem",
    "Reason",
    "Record",
    "Region",
    "RegionCheck",
    "RegistryKind",
    "RegistryNumber",
    "Report",
    "RequestState",
    "ResidentID",
    "Role",
    "RowCheck",
    "School",
    "SchoolCategory",
    "SchoolCode",
    "SequenceExhausted",
    "Severity",
    "Sex",
    "Status",
    "Student",
    "Summary",
    "XuejiError",
    "allocate",
    "apply_change",
    "central_check",
    "change_status",
    "check",
    "check_many",
    "check_row",
    "find_duplicates",
    "find_mismatches",
    "issue_formal_numbers",
    "make_registry_number",
    "make_resident_id",
    "promote",
    "register",
    "request_change",
    "review",
    "sync_transfer",
    "transfer",
    "update_info",
]


def __dir__() -> list[str]:
    return __all__
