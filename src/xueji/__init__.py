"""China's K-12 student registry (学籍): numbers, schools and records as values, rules as functions.

>>> import xueji
>>> xueji.ResidentID.is_valid("11010519491231002X")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from xueji._text import Cleaning
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
from xueji.resident_id import (
    Document,
    RegionCheck,
    ResidentID,
    Sex,
    make_resident_id,
)

# The rest loads on first use (PEP 562): `import xueji` to validate a number should not
# pay for building the record, rule and dataset classes.
if TYPE_CHECKING:
    from xueji._frozen import FrozenMap
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
    from xueji.checks import (
        Check,
        Kind,
        Problem,
        Severity,
        check,
    )
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
    from xueji.regions import (
        NameChoice,
        NameSpan,
        Region,
        RegionHistory,
        RegionSource,
        RegionSourceInfo,
        YearSpan,
        region,
        region_codes,
        region_history,
        region_sources,
    )
    from xueji.registry_number import (
        FIRST_SEQUENCE,
        LAST_SEQUENCE,
        RegistryKind,
        RegistryNumber,
        allocate,
        make_registry_number,
    )
    from xueji.school import (
        School,
        SchoolCategory,
        SchoolCode,
    )

_LAZY: dict[str, str] = {
    "FrozenMap": "xueji._frozen",
    "ChangeRequest": "xueji.change_request",
    "Decision": "xueji.change_request",
    "KeyField": "xueji.change_request",
    "RequestState": "xueji.change_request",
    "apply_change": "xueji.change_request",
    "central_check": "xueji.change_request",
    "request_change": "xueji.change_request",
    "review": "xueji.change_request",
    "Check": "xueji.checks",
    "Kind": "xueji.checks",
    "Problem": "xueji.checks",
    "Severity": "xueji.checks",
    "check": "xueji.checks",
    "DuplicateGroup": "xueji.dataset",
    "Mismatch": "xueji.dataset",
    "Report": "xueji.dataset",
    "RowCheck": "xueji.dataset",
    "Summary": "xueji.dataset",
    "check_many": "xueji.dataset",
    "check_row": "xueji.dataset",
    "find_duplicates": "xueji.dataset",
    "find_mismatches": "xueji.dataset",
    "UPPER_SECONDARY": "xueji.lifecycle",
    "Issuance": "xueji.lifecycle",
    "change_status": "xueji.lifecycle",
    "issue_formal_numbers": "xueji.lifecycle",
    "promote": "xueji.lifecycle",
    "register": "xueji.lifecycle",
    "sync_transfer": "xueji.lifecycle",
    "transfer": "xueji.lifecycle",
    "update_info": "xueji.lifecycle",
    "TERMINAL": "xueji.record",
    "TRANSITIONS": "xueji.record",
    "Action": "xueji.record",
    "Actor": "xueji.record",
    "DedupResult": "xueji.record",
    "Event": "xueji.record",
    "PopulationMatch": "xueji.record",
    "Record": "xueji.record",
    "Role": "xueji.record",
    "Status": "xueji.record",
    "Student": "xueji.record",
    "NameChoice": "xueji.regions",
    "NameSpan": "xueji.regions",
    "Region": "xueji.regions",
    "RegionHistory": "xueji.regions",
    "RegionSource": "xueji.regions",
    "RegionSourceInfo": "xueji.regions",
    "YearSpan": "xueji.regions",
    "region": "xueji.regions",
    "region_codes": "xueji.regions",
    "region_history": "xueji.regions",
    "region_sources": "xueji.regions",
    "FIRST_SEQUENCE": "xueji.registry_number",
    "LAST_SEQUENCE": "xueji.registry_number",
    "RegistryKind": "xueji.registry_number",
    "RegistryNumber": "xueji.registry_number",
    "allocate": "xueji.registry_number",
    "make_registry_number": "xueji.registry_number",
    "School": "xueji.school",
    "SchoolCategory": "xueji.school",
    "SchoolCode": "xueji.school",
}

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
    "NameChoice",
    "NameSpan",
    "NotAuthorized",
    "PopulationMatch",
    "Problem",
    "Reason",
    "Record",
    "Region",
    "RegionCheck",
    "RegionHistory",
    "RegionSource",
    "RegionSourceInfo",
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
    "YearSpan",
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
    "region",
    "region_codes",
    "region_history",
    "region_sources",
    "register",
    "request_change",
    "review",
    "sync_transfer",
    "transfer",
    "update_info",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xueji' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
