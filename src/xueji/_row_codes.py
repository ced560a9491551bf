"""The column side of the validation core: the spreadsheet-damage test, a column's
values as a list, and the per-row codes of the column report. Private to the package;
`xueji._core` re-exports every name here."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

from xueji.errors import Reason

__all__ = [
    "AGGREGATE",
    "ALL_CODES",
    "DETAIL",
    "FLOAT_TAIL",
    "ID_ERRORS",
    "OK",
    "RETIRED",
    "ROW_CODE",
    "ROW_REASONS",
    "VALID_CODES",
    "as_list",
    "looks_like_a_float",
    "lost_digits",
]

# -- spreadsheet damage -------------------------------------------------------------------


@functools.cache
def _float_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Compiled on first use: `import xueji` does not pay for them.
    return re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+?[0-9]{1,3}"), re.compile(r"[0-9]{14,18}\.0+")


#: What a float keeps of an 18-digit number: 15 significant digits, then zeros.
FLOAT_TAIL: Final = "000"


def looks_like_a_float(text: str) -> bool:
    """Whether ``text`` is a number written the way a float prints (``1.10105E+17``,
    ``110105194912310021.0``): a number that went through a spreadsheet."""
    s = text.strip()
    scientific, trailing_zero = _float_forms()
    return bool(scientific.fullmatch(s) or trailing_zero.fullmatch(s))


def lost_digits(s: str, reason: Reason | None) -> bool:
    """Whether an 18-character ID that failed with ``reason`` lost its last digits in a
    float: it fails the checksum and ends in ``000``."""
    return reason is Reason.CHECKSUM and s.endswith(FLOAT_TAIL)


# -- columns ------------------------------------------------------------------------------


def as_list(values: Iterable[object]) -> list[object]:
    """A column's values as a list of plain Python objects.

    numpy arrays and pandas/polars Series hand out numpy scalars when iterated;
    ``tolist()``/``to_list()`` gives plain objects (str, float, None) in one C call.
    Except for numpy dates, which ``tolist()`` may turn into plain ints (nanoseconds):
    those are iterated, so that they stay what they are (not text, not a damaged number).
    """
    if getattr(getattr(values, "dtype", None), "kind", None) == "M":
        return list(values)
    for name in ("tolist", "to_list"):
        convert = getattr(values, name, None)
        if callable(convert):
            try:
                result = convert()
            except Exception:
                continue
            if isinstance(result, list):
                return result
    return list(values)


# -- the per-row codes of the column report -----------------------------------------------

#: A row whose Check follows from its code: a canonical resident ID (or G number) with no
#: problem (``OK``), one error, or one region warning; ``DETAIL`` rows keep their Check.
OK: Final = 0
#: The errors a resident ID of the right characters can have, in the order `id_reason`
#: looks for them (its wrong length last).
ID_ERRORS: Final = (
    Reason.CHECKSUM,
    Reason.BIRTH_DATE,
    Reason.FUTURE_BIRTH_DATE,
    Reason.REGION,
    Reason.NATIONALITY,
    Reason.LENGTH,
)
ROW_REASONS: Final = (*ID_ERRORS, Reason.RETIRED_REGION, Reason.AGGREGATE_REGION)
ROW_CODE: Final = {reason: i for i, reason in enumerate(ROW_REASONS, 1)}
RETIRED: Final = ROW_CODE[Reason.RETIRED_REGION]
AGGREGATE: Final = ROW_CODE[Reason.AGGREGATE_REGION]
#: Codes of rows with no error (warnings allowed).
VALID_CODES: Final = (OK, RETIRED, AGGREGATE)
DETAIL: Final = 255
ALL_CODES: Final = (OK, *ROW_CODE.values(), DETAIL)
