"""China's K-12 student registry (学籍): numbers, schools and records as values, rules as functions.

>>> import xueji
>>> xueji.ResidentID.is_valid("11010519491231002X")
True
"""

from __future__ import annotations

import importlib
import warnings
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
    from xueji.actor import (
        Actor,
        Role,
    )
    from xueji.approval import (
        Route,
        Step,
        decide,
        monday_to_friday,
    )
    from xueji.attendance import (
        Discrepancy,
        DiscrepancyKind,
        find_discrepancies,
    )
    from xueji.change_request import (
        apply_change,
        request_change,
        review,
        verify_change,
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
        Report,
        RowCheck,
        Summary,
        check_many,
        check_row,
        find_duplicates,
    )
    from xueji.lifecycle import (
        UPPER_SECONDARY,
        Issuance,
        issue_formal_numbers,
        numbers_in_use,
        promote,
        register,
        update_info,
    )
    from xueji.policy import (
        GradeChange,
        MonthDay,
        Policy,
    )
    from xueji.progression import (
        Rollover,
        advance_grade,
        advance_grades,
        graduated_stage,
        move_down,
        progress,
        repeat_grade,
        set_grade,
        skip_grade,
    )
    from xueji.record import (
        NATIONAL_EVENTS,
        TERMINAL,
        TRANSITIONS,
        Action,
        DedupResult,
        Event,
        EventKind,
        Period,
        PopulationMatch,
        Record,
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
    from xueji.school_transfer import (
        SyncOutcome,
        TransferMode,
        complete_transfer,
        request_transfer,
        sync_transfer,
        transfer,
    )
    from xueji.stage import (
        STAGES_TAUGHT,
        Stage,
        stages_taught,
    )
    from xueji.status import (
        change_status,
        drop_out,
        resume,
        return_from_abroad,
    )
    from xueji.suspension import (
        extend_suspension,
        request_extension,
        request_suspension,
        suspend,
        suspension_ends,
    )
    from xueji.workflow import (
        ChangeRequest,
        Decision,
        KeyField,
        Late,
        RequestStatus,
        SuspensionKind,
        SuspensionRequest,
        TransferRequest,
        Verdict,
        overdue,
    )

_LAZY: dict[str, str] = {
    "FrozenMap": "xueji._frozen",
    "Actor": "xueji.actor",
    "Role": "xueji.actor",
    "Late": "xueji.workflow",
    "Route": "xueji.approval",
    "Step": "xueji.approval",
    "decide": "xueji.approval",
    "monday_to_friday": "xueji.approval",
    "overdue": "xueji.workflow",
    "Discrepancy": "xueji.attendance",
    "DiscrepancyKind": "xueji.attendance",
    "find_discrepancies": "xueji.attendance",
    "apply_change": "xueji.change_request",
    "request_change": "xueji.change_request",
    "review": "xueji.change_request",
    "verify_change": "xueji.change_request",
    "Check": "xueji.checks",
    "Kind": "xueji.checks",
    "Problem": "xueji.checks",
    "Severity": "xueji.checks",
    "check": "xueji.checks",
    "DuplicateGroup": "xueji.dataset",
    "Report": "xueji.dataset",
    "RowCheck": "xueji.dataset",
    "Summary": "xueji.dataset",
    "check_many": "xueji.dataset",
    "check_row": "xueji.dataset",
    "find_duplicates": "xueji.dataset",
    "UPPER_SECONDARY": "xueji.lifecycle",
    "Issuance": "xueji.lifecycle",
    "issue_formal_numbers": "xueji.lifecycle",
    "numbers_in_use": "xueji.lifecycle",
    "promote": "xueji.lifecycle",
    "register": "xueji.lifecycle",
    "update_info": "xueji.lifecycle",
    "GradeChange": "xueji.policy",
    "MonthDay": "xueji.policy",
    "Policy": "xueji.policy",
    "Rollover": "xueji.progression",
    "advance_grade": "xueji.progression",
    "advance_grades": "xueji.progression",
    "graduated_stage": "xueji.progression",
    "move_down": "xueji.progression",
    "progress": "xueji.progression",
    "repeat_grade": "xueji.progression",
    "set_grade": "xueji.progression",
    "skip_grade": "xueji.progression",
    "NATIONAL_EVENTS": "xueji.record",
    "TERMINAL": "xueji.record",
    "TRANSITIONS": "xueji.record",
    "Action": "xueji.record",
    "DedupResult": "xueji.record",
    "Event": "xueji.record",
    "EventKind": "xueji.record",
    "Period": "xueji.record",
    "PopulationMatch": "xueji.record",
    "Record": "xueji.record",
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
    "SyncOutcome": "xueji.school_transfer",
    "TransferMode": "xueji.school_transfer",
    "complete_transfer": "xueji.school_transfer",
    "request_transfer": "xueji.school_transfer",
    "sync_transfer": "xueji.school_transfer",
    "transfer": "xueji.school_transfer",
    "STAGES_TAUGHT": "xueji.stage",
    "Stage": "xueji.stage",
    "stages_taught": "xueji.stage",
    "change_status": "xueji.status",
    "drop_out": "xueji.status",
    "resume": "xueji.status",
    "return_from_abroad": "xueji.status",
    "extend_suspension": "xueji.suspension",
    "request_extension": "xueji.suspension",
    "request_suspension": "xueji.suspension",
    "suspend": "xueji.suspension",
    "suspension_ends": "xueji.suspension",
    "ChangeRequest": "xueji.workflow",
    "Decision": "xueji.workflow",
    "KeyField": "xueji.workflow",
    "RequestStatus": "xueji.workflow",
    "SuspensionKind": "xueji.workflow",
    "SuspensionRequest": "xueji.workflow",
    "TransferRequest": "xueji.workflow",
    "Verdict": "xueji.workflow",
}

# Old names kept for one release: each access warns (DeprecationWarning), so none is cached.
_DEPRECATED: dict[str, str] = {
    "RequestState": "RequestStatus",
    "central_check": "verify_change",
    "Mismatch": "Discrepancy",
    "find_mismatches": "find_discrepancies",
}

__all__ = [
    "FIRST_SEQUENCE",
    "LAST_SEQUENCE",
    "NATIONAL_EVENTS",
    "STAGES_TAUGHT",
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
    "Discrepancy",
    "DiscrepancyKind",
    "Document",
    "DuplicateGroup",
    "DuplicateRegistration",
    "Event",
    "EventKind",
    "FrozenMap",
    "GradeChange",
    "IllegalTransition",
    "InconsistentIdentity",
    "InvalidNumber",
    "InvalidValue",
    "Issuance",
    "KeyField",
    "KeyFieldChangeRequired",
    "Kind",
    "Late",
    "MonthDay",
    "NameChoice",
    "NameSpan",
    "NotAuthorized",
    "Period",
    "Policy",
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
    "RequestStatus",
    "ResidentID",
    "Role",
    "Rollover",
    "Route",
    "RowCheck",
    "School",
    "SchoolCategory",
    "SchoolCode",
    "SequenceExhausted",
    "Severity",
    "Sex",
    "Stage",
    "Status",
    "Step",
    "Student",
    "Summary",
    "SuspensionKind",
    "SuspensionRequest",
    "SyncOutcome",
    "TransferMode",
    "TransferRequest",
    "Verdict",
    "XuejiError",
    "YearSpan",
    "advance_grade",
    "advance_grades",
    "allocate",
    "apply_change",
    "change_status",
    "check",
    "check_many",
    "check_row",
    "complete_transfer",
    "decide",
    "drop_out",
    "extend_suspension",
    "find_discrepancies",
    "find_duplicates",
    "graduated_stage",
    "issue_formal_numbers",
    "make_registry_number",
    "make_resident_id",
    "monday_to_friday",
    "move_down",
    "numbers_in_use",
    "overdue",
    "progress",
    "promote",
    "region",
    "region_codes",
    "region_history",
    "region_sources",
    "register",
    "repeat_grade",
    "request_change",
    "request_extension",
    "request_suspension",
    "request_transfer",
    "resume",
    "return_from_abroad",
    "review",
    "set_grade",
    "skip_grade",
    "stages_taught",
    "suspend",
    "suspension_ends",
    "sync_transfer",
    "transfer",
    "update_info",
    "verify_change",
]


def __getattr__(name: str) -> object:
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"xueji.{name} is deprecated: use xueji.{new}", DeprecationWarning, stacklevel=2
        )
        return getattr(importlib.import_module(_LAZY[new]), new)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xueji' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
