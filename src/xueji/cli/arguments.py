"""The command line's arguments: ``explain NUMBER`` and ``check FILE``."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable, Sequence

from xueji import Kind, RegionPolicy
from xueji.cli.labels import LANGUAGES, Labels

__all__ = ["parser", "requested_language"]

_TAB_NAMES = frozenset({"tab", "\\t", "TAB"})


def _date(labels: Labels) -> Callable[[str], datetime.date]:
    def parse(text: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(labels.bad_date.format(text=text)) from None

    return parse


def _row_number(labels: Labels) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not (text.isascii() and text.isdigit()):
            raise argparse.ArgumentTypeError(labels.bad_row_number.format(text=text))
        return int(text)

    return parse


def _delimiter(text: str) -> str:
    return "\t" if text in _TAB_NAMES else text


def _common(command: argparse.ArgumentParser, labels: Labels) -> None:
    command.add_argument("--show", action="store_true", help=labels.help_show)
    command.add_argument("--as-of", type=_date(labels), help=labels.help_as_of)
    command.add_argument(
        "--regions",
        choices=[r.value for r in RegionPolicy],
        default=RegionPolicy.KNOWN.value,
        help=labels.help_regions,
    )
    command.add_argument("--lang", choices=list(LANGUAGES), default="en", help=labels.help_lang)


def requested_language(argv: Sequence[str]) -> str:
    """The ``--lang`` of ``argv``, read before parsing so that help and errors use it too.

    An unknown or missing value gives English; the parser then refuses it.
    """
    language = "en"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            language = argv[i + 1]
        elif arg.startswith("--lang="):
            language = arg.removeprefix("--lang=")
    return language if language in LANGUAGES else "en"


def parser(labels: Labels) -> argparse.ArgumentParser:
    """The argument parser, its help in the language of ``labels``."""
    top = argparse.ArgumentParser(prog="python -m xueji", description=labels.description)
    commands = top.add_subparsers(dest="command", required=True)
    explain = commands.add_parser("explain", help=labels.help_explain)
    explain.add_argument("number", help=labels.help_number)
    _common(explain, labels)
    check = commands.add_parser(
        "check", help=labels.help_check, description=labels.description_check
    )
    check.add_argument("file", help=labels.help_file)
    check.add_argument("--column", required=True, help=labels.help_column)
    check.add_argument("--header-row", type=_row_number(labels), help=labels.help_header_row)
    check.add_argument("--sheet", help=labels.help_sheet)
    check.add_argument("--kind", choices=[k.value for k in Kind], help=labels.help_kind)
    check.add_argument("--out", help=labels.help_out)
    check.add_argument("--html", help=labels.help_html)
    check.add_argument("--encoding", default="auto", help=labels.help_encoding)
    check.add_argument("--out-encoding", help=labels.help_out_encoding)
    check.add_argument("--delimiter", type=_delimiter, default=",", help=labels.help_delimiter)
    check.add_argument("--progress", action="store_true", help=labels.help_progress)
    _common(check, labels)
    return top
