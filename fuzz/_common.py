"""Shared pieces of the Atheris harnesses: input builders and the contract checks.

Every harness imports xueji inside ``atheris.instrument_imports()`` *before* importing
this module, so the xueji modules used here are the instrumented ones.

Input layout (what a corpus file holds), read with ``atheris.FuzzedDataProvider``:

- 4 header bytes (``ConsumeBytes(4)``, from the front):
  byte 0 picks the text mode (bits 0-1) and the region policy (bits 2-3), and holds
  flags (bits 4-7) that some harnesses use (value type, ``j_checksum``, ``expect``);
  bytes 1-3 give ``as_of``: none when byte 1 is below 0x80, else a day from 1840 on.
- the rest is the text, by mode:
  0 RAW: ``ConsumeUnicode`` (first byte: odd = ASCII, else UTF-16 or UTF-32);
  1 ALPHABET: one character per byte from a number-heavy alphabet;
  2 TEMPLATE: a well-formed number of a drawn kind, then byte-driven edits;
  3 RAW again (unicode inputs get the most weight).

``fuzz/make_corpus.py`` writes seed files in this layout and checks they decode back.
"""

from __future__ import annotations

import datetime
import importlib
import os
import pkgutil
from typing import Any

import atheris

import xueji
from xueji import (
    Check,
    InvalidNumber,
    Kind,
    Reason,
    RegionPolicy,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    Severity,
    _regions,
    check,
)
from xueji._checksum import mod_11_2

# xueji may load its modules lazily: load them all now, while the harness's
# instrument_imports() block is open, so that every one is instrumented.
for _module in pkgutil.iter_modules(xueji.__path__):
    if _module.name != "strategies":  # needs Hypothesis; no outside data goes there
        importlib.import_module(f"xueji.{_module.name}")

# Bugs found by these harnesses and kept as xfail tests in tests/test_fuzz_regressions.py.
# By default the harnesses step around them (so that a smoke run looks for new bugs, and
# CI stays green until they are fixed); ``fuzz/run.py --report-known`` (environment
# XUEJI_FUZZ_KNOWN=report; or a comma-separated list of keys) hits them again.
# Remove an entry when its bug is fixed.
KNOWN: dict[str, str] = {
    # "key": "what breaks", e.g. (fixed in 1061652, kept as examples of past entries):
    # "hostile-str": "a str subclass whose methods raise escapes parse/is_valid/check_row",
    # "numpy-str-nul": "check_many reads numpy.str_ through str(), dropping trailing NULs",
}
REPORT_KNOWN = frozenset(os.environ.get("XUEJI_FUZZ_KNOWN", "").split(","))


def avoid(bug: str) -> bool:
    """Whether to step around the known bug ``bug`` (a key of KNOWN)."""
    assert bug in KNOWN, bug
    return not ({"report", bug} & REPORT_KNOWN)


HEADER = 4
RAW, ALPHABET, TEMPLATE = 0, 1, 2
REGIONS = (RegionPolicy.KNOWN, RegionPolicy.PROVINCE, RegionPolicy.FORMAT, RegionPolicy.KNOWN)
_AS_OF_BASE = datetime.date(1840, 1, 1)
_AS_OF_SPAN = 160_000  # days: up to the 2280s

# Mostly digits (each three times), then what real exports hold around numbers:
# check and prefix letters, separators and spaces, full-width forms, masks,
# spreadsheet damage, control characters and digits of other scripts.
ALPHABET_CHARS = (
    list("0123456789" * 3)
    + list("XxGLJglj")
    + [" ", "-", "\u3000", "\u00a0", "\u2010", "\u2011", "\uff0d", "\t", "\n", "\r"]
    + [chr(0xFF10 + i) for i in range(10)]
    + ["\uff38", "\uff58", "\uff27", "\uff2c", "\uff2a", "\uff47", "\uff4c", "\uff4a"]
    + ["*", "\uff0a", ".", "e", "E", "+", ",", '"', "'"]
    + ["\x00", "\x1c", "\u200b", "\ufeff", "\u2007", "\u1680", "\u202f", "\x85"]
    + ["\u0663", "\u096a", "\U0001d7d9", "\u00b9", "\u2460", "K", "A", "学", "籍"]
)

