"""Input cleaning and masking shared by every number parser.

The cleaning is deliberately small and fully documented (see `xueji.parsing.Cleaning`):
anything it does not name is left in place for the format check to reject.
"""

from __future__ import annotations

from typing import Final

# Cleaning and MAX_INPUT are public in xueji.parsing; they stay importable from here.
from xueji.parsing import MAX_INPUT, Cleaning

__all__ = ["MAX_INPUT", "PREFIX_LETTERS", "Cleaning", "clean", "mask", "plain"]


_W, _S, _L, _F = Cleaning.WHITESPACE, Cleaning.SEPARATORS, Cleaning.LOWERCASE, Cleaning.FULL_WIDTH
_SEPARATOR: Final = frozenset({_S})

# What each non-canonical character becomes, and which cleaning that is.
_BODY: Final[dict[str, tuple[str, frozenset[Cleaning]]]] = {
    **{chr(0xFF10 + i): (str(i), frozenset({_F})) for i in range(10)},
    "x": ("X", frozenset({_L})),
    "\uff38": ("X", frozenset({_F})),  # Ｘ
    "\uff58": ("X", frozenset({_F, _L})),  # ｘ
    " ": ("", frozenset({_W})),
    "\u00a0": ("", frozenset({_W})),
    "\u3000": ("", frozenset({_W})),
    "-": ("", _SEPARATOR),
    "\u2010": ("", _SEPARATOR),
    "\u2011": ("", _SEPARATOR),
    "\uff0d": ("", _SEPARATOR),
}

# Prefix letters of registry numbers, accepted in the first position only.
PREFIX_LETTERS: Final[dict[str, tuple[str, frozenset[Cleaning]]]] = {
    **{c.lower(): (c, frozenset({_L})) for c in "GLJ"},
    **{chr(ord(c) - ord("A") + 0xFF21): (c, frozenset({_F})) for c in "GLJ"},
    **{chr(ord(c) - ord("A") + 0xFF41): (c, frozenset({_F, _L})) for c in "GLJ"},
}

_NONE: Final[frozenset[Cleaning]] = frozenset()
_ASCII_CLEANED: Final = frozenset(" -xglj")

# What counts as surrounding whitespace: spaces, tabs, line ends and Unicode spaces;
# not str.strip()'s full set, which also takes control characters such as U+001C-U+001F.
_WHITESPACE: Final = " \t\n\r\f\v\u00a0\u1680\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)


def plain(value: object) -> object:
    """A ``str`` subclass as a plain ``str`` (anything else unchanged).

    Subclasses (``numpy.str_``, user classes) may override ``len()``, ``strip()`` or
    ``__str__``; ``str.__str__`` reads the characters themselves and calls none of them.
    """
    if type(value) is not str and isinstance(value, str):
        return str.__str__(value)
    return value


def clean(
    text: str, *, first: dict[str, tuple[str, frozenset[Cleaning]]] | None = None
) -> tuple[str, frozenset[Cleaning]]:
    """Apply the documented cleaning; return the result and the cleanings used.

    ``first`` maps extra characters allowed in the first position (prefix letters).

    Examples:
        >>> text, cleanings = clean(" 110105-19491231-002x ")
        >>> text, sorted(c.value for c in cleanings)
        ('11010519491231002X', ['lowercase', 'separators', 'whitespace'])
    """
    stripped = text.strip(_WHITESPACE)
    flags: set[Cleaning] = {_W} if len(stripped) != len(text) else set()
    if stripped.isascii() and not _ASCII_CLEANED.intersection(stripped):
        # Nothing to clean (the common case): skip the per-character loop.
        return stripped, (frozenset(flags) if flags else _NONE)
    out: list[str] = []
    last = len(stripped) - 1
    for i, ch in enumerate(stripped):
        hit = _BODY.get(ch)
        if hit is None and i == 0 and first is not None:
            hit = first.get(ch)
        # Only inner hyphens are separators; a leading one is a sign and is rejected.
        if hit is None or (hit[1] is _SEPARATOR and (i == 0 or i == last)):
            out.append(ch)
        else:
            out.append(hit[0])
            flags.update(hit[1])
    return "".join(out), (frozenset(flags) if flags else _NONE)


def mask(text: str) -> str:
    """Mask ``text`` by its shape so that no birth date can show, valid or not.

    Numbers of 18 or more characters keep their first 6 (7 with a prefix letter) and
    last 4 characters; 15 to 17 keep the first 6 and last 3; shorter text is all stars.

    Examples:
        >>> mask("11010519491231002X")
        '110105********002X'
        >>> mask("G11010519491231002X")
        'G110105********002X'
        >>> mask("110105491231002")
        '110105******002'
        >>> mask("12345")
        '*****'
    """
    n = len(text)
    if n > MAX_INPUT:
        return f"{text[:6]}…[{n} characters]"
    if n >= 18:
        head = 7 if n >= 19 and not text[0].isdigit() else 6
        return text[:head] + "*" * (n - head - 4) + text[-4:]
    if n >= 15:
        return text[:6] + "*" * (n - 9) + text[-3:]
    return "*" * n
