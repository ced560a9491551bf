"""Finding birth dates where they must not be: in the texts of values, errors and checks.

A resident ID and a J or L number spell the holder's birth date as 8 contiguous digits
(``YYYYMMDD``); `leaks` finds the texts that do. `damaged` makes the variants of a number
that no parser accepts, `parse_calls` the calls that must refuse them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator

from xueji import Check, RegionPolicy, RegistryNumber, ResidentID


def digits(day: datetime.date) -> str:
    return f"{day:%Y%m%d}"


def leaks(texts: Iterable[str], days: Iterable[datetime.date]) -> list[str]:
    """The texts that spell one of ``days`` as YYYYMMDD."""
    secrets = {digits(day) for day in days}
    return [text for text in texts if any(secret in text for secret in secrets)]


def error_texts(err: BaseException) -> list[str]:
    texts = [str(err), repr(err), *map(str, err.args), *map(repr, err.args)]
    texts += [repr(value) for value in vars(err).values()]
    return texts


def check_texts(result: Check) -> list[str]:
    return [
        repr(result),
        *(repr(p) for p in result.problems),
        *(p.message for p in result.problems),
    ]


def damaged(number: str) -> Iterator[str]:
    """Variants of a canonical number (ID, G, L or J) that no parser accepts as they are."""
    last = number[-1]
    wrong = next(c for c in "0123456789X" if c != last)
    yield number[:-1] + wrong
    yield f" {number[:-12]} {number[-12:-4]}-{number[-4:-1]}{wrong.lower()} "
    yield number[:-1]
    yield number[1:]
    yield number + "0"
    yield "0" + number
    yield number[:-4] + "?" + number[-4:]
    yield number[:-1] + "*"
    yield "*" + number[1:]
    yield "K" + number[-18:]
    yield number + " " * 60
    yield "１" + number[1:]


def parse_calls(text: str, as_of: datetime.date) -> Iterator[Callable[[], object]]:
    yield lambda: ResidentID.parse(text)
    yield lambda: ResidentID.parse(text, as_of=as_of, regions=RegionPolicy.PROVINCE)
    yield lambda: ResidentID(text)
    yield lambda: ResidentID.from_legacy(text)
    yield lambda: RegistryNumber.parse(text)
    yield lambda: RegistryNumber.parse(text, as_of=as_of, j_checksum=False)
    yield lambda: RegistryNumber(text)
