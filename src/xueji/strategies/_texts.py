"""Text forms of the numbers: valid ones, messy or canonical, and invalid ones with the
reason the parser gives."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Collection
from typing import Final, NamedTuple

from hypothesis import strategies as st

from xueji._checksum import CHECK_CHARACTERS, mod_11_2
from xueji._core import ID_ERRORS, ISSUING_PROVINCES, NON_ISSUING_PROVINCES
from xueji.errors import Reason
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import (
    ResidentID,
)
from xueji.strategies._base import (
    T,
    bad_regions,
    days_between,
    foreign,
    foreign_country,
    invalid_argument,
    require_strategy,
    valid_members,
)
from xueji.strategies._numbers import registry_numbers, resident_ids

#: Defects `invalid_resident_id_texts` produces, in the order shrinking prefers:
#: the errors of a resident ID in the order the parser looks for them, then the rest.
ID_REASONS: Final = (*ID_ERRORS, Reason.FORMAT, Reason.MASKED, Reason.FLOAT_DAMAGE)
#: Defects `invalid_registry_number_texts` produces, in the order shrinking prefers.
REGISTRY_REASONS: Final = (
    Reason.PREFIX,
    Reason.LENGTH,
    Reason.CHECKSUM,
    Reason.BIRTH_DATE,
    Reason.FUTURE_BIRTH_DATE,
    Reason.REGION,
    Reason.FORMAT,
    Reason.MASKED,
)

# Characters the parsers clean away or convert (see xueji._text); all are accepted there.
_SURROUNDING: Final = " \t\n\r\u00a0\u3000"
_INNER: Final = (" ", "-", "\u00a0", "\u3000", "\u2010", "\u2011", "\uff0d")
_X_FORMS: Final = ("X", "x", "\uff38", "\uff58")  # X, x, Ｘ, ｘ
# Characters no cleaning touches and no format allows: a letter O for a zero, other
# scripts' digits, punctuation.
_ALIENS: Final = ("O", "A", "I", "?", ".", "/", "\u0663", "\u0967")  # ٣ Arabic-Indic, ३ Devanagari
_WRONG_PREFIXES: Final = tuple(c for c in "ABCDEFHIKMNOPQRSTUVWYZ")


class InvalidText(NamedTuple):
    """An invalid number, the reason the parser gives, and the ``as_of`` to parse it with.

    A tuple, so ``for text, reason, as_of in ...`` works; ``as_of`` is None except for
    ``future-birth-date``, which is only a defect relative to a reference date.
    """

    text: str
    reason: Reason
    as_of: datetime.date | None


# -- text forms -----------------------------------------------------------------------


def _messy(draw: st.DrawFn, value: str) -> str:
    """``value`` dressed in what the parsers clean away; shrinks to ``value`` itself."""
    chars = list(value)
    widen = draw(st.integers(0, (1 << len(chars)) - 1))  # one draw: a bit per character
    for i, ch in enumerate(chars):
        if ch.isdigit() and widen >> i & 1:
            chars[i] = chr(0xFF10 + int(ch))  # full-width digit
    if chars[-1] == "X":
        chars[-1] = draw(st.sampled_from(_X_FORMS))
    if not value[0].isdigit():
        letter = value[0]
        chars[0] = draw(
            st.sampled_from(
                (letter, letter.lower(), chr(ord(letter) + 0xFEE0), chr(ord(letter) + 0xFF00))
            )
        )
    # Separators go between characters only: a leading or trailing hyphen is a sign, and
    # the parsers reject it.
    inserts = draw(
        st.lists(st.tuples(st.integers(1, len(chars) - 1), st.sampled_from(_INNER)), max_size=4)
    )
    for position, separator in sorted(inserts, reverse=True):
        chars.insert(position, separator)
    lead = draw(st.text(_SURROUNDING, max_size=3))
    trail = draw(st.text(_SURROUNDING, max_size=3))
    return lead + "".join(chars) + trail


def _texts(values: st.SearchStrategy[T], messy: object) -> st.SearchStrategy[str]:
    if type(messy) is not bool:  # 1 == True: the type decides, not equality
        raise invalid_argument(f"messy must be True or False, not {messy!r}")
    if not messy:
        return values.map(str)

    @st.composite
    def build(draw: st.DrawFn) -> str:
        return _messy(draw, str(draw(values)))

    return build()


def resident_id_texts(
    *, messy: bool = False, ids: st.SearchStrategy[ResidentID] | None = None
) -> st.SearchStrategy[str]:
    """Text that [`ResidentID.parse`][xueji.ResidentID.parse] accepts, from ``ids``
    (default `resident_ids`).

    With ``messy=True``, the input cleaning the parser documents: surrounding
    whitespace, inner spaces and hyphens (never leading or trailing), a lower-case or
    full-width ``x``, full-width digits. Shrinks to the canonical text.

    Examples:
        The minimal example, messy or not, is the canonical text:

        >>> from hypothesis import find, settings
        >>> find(resident_id_texts(messy=True), lambda _: True, settings=settings(database=None))
        '110000200001010019'
    """
    require_strategy("ids", ids)
    return _texts(resident_ids() if ids is None else ids, messy)


def registry_number_texts(
    *, messy: bool = False, numbers: st.SearchStrategy[RegistryNumber] | None = None
) -> st.SearchStrategy[str]:
    """Text that [`RegistryNumber.parse`][xueji.RegistryNumber.parse] accepts, from ``numbers``
    (default `registry_numbers`).

    ``messy=True`` adds the cleaning of `resident_id_texts` and a lower-case or
    full-width prefix letter.

    Examples:
        The minimal example, messy or not, is the canonical text:

        >>> from hypothesis import find, settings
        >>> texts = registry_number_texts(messy=True)
        >>> find(texts, lambda _: True, settings=settings(database=None))
        'G110000200001010019'
    """
    require_strategy("numbers", numbers)
    return _texts(registry_numbers() if numbers is None else numbers, messy)


# -- invalid text ---------------------------------------------------------------------


def _bump(body: str) -> str:
    """``body`` with its 15th digit changed: the check character then changes too
    (that digit weighs 8, and 8 and 72 are not multiples of 11)."""
    return f"{body[:14]}{(int(body[14]) + 1) % 10}{body[15:]}"


def _bad_date(draw: st.DrawFn) -> str:
    """Eight digits ``YYYYMMDD`` that spell no date the parser accepts."""
    defect = draw(st.sampled_from(("day", "month", "leap", "early")))
    if defect == "early":  # a real day, before 1850
        day = draw(
            days_between(
                datetime.date(1, 1, 1), datetime.date(1849, 12, 31), datetime.date(1849, 12, 31)
            )
        )
        return f"{day.year:04d}{day.month:02d}{day.day:02d}"
    if defect == "leap":  # 29 February of a year that has none
        year = 2001 + draw(st.integers(1850 - 2001, 9999 - 2001))
        year += calendar.isleap(year)  # a year after a leap year never is one
        return f"{year:04d}0229"
    year = 2000 + draw(st.integers(1850 - 2000, 9999 - 2000))
    if defect == "month":  # month 00 or 13-99
        month = draw(st.sampled_from((13, 0, *range(14, 100))))
        return f"{year:04d}{month:02d}{draw(st.integers(1, 28)):02d}"
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.sampled_from((last + 1, 0, *range(last + 2, 100))))
    return f"{year:04d}{month:02d}{day:02d}"


def _checksum(value: str, offset: int) -> str:
    return value[:-1] + CHECK_CHARACTERS[(CHECK_CHARACTERS.index(value[-1]) + offset) % 11]


def _length(draw: st.DrawFn, value: str) -> str:
    if draw(st.booleans()):
        return value + draw(st.text("0123456789", min_size=1, max_size=12))
    return value[: -draw(st.integers(1, len(value) - 1))]


def _format(draw: st.DrawFn, value: str, first: int) -> str:
    if draw(st.booleans()):
        return "-" + value  # a minus sign, which the cleaning does not take
    position = draw(st.integers(first, len(value) - 1))
    return value[:position] + draw(st.sampled_from(_ALIENS)) + value[position + 1 :]


def _masked(draw: st.DrawFn, value: str, first: int) -> str:
    body = value[first:]
    # Offsets that shrink to the usual masking: the 8 birth-date digits.
    start = (6 + draw(st.integers(0, 17))) % 18
    length = 1 + (7 + draw(st.integers(0, 17))) % (18 - start)
    star = draw(st.sampled_from(("*", "\uff0a")))
    return value[:first] + body[:start] + star * length + body[start + length :]


def _future(draw: st.DrawFn, birth_date: datetime.date) -> datetime.date:
    return birth_date - datetime.timedelta(days=draw(st.integers(1, 3650)))


def _float_damage(draw: st.DrawFn, value: str) -> str:
    """What a spreadsheet makes of an ID stored as a number."""
    form = draw(st.sampled_from(("scientific", "point-zero", "zeros")))
    if form == "scientific":  # 1.10105E+17: the shown digits, trailing zeros dropped
        mantissa = f"{value[0]}.{value[1 : draw(st.integers(2, 15))]}".rstrip("0").rstrip(".")
        return f"{mantissa}E+17"
    body = value[:17]
    if form == "point-zero":  # the number read back as a float: 110105194912310021.0
        if mod_11_2(body) == "X":  # a number ending in X never was a number
            body = _bump(body)
        return body + mod_11_2(body) + ".0"
    # Only 15 significant digits survive: 110105194912310000, which then fails the checksum.
    stem = value[:15]
    if mod_11_2(stem + "00") == "0":
        stem = _bump(stem + "00")[:15]
    return stem + "000"


_ISSUING: Final = st.sampled_from(sorted(ISSUING_PROVINCES))
_NOT_ISSUING: Final = st.sampled_from(sorted(NON_ISSUING_PROVINCES))


def _unknown_region(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        # A foreigner's card of a province that issues none (Taiwan, Hong Kong, Macao).
        return foreign(draw(_NOT_ISSUING), draw(foreign_country()))
    return draw(bad_regions()[0]) + f"{draw(st.integers(0, 9999)):04d}"


def _unknown_nationality(draw: st.DrawFn) -> str:
    province = draw(_ISSUING)
    return foreign(province, draw(bad_regions()[1]))


def _recheck(value: str, start: int, part: str) -> str:
    """``value`` (an ID, or a registry number from ``start``) with ``part`` put in at
    ``start`` and the check character recomputed, so only that part is wrong."""
    body = (value[:start] + part + value[start + len(part) :])[:-1]
    return body + mod_11_2(body[-17:])


def invalid_resident_id_texts(
    *, reasons: Collection[Reason] = ID_REASONS
) -> st.SearchStrategy[InvalidText]:
    """Text that [`ResidentID.parse`][xueji.ResidentID.parse] rejects with exactly
    ``reason``, one defect each.

    ``ResidentID.parse(text, as_of=as_of)`` raises InvalidNumber with ``reason``; except
    ``float-damage`` (``1.10105E+17``, a trailing ``.0``, or 18 digits ending in ``000``
    that fail the checksum), which the parser sees as ``format`` or ``checksum`` and only
    the dataset checker names. Each defect is made in a valid ID from
    `resident_ids`, with the check character recomputed where a part changes, so
    only the promised check fails.

    Examples:
        >>> from hypothesis import find, settings
        >>> find(invalid_resident_id_texts(), lambda _: True, settings=settings(database=None))
        InvalidText(text='110000200001010018', reason=<Reason.CHECKSUM: 'checksum'>, as_of=None)
    """
    chosen = valid_members("reasons", reasons, ID_REASONS)
    ids = resident_ids()

    # Every defect draws the reason, then the ID, then its own parts: the checksum
    # defect draws the fewest, so shrinking ends there whatever it starts from.
    @st.composite
    def build(draw: st.DrawFn) -> InvalidText:
        reason = draw(st.sampled_from(chosen))
        rid = draw(ids)
        value = rid.value
        if reason is Reason.CHECKSUM:
            text = _checksum(value, draw(st.integers(1, 10)))
        elif reason is Reason.FUTURE_BIRTH_DATE:
            return InvalidText(value, reason, _future(draw, rid.birth_date))
        elif reason is Reason.BIRTH_DATE:
            text = _recheck(value, 6, _bad_date(draw))
        elif reason is Reason.REGION:
            text = _recheck(value, 0, _unknown_region(draw))
        elif reason is Reason.NATIONALITY:
            text = _recheck(value, 0, _unknown_nationality(draw))
        elif reason is Reason.LENGTH:
            text = _length(draw, value)
        elif reason is Reason.FORMAT:
            text = _format(draw, value, 0)
        elif reason is Reason.MASKED:
            text = _masked(draw, value, 0)
        else:
            text = _float_damage(draw, value)
        return InvalidText(text, reason, None)

    return build()


def invalid_registry_number_texts(
    *, reasons: Collection[Reason] = REGISTRY_REASONS
) -> st.SearchStrategy[InvalidText]:
    """Text that [`RegistryNumber.parse`][xueji.RegistryNumber.parse] rejects with exactly
    ``reason``.

    ``prefix`` (no letter, or another letter), ``length``, ``checksum`` (G and J; L
    numbers have no check character), ``birth-date``, ``future-birth-date`` (with its
    ``as_of``), ``region``, ``format`` and ``masked``; each made in a valid number from
    `registry_numbers`.

    Examples:
        The minimal example is the minimal G number without its letter:

        >>> from hypothesis import find, settings
        >>> texts = invalid_registry_number_texts()
        >>> find(texts, lambda _: True, settings=settings(database=None))
        InvalidText(text='110000200001010019', reason=<Reason.PREFIX: 'prefix'>, as_of=None)
    """
    chosen = valid_members("reasons", reasons, REGISTRY_REASONS)
    numbers = registry_numbers()
    checked = registry_numbers(kinds=(RegistryKind.G, RegistryKind.J))

    @st.composite
    def build(draw: st.DrawFn) -> InvalidText:
        reason = draw(st.sampled_from(chosen))
        number = draw(checked if reason is Reason.CHECKSUM else numbers)
        value = number.value
        if reason is Reason.PREFIX:
            if draw(st.booleans()):
                text = draw(st.sampled_from(_WRONG_PREFIXES)) + value[1:]
            else:
                text = value[1:]
        elif reason is Reason.CHECKSUM:
            text = _checksum(value, draw(st.integers(1, 10)))
        elif reason is Reason.FUTURE_BIRTH_DATE:
            return InvalidText(value, reason, _future(draw, number.birth_date))
        elif reason is Reason.BIRTH_DATE:
            text = _recheck(value, 7, _bad_date(draw))
        elif reason is Reason.REGION:
            text = _recheck(value, 1, _unknown_region(draw))
        elif reason is Reason.LENGTH:
            text = _length(draw, value)
        elif reason is Reason.FORMAT:
            text = _format(draw, value, 1)
        else:
            text = _masked(draw, value, 1)
        return InvalidText(text, reason, None)

    return build()