_CODES = sorted(_regions.KNOWN_CODES)
_PROVINCES = sorted(_regions.KNOWN_PROVINCES)
_COUNTRIES = sorted(_regions.known_countries())
_PERMITS = ["810000", "820000", "830000"]
_FULL_WIDTH = {**{str(i): chr(0xFF10 + i) for i in range(10)}, "X": "\uff38"}
_FULL_WIDTH.update({c: chr(ord(c) - ord("A") + 0xFF21) for c in "GLJ"})
_INSERTS = (" ", "-", "\u3000", "\u00a0", "\u2010", "\uff0d", "\t", "\n", "*", ".", "0", "X")


class Case:
    """One decoded input: the text and the options drawn with it."""

    __slots__ = ("as_of", "flags", "mode", "regions", "text")

    def __init__(
        self,
        text: str,
        *,
        mode: int,
        regions: RegionPolicy,
        as_of: datetime.date | None,
        flags: int,
    ) -> None:
        self.text = text
        self.mode = mode
        self.regions = regions
        self.as_of = as_of
        self.flags = flags

    def __repr__(self) -> str:
        return (
            f"Case(text={self.text!r}, mode={self.mode}, regions={self.regions.value!r},"
            f" as_of={self.as_of!r}, flags={self.flags:#x})"
        )


def header(fdp: Any) -> tuple[int, RegionPolicy, datetime.date | None, int]:
    """Mode, region policy, as_of and flags from the 4 header bytes."""
    head = fdp.ConsumeBytes(HEADER).ljust(HEADER, b"\x00")
    mode = head[0] & 3
    regions = REGIONS[(head[0] >> 2) & 3]
    flags = head[0] >> 4
    as_of = None
    if head[1] >= 0x80:
        days = (((head[1] & 0x7F) << 16) | (head[2] << 8) | head[3]) % _AS_OF_SPAN
        as_of = _AS_OF_BASE + datetime.timedelta(days=days)
    return mode, regions, as_of, flags


def text_of(fdp: Any, mode: int, limit: int | None = None) -> str:
    """The text of one value, drawn as ``mode`` says, from at most ``limit`` bytes."""
    n = fdp.remaining_bytes() if limit is None else min(limit, fdp.remaining_bytes())
    if mode == ALPHABET:
        return "".join(ALPHABET_CHARS[b % len(ALPHABET_CHARS)] for b in fdp.ConsumeBytes(n))
    if mode == TEMPLATE:
        return template(fdp.ConsumeBytes(n))
    return fdp.ConsumeUnicode(n)


def case(data: bytes) -> Case:
    """Decode a whole input as one text value and its options."""
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = header(fdp)
    return Case(text_of(fdp, mode), mode=mode, regions=regions, as_of=as_of, flags=flags)


def _int(raw: bytes, i: int, width: int = 1) -> int:
    return int.from_bytes(raw[i : i + width].ljust(width, b"\x00"), "big")


def template(raw: bytes) -> str:
    """A well-formed number (of a kind the bytes pick) with byte-driven edits.

    Random text almost never passes a check character; building numbers and then
    damaging them reaches the code behind the checksum: dates, regions, warnings.
    """
    kind = _int(raw, 0) % 8
    pick = _int(raw, 1, 2)
    year = 1845 + _int(raw, 3) % 200
    month = _int(raw, 4) % 14 if _int(raw, 5) < 24 else 1 + _int(raw, 4) % 12
    day = _int(raw, 6) % 33 if _int(raw, 5) < 24 else 1 + _int(raw, 6) % 31
    sequence = f"{_int(raw, 7, 2) % 1000:03d}"
    if kind == 5:
        region = _PERMITS[pick % 3]
    elif kind == 6:
        province = _PROVINCES[pick % len(_PROVINCES)]
        region = f"9{province}{_COUNTRIES[(pick >> 6) % len(_COUNTRIES)]}"
    else:
        region = _CODES[pick % len(_CODES)]
    body = f"{region}{year:04d}{month:02d}{day:02d}{sequence}"
    good = mod_11_2(body)
    last = good if _int(raw, 9) < 230 else "0123456789X"[_int(raw, 9) % 11]
    number = body + last
    if kind == 1:
        number = "G" + number
    elif kind == 2:
        number = "J" + number
    elif kind == 3:
        number = "L" + body + "0123456789X"[_int(raw, 10) % 11]
    elif kind == 4:
        number = f"{region}{year % 100:02d}{month:02d}{day:02d}{sequence}"  # 15-digit legacy
    elif kind == 7:
        number = f"{_int(raw, 10) % 100:02d}{region[:2]}{_int(raw, 11, 3) % 1_000_000:06d}"
    chars = list(number)
    edits = raw[12:]
    for i in range(0, len(edits) - 1, 2):
        op, arg = edits[i], edits[i + 1]
        at = arg % (len(chars) + 1)
        if op < 96:
            continue  # most numbers stay mostly intact
        if op < 136 and chars:
            c = chars[at % len(chars)]
            chars[at % len(chars)] = _FULL_WIDTH.get(c, c)
        elif op < 160 and chars:
            chars[at % len(chars)] = chars[at % len(chars)].lower()
        elif op < 200:
            chars.insert(at, _INSERTS[op % len(_INSERTS)])
        elif op < 220 and chars:
            del chars[at % len(chars)]
        elif op < 240 and chars:
            chars[at % len(chars)] = ALPHABET_CHARS[arg % len(ALPHABET_CHARS)]
        else:
            chars.insert(0, " ") if op & 1 else chars.append("\u3000")
    return "".join(chars)


