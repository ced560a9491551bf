"""The benchmark data set: seeded resident ID numbers, 90 % valid and 10 % defective.

    python bench/dataset.py [--n 200000] [--seed 20240901] --out ids.tsv

writes one ``number<TAB>label`` a line; the other scripts in ``bench/`` call ``build()``.

Every figure in ``docs/performance.md`` is measured on this data set, so that xueji and
python-stdnum always meet the same rows. It reads nothing but python-stdnum's region table
(``stdnum/cn/loc.dat``, through ``stdnum.numdb``), which ships with xueji's dependencies.

Composition, exact for any ``n`` divisible by 50 (``build(200_000)``: 180,000 valid, 4,000 of
each defect), in an order shuffled by the seed:

- ``valid``: a county-level code of ``loc.dat`` (no ``xxxx00`` aggregate, no 市辖区, no
  Taiwan, Hong Kong or Macao), a birth year from 1930 to 2020 in which the code was in
  force (so that stdnum, which insists on that, accepts every one), a uniform day of that
  year, a sequence from 001 to 999 and the MOD 11-2 check character;
- ``bad_checksum``: a valid number with any other check character;
- ``bad_date``: month 13, day 32, 30 February, 0000, 31 April or 29 February of a common
  year, with a correct check character;
- ``bad_region_province``: a 2-digit prefix that is no province, with a correct check
  character;
- ``bad_region_county``: a known province and a county that ``loc.dat`` does not list, with
  a correct check character (python-stdnum raises ``KeyError`` on these; a library with a
  fuller table than ``loc.dat`` may rightly accept a few);
- ``bad_length``: a valid number with one character dropped or one digit added.

A label says what was done to the number, judged against ``loc.dat``.
"""

from __future__ import annotations

import argparse
import datetime
import random
from collections.abc import Callable
from pathlib import Path

from stdnum import numdb

SEED = 20240901
FIRST_YEAR, LAST_YEAR = 1930, 2020
VALID_SHARE = 0.9
#: ISO 7064 MOD 11-2 as GB 11643-1999 writes it: weights 2**(17 - i) mod 11, then a lookup.
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
CHECK_CHARACTERS = "10X98765432"
PERMIT_PROVINCES = frozenset({"71", "81", "82"})


def check_character(body: str) -> str:
    """The check character of 17 digits."""
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def spans(county: str) -> list[tuple[int, int]]:
    """The years a ``loc.dat`` county entry was in force: ``"[1983-1997]a,[1997-]b"``."""
    years = []
    for part in county.split(","):
        if not part.startswith("["):
            years.append((FIRST_YEAR, LAST_YEAR))
            continue
        first, _, last = part[1 : part.index("]")].partition("-")
        years.append((int(first or FIRST_YEAR), int(last or LAST_YEAR)))
    return years


class Regions:
    """The county codes a valid number may use, with their years, and the codes to avoid."""

    def __init__(self) -> None:
        self.listed: set[str] = set()
        self.provinces: list[str] = []
        self.counties: list[tuple[str, list[int]]] = []
        for _, province, _, _, children in numdb.get("cn/loc").prefixes:
            self.provinces.append(province)
            for _, county, _, props, _ in children:
                code = province + county
                self.listed.add(code)
                name = props.get("county", "")
                if province in PERMIT_PROVINCES or county.endswith("00") or "市辖区" in name:
                    continue
                years = sorted(
                    {
                        year
                        for first, last in spans(name)
                        for year in range(max(first, FIRST_YEAR), min(last, LAST_YEAR) + 1)
                    }
                )
                if years:
                    self.counties.append((code, years))
        self.counties.sort()
        self.provinces.sort()
        self.mainland = [p for p in self.provinces if p not in PERMIT_PROVINCES]
        self.not_provinces = [f"{p:02d}" for p in range(100) if f"{p:02d}" not in self.provinces]


