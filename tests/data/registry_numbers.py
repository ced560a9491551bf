"""Registry numbers (学籍号) and the outcome xueji promises for each, with default options.

Each case is ``(text, expected reason or None when valid, note)``; ``parse`` runs with
``regions=KNOWN``, ``j_checksum=True`` and no ``as_of``.

Sources and derivation:
  layouts             - G = "G" + a GB 11643 resident ID; J = "J" + school region +
                        YYYYMMDD + 3-digit sequence + MOD 11-2 check; L = "L" + school
                        region + YYYYMMDD + 4 characters, never checksummed (web sources
                        S1-S8 of docs/sources.md; ADR 0007 and ADR 0008).
  GB 11643-1999       - 11010519491231002X, the standard's worked example.
  check characters    - computed by hand for this file with the GB 11643 weights
                        7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the map "10X98765432" on
                        (Σ mod 11); ``test_registry_number`` recomputes every one of them.
  region codes        - 110105 北京市朝阳区, 310115 上海市浦东新区, 440305 深圳市南山区,
                        650102 乌鲁木齐市天山区 (GB/T 2260); 110199 and 990000 are no codes.
"""

from __future__ import annotations

from typing import Final

from xueji import Reason

Case = tuple[str, Reason | None, str]

VALID_G: Final[list[Case]] = [
    ("G11010519491231002X", None, "G + the GB 11643 worked example (check X)"),
    ("g11010519491231002x", None, "lower-case prefix and check character"),
    (" G110105-19491231-002X\n", None, "surrounding whitespace and inner hyphens"),
    ("G110105 19491231 002X", None, "inner spaces"),
    ("\uff47110105\u300019491231\u3000002X", None, "full-width g, ideographic spaces"),
    ("\uff27\uff11\uff11\uff10\uff11\uff10\uff15１９４９１２３１００２\uff38", None, "full width"),
    ("G810000199001010019", None, "Hong Kong residence permit (810000), body check 9"),
    ("G11010520160229002X", None, "29 February of a leap year, body check X"),
]

INVALID_G: Final[list[Case]] = [
    ("G110105194912310021", Reason.CHECKSUM, "body check should be X"),
    ("G110105194912310039", Reason.CHECKSUM, "sequence 003: check should be 8"),
    ("G110105194902290029", Reason.BIRTH_DATE, "1949-02-29 does not exist; check 9 is right"),
    ("G11019919491231002X", Reason.REGION, "110199 is no region code; check X is right"),
    ("G11010519491231002Y", Reason.FORMAT, "Y is no check character"),
    ("G1101051949123100", Reason.LENGTH, "17 characters after the prefix"),
    ("G11010519491231002X0", Reason.LENGTH, "19 characters after the prefix"),
    ("G110105********002X", Reason.MASKED, "a masked number"),
    ("11010519491231002X", Reason.PREFIX, "a resident ID without its prefix"),
    ("K11010519491231002X", Reason.PREFIX, "K is no prefix"),
    ("X11010519491231002X", Reason.PREFIX, "X is no prefix"),
    ("011010519491231002X", Reason.PREFIX, "a digit where the prefix should be"),
]

VALID_J: Final[list[Case]] = [
    ("J110105201509010070", None, "sequence 007, check 0 (the docstring example)"),
    ("j110105201509010070", None, "lower-case prefix"),
    ("J11010520150901002X", None, "sequence 002, check X"),
    ("J11010520150901002x", None, "sequence 002, lower-case check x"),
    ("J110105201509010003", None, "sequence 000, check 3"),
    ("J110105201509019999", None, "sequence 999, check 9"),
    ("J310115201006151234", None, "Shanghai Pudong, sequence 123, check 4"),
    ("J650102201201010505", None, "Urumqi Tianshan, sequence 050, check 5"),
]

INVALID_J: Final[list[Case]] = [
    ("J110105201509010071", Reason.CHECKSUM, "sequence 007: check should be 0"),
    ("J11010520150901007X", Reason.CHECKSUM, "sequence 007: check should be 0, not X"),
    ("J110105201502300075", Reason.BIRTH_DATE, "2015-02-30 does not exist; check 5 is right"),
    ("J440305201802290013", Reason.BIRTH_DATE, "2018 is no leap year; check 3 is right"),
    ("J110199201509010070", Reason.REGION, "110199 is no region code; check 0 is right"),
    ("J990000201509010077", Reason.REGION, "990000 is no school location; check 7 is right"),
    ("J1101052015090100A0", Reason.FORMAT, "a letter in the sequence"),
    ("J11010520150901007", Reason.LENGTH, "17 characters after the prefix"),
]

VALID_L: Final[list[Case]] = [
    ("L110105201509010123", None, "4 random digits (the layout weak sources report, ADR 0007)"),
    ("L110105201509014831", None, "4 random digits"),
    ("L110105201509010000", None, "4 zero digits"),
    ("L110105201509010126", None, "sequence 012 and its MOD 11-2 check 6"),
    ("L11010520150901002X", None, "sequence 002 and its check X"),
    ("l11010520150901002x", None, "lower case throughout"),
    ("L110105201509010127", None, "sequence 012 with a wrong check: never checked for L"),
    ("L11010520150901007X", None, "an X that no checksum would give: never checked for L"),
]

INVALID_L: Final[list[Case]] = [
    ("L110199201509010123", Reason.REGION, "110199 is no region code"),
    ("L990000201509010123", Reason.REGION, "990000 is no school location"),
    ("L110105201509310129", Reason.BIRTH_DATE, "2015-09-31 does not exist"),
    ("L110105201513010123", Reason.BIRTH_DATE, "month 13"),
    ("L110105184912310123", Reason.BIRTH_DATE, "1849, before 1850-01-01"),
    ("L11010520150901012Y", Reason.FORMAT, "Y is neither a digit nor X"),
    ("L1101052015090101X2", Reason.FORMAT, "X anywhere but last"),
    ("L11010520150901012", Reason.LENGTH, "17 characters after the prefix"),
    ("L110105********0123", Reason.MASKED, "a masked number"),
]

VALID: Final = VALID_G + VALID_J + VALID_L
INVALID: Final = INVALID_G + INVALID_J + INVALID_L
ALL: Final = VALID + INVALID
