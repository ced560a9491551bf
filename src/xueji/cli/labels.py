"""Every word the command line shows a person, in one table per language.

The reason codes (``checksum``, ``float-damage`` …), the option names and the names of
the ``xueji_*`` columns of the output CSV are interfaces, not labels: they stay the same
in every language. Everything else a person reads comes from a `Labels` table: `EN`
(the default) or `ZH` (``--lang zh``), chosen by the option alone, never by the
environment, so that a script's output does not change with the machine's locale. The
English table gives the HTML report's labels in English and Chinese, for a
Chinese-speaking analyst; the Chinese one gives them in Chinese only. attrs and mypy
refuse to build a table with a label missing, and a test holds both tables to the same
template fields.

The Chinese names of reasons, kinds, documents and sexes are those of `xueji.labels`, the
library's table for services, so that the command line and a service built on xueji use
the same words.

Templates use `str.format` fields, named in each label's comment where not obvious.

The fields are declared in `xueji.cli.labels_base`, the tables written in
`xueji.cli.labels_en` and `xueji.cli.labels_zh`; this module gathers them.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Final

from xueji.cli.labels_base import Labels
from xueji.cli.labels_en import EN
from xueji.cli.labels_zh import ZH

__all__ = ["EN", "LANGUAGES", "ZH", "Labels"]

#: The tables, by the value of ``--lang``.
LANGUAGES: Final[Mapping[str, Labels]] = types.MappingProxyType({"en": EN, "zh": ZH})