class Builder:
    """Draws numbers of each kind from one ``random.Random``."""

    def __init__(self, regions: Regions, rng: random.Random) -> None:
        self.regions = regions
        self.rng = rng

    def body(self) -> str:
        """17 valid digits: region, birth date in the code's years, sequence 001-999."""
        code, years = self.rng.choice(self.regions.counties)
        year = self.rng.choice(years)
        first = datetime.date(year, 1, 1)
        length = (datetime.date(year + 1, 1, 1) - first).days
        born = first + datetime.timedelta(days=self.rng.randrange(length))
        return f"{code}{born.isoformat().replace('-', '')}{self.rng.randrange(1, 1000):03d}"

    def sealed(self, body: str) -> str:
        return body + check_character(body)

    def valid(self) -> str:
        return self.sealed(self.body())

    def bad_checksum(self) -> str:
        body = self.body()
        right = check_character(body)
        return body + self.rng.choice([c for c in CHECK_CHARACTERS if c != right])

    def bad_date(self) -> str:
        body = self.body()
        year = int(body[6:10])
        month_day = self.rng.choice(("1301", "32", "0230", "0000", "0431", "0229"))
        if month_day == "32":
            month_day = f"{self.rng.randrange(1, 13):02d}32"
        elif month_day == "0229":
            while year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
                year += 1
        return self.sealed(f"{body[:6]}{year:04d}{month_day}{body[14:]}")

    def bad_region_province(self) -> str:
        prefix = self.rng.choice(self.regions.not_provinces)
        return self.sealed(f"{prefix}{self.rng.randrange(10_000):04d}{self.body()[6:]}")

    def bad_region_county(self) -> str:
        code = ""
        while not code or code in self.regions.listed:
            code = f"{self.rng.choice(self.regions.mainland)}{self.rng.randrange(10_000):04d}"
        return self.sealed(code + self.body()[6:])

    def bad_length(self) -> str:
        number = self.valid()
        if self.rng.randrange(2):
            at = self.rng.randrange(18)
            return number[:at] + number[at + 1 :]
        at = self.rng.randrange(19)
        return f"{number[:at]}{self.rng.randrange(10)}{number[at:]}"


DEFECTS = ("bad_checksum", "bad_date", "bad_region_province", "bad_region_county", "bad_length")


def build(n: int = 200_000, seed: int = SEED) -> tuple[list[str], list[str]]:
    """``n`` numbers and their labels (``"valid"`` or a defect), the same for the same seed."""
    rng = random.Random(seed)
    builder = Builder(Regions(), rng)
    defective = n - round(n * VALID_SHARE)
    labels = ["valid"] * (n - defective)
    labels += [DEFECTS[i % len(DEFECTS)] for i in range(defective)]
    rng.shuffle(labels)
    makers: dict[str, Callable[[], str]] = {label: getattr(builder, label) for label in DEFECTS}
    makers["valid"] = builder.valid
    return [makers[label]() for label in labels], labels


def renumbered(numbers: list[str], labels: list[str], copy: int) -> list[str]:
    """Copy ``copy`` of the data set, its valid numbers given new sequences (copy 0: as is).

    Repeating the data set as it is would make every number a clash with its own copies;
    each copy moves a valid number's sequence by ``199 * copy`` (mod 1000) and recomputes its
    check character, so up to 1,000 copies hold no valid number twice.
    """
    if copy == 0:
        return list(numbers)
    out = []
    for number, label in zip(numbers, labels, strict=True):
        if label == "valid":
            body = f"{number[:14]}{(int(number[14:17]) + 199 * copy) % 1000:03d}"
            number = body + check_character(body)
        out.append(number)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="the file to write")
    args = parser.parse_args()
    numbers, labels = build(args.n, args.seed)
    with args.out.open("w", encoding="utf-8") as f:
        f.writelines(f"{number}\t{label}\n" for number, label in zip(numbers, labels, strict=True))
    print(f"{len(numbers):,} numbers written to {args.out}")


if __name__ == "__main__":
    main()
