"""Personal names, as students, actors and population-database answers carry them."""

from __future__ import annotations

import unicodedata
from typing import Final

from xueji.errors import InvalidValue

__all__ = ["MAX_NAME", "parse_name"]

MAX_NAME: Final = 100


def parse_name(name: object) -> str:
    """``name`` trimmed; raises `InvalidValue` when it is not text, is empty or too long,
    or holds digits or control characters.

    Examples:
        >>> parse_name(" 阿依古丽·买买提\\u3000")
        '阿依古丽·买买提'
    """
    if not isinstance(name, str):
        raise InvalidValue("a name must be text")
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidValue(f"a name must have 1 to {MAX_NAME} characters")
    if name.isalpha():
        # Letters only (categories Lu, Ll, Lt, Lm, Lo, from the same Unicode data as
        # `unicodedata`): no digit, control or separator, as most names are.
        return name
    for ch in name:
        # N* covers every script's digits and numerals (①, ², Ⅻ); C* control, format and
        # unassigned code points; Zl and Zp line and paragraph separators.
        category = unicodedata.category(ch)
        if category[0] in "NC" or category in ("Zl", "Zp"):
            raise InvalidValue("a name may not contain digits or control characters")
    return name