# -- values of other types --------------------------------------------------------------


class PlainStr(str):
    """A str subclass that changes nothing (numpy.str_ and friends): must act as str."""

    __slots__ = ()


class HostileStr(str):
    """A str subclass whose methods lie or raise: the never-raise promises must hold."""

    __slots__ = ()

    def __len__(self) -> int:
        raise RuntimeError("hostile __len__")

    def strip(self, chars: str | None = None) -> str:
        raise RuntimeError("hostile strip")

    def __iter__(self) -> Any:
        raise RuntimeError("hostile __iter__")

    def __getitem__(self, key: Any) -> str:
        raise RuntimeError("hostile __getitem__")

    def isascii(self) -> bool:
        raise RuntimeError("hostile isascii")


class RaisingEq:
    """An object whose comparisons raise (pandas-like values)."""

    def __eq__(self, other: object) -> bool:
        raise ValueError("ambiguous")

    def __ne__(self, other: object) -> bool:
        raise ValueError("ambiguous")

    __hash__ = object.__hash__


def other_value(fdp: Any, mode: int, limit: int | None = None) -> object:
    """A value of another type (drawn first, from the end of the data), built around
    text of ``mode`` (drawn from the front): what data-frame columns hold."""
    import decimal

    import numpy as np

    choice = fdp.ConsumeIntInRange(0, 16)
    number = fdp.ConsumeRegularFloat() if choice in (2, 6) else 0.0
    size = fdp.ConsumeIntInRange(1, 6000) if choice == 16 else 0
    text = text_of(fdp, mode, limit)
    digits = "".join(c for c in text if c.isascii() and c.isdigit())[:4000] or "0"
    values: dict[int, Any] = {
        0: None,
        1: float("nan"),
        2: number,
        3: int(digits),
        5: np.str_(text),
        6: np.float64(number),
        7: PlainStr(text),
        8: HostileStr(text),
        9: [text],
        10: {"value": text},
        11: bool(len(text) & 1),
        12: decimal.Decimal(digits),
        13: RaisingEq(),
        14: datetime.date(2015, 9, 1),
        15: xueji.Sex.MALE,
        16: 7 * 10**size,  # huge integers (str() of one past 4300 digits raises)
    }
    if choice == 4:
        return text.encode("utf-8", "surrogatepass")
    return values[choice]


# -- the contract -------------------------------------------------------------------------


def expect_invalid_number(err: BaseException) -> None:
    """The only exception a parser may raise is a well-formed InvalidNumber."""
    if not isinstance(err, InvalidNumber):
        raise err
    assert isinstance(err, ValueError)
    assert isinstance(err.reason, Reason), err.reason
    assert isinstance(err.masked, str)
    str(err), repr(err)


def assert_check_shape(result: Check) -> None:
    """What every Check promises, whatever the input."""
    assert isinstance(result, Check), result
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert result.ok == (not errors), result
    # Errors first, then warnings.
    severities = [p.severity for p in result.problems]
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR), result
    if result.ok:
        assert result.value is not None, result
        assert result.kind is not None, result
    else:
        assert result.value is None, result
    for p in result.problems:
        assert isinstance(p.reason, Reason), p
        assert isinstance(p.message, str), p
        # check() catches its own bugs and says "could not be checked": that is a crash.
        assert not p.message.startswith("could not be checked"), (result, p.message)
    repr(result)


def comparable(result: Check, kind: Kind) -> bool:
    """Whether ``result.ok`` must equal the parser's is_valid (see the brief)."""
    if result.kind is not kind:
        return False
    return not (result.problems and result.problems[0].reason is Reason.FLOAT_DAMAGE)


