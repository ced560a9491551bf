"""The command line: ``python -m xueji explain NUMBER`` and ``python -m xueji check FILE``.

This package is the one part of xueji that does I/O (arguments, files, the clock, the
standard streams); the library under it does none. Its modules: `arguments` (the
options), `labels` (every word shown to a person), `explaining`, `reading` (CSV and
workbooks), `checking` (the ``check`` command), `writing` (CSV and atomic files) and
`html_report`.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence

from xueji import RegionPolicy
from xueji.cli.arguments import parser, requested_language
from xueji.cli.checking import run_check
from xueji.cli.explaining import explain
from xueji.cli.labels import LANGUAGES

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    The language is ``--lang``'s, English by default: never the locale's, so that a
    script gets the same output on every machine.
    """
    if argv is None:
        argv = sys.argv[1:]
    args = parser(LANGUAGES[requested_language(argv)]).parse_args(argv)
    labels = LANGUAGES[args.lang]  # an abbreviated option (--la zh) is known only now
    as_of = args.as_of or datetime.date.today()
    if args.command == "check":
        return run_check(args, as_of, labels)
    regions = RegionPolicy(args.regions)
    ok, lines = explain(args.number, show=args.show, as_of=as_of, regions=regions, labels=labels)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1
