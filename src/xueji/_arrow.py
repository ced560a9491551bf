"""Arrow string columns, read through the Arrow C data interface without pyarrow.

A polars ``Series``, a pandas column stored in Arrow and a pyarrow array hand out their
buffers through ``__arrow_c_stream__``: a PyCapsule holding the C structs of the Arrow C
data interface (https://arrow.apache.org/docs/format/CDataInterface.html). This module
walks those structs with `ctypes` and hands out each chunk's buffers in place (as
memoryviews, while a ``with`` block holds them), so that the vectorised path of
`check_many` reads a column's characters without one Python object per row. It knows
the layouts; `xueji._vector` does the arithmetic. No numpy here.

Read: ``u`` and ``U`` (UTF-8 with 32- or 64-bit offsets) and ``vu`` (UTF-8 views, the
layout polars keeps its strings in). Anything else (numbers, binary, a dictionary-encoded
``Categorical``) or any failure to export gives None: the caller then reads the column
through Python objects, as before.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator
from typing import Any, Final

__all__ = ["OFFSET_WIDTH", "VIEW", "VIEW_INLINE", "Chunk", "chunks"]

#: Offset widths of the offset layouts, by format string.
OFFSET_WIDTH: Final = {b"u": 4, b"U": 8}
#: The view layout: 16 bytes per row (length, then the bytes themselves up to 12 of them,
#: else a 4-byte prefix, the variadic buffer's index and the offset in it).
VIEW: Final = b"vu"
VIEW_INLINE: Final = 12


class _Schema(ctypes.Structure):
    pass


class _Array(ctypes.Structure):
    pass


class _Stream(ctypes.Structure):
    pass


_Schema._fields_ = [
    ("format", ctypes.c_char_p),
    ("name", ctypes.c_char_p),
    ("metadata", ctypes.c_void_p),
    ("flags", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("children", ctypes.c_void_p),
    ("dictionary", ctypes.c_void_p),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Schema))),
    ("private_data", ctypes.c_void_p),
]
_Array._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.c_void_p),
    ("dictionary", ctypes.c_void_p),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Array))),
    ("private_data", ctypes.c_void_p),
]
_Stream._fields_ = [
    (
        "get_schema",
        ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Stream), ctypes.POINTER(_Schema)),
    ),
    ("get_next", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Stream), ctypes.POINTER(_Array))),
    ("get_last_error", ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.POINTER(_Stream))),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Stream))),
    ("private_data", ctypes.c_void_p),
]

_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


class Chunk:
    """One chunk of a string column: views of the producer's own buffers, valid only
    while the `chunks` block that gave it is open.

    ``validity`` is the validity bitmap from the byte holding the chunk's first row
    (whose bit is bit ``bit_offset``, least significant first), or None when no row is
    null. Offset layouts: ``offsets`` holds the ``length + 1`` offsets into ``data``
    (the producer's buffer from its start). View layout: ``offsets`` holds the 16-byte
    views and ``buffers`` the variadic data buffers.
    """

    __slots__ = ("bit_offset", "buffers", "data", "format", "length", "offsets", "validity")

    def __init__(self, format: bytes, length: int) -> None:
        self.format = format
        self.length = length
        self.bit_offset = 0
        self.validity: memoryview | None = None
        self.offsets = _EMPTY
        self.data = _EMPTY
        self.buffers: list[memoryview] = []


_EMPTY: Final = memoryview(b"")


def _view(address: int | None, size: int) -> memoryview:
    """The ``size`` bytes at ``address``, in place (no copy)."""
    if not address or size <= 0:
        return _EMPTY
    return memoryview((ctypes.c_ubyte * size).from_address(address)).cast("B")


def _chunk(format: bytes, array: _Array) -> Chunk:
    n, first = array.length, array.offset
    chunk = Chunk(format, n)
    buffers = array.buffers
    if array.null_count != 0 and buffers[0]:
        chunk.bit_offset = first % 8
        chunk.validity = _view(buffers[0] + first // 8, (first % 8 + n + 7) // 8)
    if format == VIEW:
        chunk.offsets = _view(buffers[1] + 16 * first, 16 * n)
        # Buffers: validity, views, the variadic data buffers, then their sizes (int64).
        count = array.n_buffers - 3
        sizes = ctypes.cast(buffers[array.n_buffers - 1], ctypes.POINTER(ctypes.c_int64))
        chunk.buffers = [_view(buffers[2 + k], sizes[k]) for k in range(count)]
        return chunk
    width = OFFSET_WIDTH[format]
    chunk.offsets = _view(buffers[1] + width * first, width * (n + 1))
    kind = ctypes.c_int32 if width == 4 else ctypes.c_int64
    end = ctypes.cast(buffers[1], ctypes.POINTER(kind))[first + n]
    chunk.data = _view(buffers[2], end)
    return chunk


def _string_format(schema: _Schema) -> bytes | None:
    format: bytes = schema.format
    if schema.dictionary or not (format in OFFSET_WIDTH or format == VIEW):
        return None
    return format


@contextlib.contextmanager
def chunks(column: Any) -> Iterator[list[Chunk] | None]:
    """The chunks of the Arrow string column ``column`` (None if it is not one), for the
    length of the ``with`` block: their buffers are the producer's, released at its end.

    ``column.__arrow_c_stream__()`` is asked, else ``column.__arrow_c_array__()``; any
    error there means None.
    """
    if not callable(getattr(column, "__arrow_c_stream__", None)):
        with _single(column) as single:
            yield single
        return
    try:
        capsule = column.__arrow_c_stream__()
        address = _capsule_pointer(capsule, b"arrow_array_stream")
    except Exception:
        yield None
        return
    # The capsule owns the stream: its destructor releases it when the capsule goes.
    stream = _Stream.from_address(address)
    schema = _Schema()
    if stream.get_schema(ctypes.byref(stream), ctypes.byref(schema)) != 0:
        yield None
        return
    arrays: list[_Array] = []
    try:
        format = _string_format(schema)
        found: list[Chunk] | None = [] if format is not None else None
        while found is not None and format is not None:
            array = _Array()
            if stream.get_next(ctypes.byref(stream), ctypes.byref(array)) != 0:
                found = None
            elif not array.release:  # released from the start: the end of the stream
                break
            else:
                arrays.append(array)
                found.append(_chunk(format, array))
        yield found
    finally:
        for array in arrays:
            array.release(ctypes.byref(array))
        if schema.release:
            schema.release(ctypes.byref(schema))
        del capsule


@contextlib.contextmanager
def _single(column: Any) -> Iterator[list[Chunk] | None]:
    """The one chunk of an object offering only ``__arrow_c_array__`` (a pyarrow array)."""
    try:
        schema_capsule, array_capsule = column.__arrow_c_array__()
        schema = _Schema.from_address(_capsule_pointer(schema_capsule, b"arrow_schema"))
        array = _Array.from_address(_capsule_pointer(array_capsule, b"arrow_array"))
    except Exception:
        yield None
        return
    # Both capsules own their structs and release them when they go, after the block.
    format = _string_format(schema)
    yield None if format is None else [_chunk(format, array)]
    del schema_capsule, array_capsule
