"""Spreadsheet and data-frame damage, and what ``xueji.check`` must say about each case.

Each case is ``Case(value, reason, source)``: ``value`` is what reaches ``check`` (text, a
Python or numpy number, None, NaN), ``reason`` the first problem's reason (None when the
value is valid) and ``source`` where the damage is described (listed in docs/sources.md).

Derivation:
  GB 11643 example  - 11010519491231002X (the worked example of GB 11643-1999);
                      110105194912310021 is the same body with a wrong check character
                      (it should be X).
  Excel's 15 digits - Excel keeps 15 significant digits, so digits 16-18 read "000" and the
                      cell shows 1.10105E+17 (nctoro.com/a480680; seridoat.com, both pages).
  pandas float64    - read_csv infers float64 for an all-digit column with a gap; writing
                      it back gives "...0021.0" or scientific notation (ask.csdn.net/questions/
                      9101371; cda.cn/bigdata/206895.html).
  000 but valid     - 110105200909011000: region 110105, born 2009-09-01, sequence 100, and
                      its check character is 0 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
                      map "10X98765432"); test_check recomputes it.
  masks             - jxlwqq/id-validator.py#6: masked values such as 110105********002X.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

import numpy as np

from xueji import Reason

EXCEL = "https://www.nctoro.com/a480680 (Excel keeps 15 digits: the last 3 read 000)"
EXCEL_E17 = (
    "https://www.seridoat.com/article/ru-he-zai-excel-zhong-zheng-que-shu-ru-shen-fen-zheng-"
    "hao-bi-mian-xian-shi-ke-xue-ji-shu-fa-huo-diu.html (shown as 1.10105E+17)"
)
EXCEL_000 = (
    "https://www.seridoat.com/article/excel-shu-ru-shen-fen-zheng-hao-ma-hou-san-wei-bian-"
    "cheng-000-zen-me-ban-ru-he-bi-mian-shen-fen-zhen.html (the last three become 000)"
)
PANDAS = "https://ask.csdn.net/questions/9101371 (read_csv infers float64: use dtype=str)"
PANDAS_CDA = "https://www.cda.cn/bigdata/206895.html (numeric inference of ID columns)"
ZFILL = "https://yingnd.com/cjwt/131813.html (int() -> str() -> zfill(18) 'recovery')"
MASKED = "jxlwqq/id-validator.py#6 (masked inputs turn up in real data sets)"
MISSING = (
    "pandas.read_csv reads an empty field as NaN, polars.read_csv as null "
    "(missing_utf8_is_empty_string=False): both reach check() as missing"
)


class Case(NamedTuple):
    value: object
    reason: Reason | None
    source: str


#: The GB 11643 worked example, valid.
EXAMPLE: Final = "11010519491231002X"
#: A valid number ending in 000 (check character 0): it is not float damage.
VALID_000: Final = "110105200909011000"

CASES: Final[list[Case]] = [
    # Numbers: the column was read as numbers, whatever their digits.
    Case(110105194912310021, Reason.FLOAT_DAMAGE, PANDAS),
    Case(1.1010519491231e17, Reason.FLOAT_DAMAGE, PANDAS),
    Case(110105194912310000.0, Reason.FLOAT_DAMAGE, EXCEL),
    Case(np.float64(1.10105194912310e17), Reason.FLOAT_DAMAGE, PANDAS_CDA),
    Case(np.int64(110105194912310021), Reason.FLOAT_DAMAGE, PANDAS_CDA),
    Case(np.float32(1.1e17), Reason.FLOAT_DAMAGE, PANDAS_CDA),
    # Text a float left behind.
    Case("1.10105E+17", Reason.FLOAT_DAMAGE, EXCEL_E17),
    Case("1.10105e+17", Reason.FLOAT_DAMAGE, EXCEL_E17),
    Case("1.1010519491231E17", Reason.FLOAT_DAMAGE, EXCEL_E17),
    Case(" 1.10105E+17 ", Reason.FLOAT_DAMAGE, EXCEL_E17),
    Case("110105194912310021.0", Reason.FLOAT_DAMAGE, PANDAS),
    Case("110105194912310000.0", Reason.FLOAT_DAMAGE, PANDAS),
    Case("11010519491231002.0", Reason.FLOAT_DAMAGE, PANDAS),
    # 15 significant digits: the last three are 000 and the checksum fails.
    Case("110105194912310000", Reason.FLOAT_DAMAGE, EXCEL_000),
    Case("440305201001010000", Reason.FLOAT_DAMAGE, EXCEL_000),
    Case(" 110105194912310000 ", Reason.FLOAT_DAMAGE, ZFILL),
    # ... but a number that ends in 000 and passes the checksum is valid.
    Case(VALID_000, None, EXCEL_000),
    # Masks.
    Case("110105********002X", Reason.MASKED, MASKED),
    Case("110105＊＊＊＊＊＊＊＊002X", Reason.MASKED, MASKED),
    Case("******************", Reason.MASKED, MASKED),
    # Missing values.
    Case(None, Reason.MISSING, MISSING),
    Case(math.nan, Reason.MISSING, MISSING),
    Case(np.float64("nan"), Reason.MISSING, MISSING),
    Case("", Reason.MISSING, MISSING),
    Case("   ", Reason.MISSING, MISSING),
    Case("\t\u3000\n", Reason.MISSING, MISSING),
    # Undamaged controls.
    Case(EXAMPLE, None, "GB 11643-1999 (its worked example)"),
    Case("110105194912310021", Reason.CHECKSUM, "GB 11643-1999 (its example, wrong check)"),
]
