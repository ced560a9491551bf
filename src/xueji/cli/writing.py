"""Writing results: the CSV of problem rows, and files replaced only when complete.

An output file is written to a temporary file beside it and renamed into place when
done, so a run that is interrupted or refused leaves the old file (or none), never half
a file.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterator, Sequence
from typing import Final, TextIO

__all__ = ["OUT_COLUMNS", "ProblemWriter", "atomic_file"]

#: The columns the ``check`` command adds to each problem row: an interface, never
#: translated.
OUT_COLUMNS: Final = ("xueji_row", "xueji_reasons", "xueji_message")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_file(path: str, *, encoding: str) -> Iterator[TextIO]:
    """A text file that appears at ``path`` only when the ``with`` block ends normally.

    Raises:
        OSError: when the file cannot be written, with ``path`` as its ``filename``.
    """
    folder, name = os.path.split(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    except OSError as err:
        raise OSError(err.errno, err.strerror, path) from None
    try:
        with open(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file would get.
        os.chmod(temporary, _default_mode())
        os.replace(temporary, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OSError(err.errno, err.strerror, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class ProblemWriter:
    """Writes the header and the problem rows, each followed by the `OUT_COLUMNS`.

    Attributes:
        row: the row being written (its number in the input), for a refusal to name.
    """

    def __init__(self, stream: TextIO, header: Sequence[str], *, header_row: int) -> None:
        self._writer = csv.writer(stream)
        self._header = header
        self.row = header_row

    def write_header(self) -> None:
        """The header row, with the added columns."""
        self._writer.writerow([*self._header, *OUT_COLUMNS])

    def write(self, cells: Sequence[str], row: int, reasons: str, message: str) -> None:
        """One problem row; a short row is padded so the added columns stay in place."""
        self.row = row
        padding = [""] * (len(self._header) - len(cells))
        self._writer.writerow([*cells, *padding, row, reasons, message])
