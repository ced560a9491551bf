"""How the parsers read their input: the cleaning they apply and the options they take.

Every parser and check of xueji (`ResidentID.parse`, `RegistryNumber.parse`,
`SchoolCode.parse`, `check`, `check_many`) shares these:

- input longer than `MAX_INPUT` characters is refused (reason `length`) before any
  cleaning work is done;
- the cleaning is small and listed (`Cleaning`): anything it does not name is left in
  place for the format check to reject;
- `RegionPolicy` says how strictly the region (address) code is checked;
- birth dates before `EARLIEST_BIRTH_DATE` are refused (reason `birth-date`).

Examples:
    >>> from xueji import check
    >>> sorted(cleaning.value for cleaning in check(" 110105-19491231-002x ").normalised)
    ['lowercase', 'separators', 'whitespace']
    >>> check("1101051949123100" + "2X" * 30).problems[0].reason.value
    'length'
"""

from __future__ import annotations

import datetime
import enum
from typing import Final

__all__ = ["EARLIEST_BIRTH_DATE", "MAX_INPUT", "Cleaning", "RegionPolicy"]

#: Longer input is refused (reason ``length``) before any cleaning work is done.
MAX_INPUT: Final = 64

#: Birth dates before this day are refused (reason ``birth-date``).
EARLIEST_BIRTH_DATE: Final = datetime.date(1850, 1, 1)


class Cleaning(enum.StrEnum):
    """One kind of cleaning that parsing applied to the input."""

    #: Whitespace around the number, or spaces inside it (ASCII, no-break, ideographic).
    WHITESPACE = "whitespace"
    #: Hyphens inside the number (``-``, U+2010, U+2011, full-width ``－``).
    SEPARATORS = "separators"
    #: A lower-case ``x`` check character, or a lower-case prefix letter, upper-cased.
    LOWERCASE = "lowercase"
    #: Full-width digits or letters (the NFKC forms of ASCII ones) made ASCII.
    FULL_WIDTH = "full-width"


class RegionPolicy(enum.StrEnum):
    """How strictly the region (address) code of a number is checked.

    ``KNOWN``: the code existed at some time in GB/T 2260 (retired codes stay valid,
    whatever the birth year), or is a residence-permit code; a foreigner's card needs a
    province that issues the card and a known nationality other than China's.
    ``PROVINCE``: only the 2-digit province must exist (for a foreigner's card: issue
    the card; its nationality is then only refused when it is China's).
    ``FORMAT``: no region check.
    """

    KNOWN = "known"
    PROVINCE = "province"
    FORMAT = "format"
