"""``python -m xueji``: the command line of `xueji.cli`."""

from __future__ import annotations

import sys

from xueji.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
