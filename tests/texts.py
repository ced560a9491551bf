"""Inputs for the tests of the checks and parsers: valid numbers, the same damaged in known
ways, and junk of every type.

Valid numbers come from the shipped strategies (`xueji.strategies`), built from their
parts and never filtered; only the damage is drawn here. The GB 11643 check-character
table is written out again, so that the check characters made here are independent of
the code under test.
"""

from __future__ import annotations

import datetime
import math
from typing import NoReturn

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from xueji import Document, RegistryKind
from xueji import strategies as xs
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES, retired_codes

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECKS = "10X98765432"
#: GB 11643-1999's own example: 北京市朝阳区, 1949-12-31, a woman.
EXAMPLE = "11010519491231002X"
EXAMPLE_BORN = "19491231"
PERMITS = ("810000", "820000", "830000")


def check_char(body: str) -> str:
    """The MOD 11-2 check character of 17 digits."""
    return CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def with_check(body: str) -> str:
    return body + check_char(body)


# -- valid numbers ------------------------------------------------------------------------

BORN = (datetime.date(1850, 1, 1), datetime.date(2030, 12, 31))
AS_OF = st.one_of(st.none(), st.dates(min_value=datetime.date(1990, 1, 1)))
RETIRED_CODES = sorted(retired_codes())
AGGREGATE_CODES = sorted(c for c in KNOWN_CODES if c.endswith("00") and c not in PERMITS)
_MAINLAND = (Document.MAINLAND,)

# The codes that raise warnings are drawn as often as all the others: they are where the
# checks have most to say.
valid_ids = st.one_of(
    xs.resident_ids(born=BORN),
    xs.resident_ids(documents=_MAINLAND, region_codes=RETIRED_CODES, born=BORN),
    xs.resident_ids(documents=_MAINLAND, region_codes=AGGREGATE_CODES, born=BORN),
).map(str)

# -- damaged numbers ----------------------------------------------------------------------

DAMAGES = (
    "none",
    "checksum",
    "date",
    "region",
    "short",
    "long",
    "lowercase",
    "full-width",
    "spaces",
    "hyphens",
    "000",
    "masked",
    "float-text",
)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def damaged_ids(draw: st.DrawFn) -> tuple[str, str]:
    """``(text, the 8 birth-date digits it carries)``: a valid ID, maybe damaged."""
    rid = draw(valid_ids)
    born = rid[6:14]
    how = draw(st.sampled_from(DAMAGES))
    if how == "checksum":
        text = rid[:17] + draw(st.sampled_from([c for c in CHECKS if c != rid[17]]))
    elif how == "date":
        month_day = draw(st.sampled_from(["1301", "0001", "0100", "0230", "0431", "0229"]))
        born = rid[6:10] + month_day
        text = with_check(rid[:10] + month_day + rid[14:17])
    elif how == "region":
        bad = ["000000", "119999", "990000", "971840", "911156"]
        text = with_check(draw(st.sampled_from(bad)) + rid[6:17])
    elif how == "short":
        text = rid[: draw(st.integers(14, 17))]
    elif how == "long":
        text = rid + draw(st.sampled_from(["0", "1", "X", "00"]))
    elif how == "lowercase":
        text = rid.lower() if rid.endswith("X") else rid[:17] + "x"
    elif how == "full-width":
        text = rid.translate(FULL_WIDTH)
    elif how == "spaces":
        text = f" {rid[:6]} {rid[6:14]} {rid[14:]}\u3000"
    elif how == "hyphens":
        text = f"{rid[:6]}-{rid[6:14]}-{rid[14:]}"
    elif how == "000":
        text = rid[:15] + "000"
    elif how == "masked":
        text = rid[:6] + "********" + rid[14:]
    elif how == "float-text":
        text = draw(st.sampled_from([f"{int(rid[:17])}.0", f"{rid[0]}.{rid[1:6]}E+17"]))
    else:
        text = rid
    return text, born


id_texts = damaged_ids().map(lambda pair: pair[0])
_LOCATED = xs.registry_numbers(kinds=(RegistryKind.L, RegistryKind.J), born=BORN).map(str)


@st.composite
def registry_texts(draw: st.DrawFn) -> str:
    """Registry-number-like text: an L or J number (maybe with another last character),
    or a prefix (right, wrong or lower-case) and an ID-like body."""
    if draw(st.booleans()):
        text = draw(_LOCATED)
        if draw(st.booleans()):
            text = text[:-1] + draw(st.sampled_from(CHECKS))
        return text
    prefix = draw(st.sampled_from(["G", "L", "J", "g", "Ｇ", "K", ""]))
    return prefix + draw(id_texts)


SCHOOL_CATEGORIES = ["11", "21", "31", "34", "51", "93", "99", "00"]
school_texts = st.one_of(
    st.builds(
        "{}{}{:06d}".format,
        st.sampled_from(SCHOOL_CATEGORIES),
        st.sampled_from([*sorted(KNOWN_PROVINCES), "00", "99"]),
        st.integers(0, 999_999),
    ),
    st.text(alphabet="0123456789 -０", min_size=8, max_size=12),
)
junk_texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789XxGgLJ*-. Ee+", max_size=22),
)
any_text = st.one_of(id_texts, registry_texts(), school_texts, junk_texts)

# -- junk of every type -------------------------------------------------------------------


class Explosive:
    """An object every dunder of which raises."""

    def _boom(self, *args: object) -> NoReturn:
        raise RuntimeError("boom")

    __str__ = __repr__ = __format__ = __len__ = __iter__ = _boom
    __eq__ = __ne__ = __lt__ = __hash__ = __bool__ = __index__ = __int__ = _boom


class Text(str):
    """A plain str subclass: text like any other."""


SPECIALS: list[object] = [
    None,
    math.nan,
    math.inf,
    -0.0,
    pd.NA,
    pd.NaT,
    np.nan,
    np.float64(1.1e17),
    np.int64(110105194912310021),
    np.str_(EXAMPLE),
    np.bool_(True),
    True,
    b"11010519491231002X",
    bytearray(b"1"),
    Text(EXAMPLE),
    EXAMPLE * 10_000,
    " " * 100_000,
    "1" * 1_000_000,
    "\x00" * 18,
    "\ud800" * 18,
    [EXAMPLE],
    (EXAMPLE,),
    {EXAMPLE: 1},
    {EXAMPLE},
    object(),
    Explosive(),
    datetime.date(1949, 12, 31),
    1j,
]
junk_values = st.one_of(
    # By index: sampled_from hashes its elements, and Explosive refuses.
    st.integers(0, len(SPECIALS) - 1).map(SPECIALS.__getitem__),
    st.from_type(object),
    st.text(),
    st.floats(),
    st.integers(),
    st.binary(),
    st.none(),
    st.from_type(type).flatmap(st.from_type),
)
