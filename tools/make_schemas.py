"""Write the JSON Schema of every document type that `xueji.to_dict` writes.

    python tools/make_schemas.py            # write the missing files
    python tools/make_schemas.py --check    # exit 1 if a file is missing or out of date
    python tools/make_schemas.py --rewrite  # also rewrite a changed layout in place

Each type's current layout goes to ``docs/schema/<type>/<version>.json``, named after its
schema tag ``xueji/<type>/<version>`` (`xueji.serialization.SCHEMAS`), from
`xueji.serialization.json_schema`. Files of older versions stay: they describe the
documents that still load. A layout that changed while its version did not is refused:
bump the version and add the upgrade step (ADR 0030); ``--rewrite`` overwrites it, which
is right only for a version that was never released. ``tests/test_schemas.py`` fails when
a file is missing or out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from xueji.serialization import SCHEMAS, json_schema

ROOT = Path(__file__).resolve().parent.parent / "docs" / "schema"


def render(cls: type) -> str:
    """The file for ``cls``'s current layout: JSON, two-space indents, a final newline."""
    return json.dumps(json_schema(cls), ensure_ascii=False, indent=2) + "\n"


def path_of(tag: str) -> Path:
    """``docs/schema/<type>/<version>.json`` for the tag ``xueji/<type>/<version>``."""
    _, name, version = tag.split("/")
    return ROOT / name / f"{version}.json"


def stale() -> dict[Path, str]:
    """The files that are missing or differ from what they should be, with their text."""
    wanted = {path_of(tag): render(cls) for cls, tag in SCHEMAS.items()}
    return {
        path: text
        for path, text in wanted.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether all are current")
    parser.add_argument(
        "--rewrite", action="store_true", help="overwrite a changed layout (unreleased only)"
    )
    args = parser.parse_args(argv)
    changed = stale()
    if args.check:
        for path in changed:
            print(f"{path}: missing or out of date; run python tools/make_schemas.py")
        return 1 if changed else 0
    refused = [path for path in changed if path.exists() and not args.rewrite]
    for path in refused:
        print(
            f"{path}: the layout changed but its version did not: bump the version in "
            "xueji.serialization and add its upgrade step (ADR 0030), or pass --rewrite "
            "for a version that was never released",
            file=sys.stderr,
        )
    for path, text in changed.items():
        if path not in refused:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT.parent.parent)}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