def resident_id_contract(
    value: object, as_of: datetime.date | None, regions: RegionPolicy
) -> ResidentID | None:
    """parse raises InvalidNumber only, is_valid agrees with it, and check agrees too."""
    parsed: ResidentID | None = None
    try:
        parsed = ResidentID.parse(value, as_of=as_of, regions=regions)  # type: ignore[arg-type]
    except Exception as err:
        expect_invalid_number(err)
    valid = ResidentID.is_valid(value, as_of=as_of, regions=regions)
    assert valid is (parsed is not None), (value, valid, parsed)
    if parsed is not None:
        v = parsed.value
        assert type(v) is str, v
        assert len(v) == 18, v
        assert ResidentID.parse(v, as_of=as_of, regions=regions) == parsed
        assert ResidentID(v) == parsed
        parsed.birth_date, parsed.sex, parsed.document, parsed.region_code  # noqa: B018
        parsed.region  # noqa: B018
        assert repr(parsed) == f"ResidentID({parsed.masked()!r})"
        # Looser options accept what stricter ones do.
        assert ResidentID.is_valid(v, regions=RegionPolicy.FORMAT)
        if regions is RegionPolicy.KNOWN:
            assert ResidentID.is_valid(v, as_of=as_of, regions=RegionPolicy.PROVINCE), v
        if as_of is not None:
            assert ResidentID.is_valid(v, regions=regions), v
    for expect in (Kind.RESIDENT_ID, None):
        result = check(value, as_of=as_of, regions=regions, expect=expect)
        assert_check_shape(result)
        if comparable(result, Kind.RESIDENT_ID):
            assert result.ok == valid, (value, expect, result, valid)
            if parsed is not None:
                assert result.value == parsed.value, (result, parsed)
    return parsed


def registry_number_contract(
    value: object,
    as_of: datetime.date | None,
    regions: RegionPolicy,
    *,
    j_checksum: bool = True,
) -> RegistryNumber | None:
    """As resident_id_contract, for registry numbers (check uses ``j_checksum=True``)."""
    parsed: RegistryNumber | None = None
    try:
        parsed = RegistryNumber.parse(
            value,  # type: ignore[arg-type]
            as_of=as_of,
            regions=regions,
            j_checksum=j_checksum,
        )
    except Exception as err:
        expect_invalid_number(err)
    valid = RegistryNumber.is_valid(value, as_of=as_of, regions=regions, j_checksum=j_checksum)
    assert valid is (parsed is not None), (value, valid, parsed)
    if parsed is not None:
        v = parsed.value
        assert type(v) is str, v
        assert len(v) == 19, v
        assert v[0] in "GLJ", v
        assert RegistryNumber.parse(v, as_of=as_of, regions=regions, j_checksum=j_checksum) == (
            parsed
        )
        assert RegistryNumber(v) == parsed
        parsed.kind, parsed.birth_date, parsed.region_code, parsed.is_formal  # noqa: B018
        rid = parsed.resident_id
        if rid is not None:
            assert ResidentID.is_valid(rid.value, as_of=as_of, regions=regions), v
        assert RegistryNumber.is_valid(v, as_of=as_of, regions=regions, j_checksum=False)
        assert RegistryNumber.is_valid(v, regions=RegionPolicy.FORMAT, j_checksum=j_checksum)
    strict = valid if j_checksum else None
    if strict is None:
        strict = RegistryNumber.is_valid(value, as_of=as_of, regions=regions)
    for expect in (Kind.REGISTRY_NUMBER, None):
        result = check(value, as_of=as_of, regions=regions, expect=expect)
        assert_check_shape(result)
        if comparable(result, Kind.REGISTRY_NUMBER):
            assert result.ok == strict, (value, expect, result, strict)
    return parsed


def school_code_contract(value: object) -> SchoolCode | None:
    """As resident_id_contract, for school codes."""
    parsed: SchoolCode | None = None
    try:
        parsed = SchoolCode.parse(value)  # type: ignore[arg-type]
    except Exception as err:
        expect_invalid_number(err)
    valid = SchoolCode.is_valid(value)
    assert valid is (parsed is not None), (value, valid, parsed)
    if parsed is not None:
        assert SchoolCode.parse(parsed.value) == parsed == SchoolCode(parsed.value)
        parsed.category, parsed.province_code, parsed.serial  # noqa: B018
    for expect in (Kind.SCHOOL_CODE, None):
        result = check(value, expect=expect)
        assert_check_shape(result)
        if comparable(result, Kind.SCHOOL_CODE):
            assert result.ok == valid, (value, expect, result, valid)
    return parsed
