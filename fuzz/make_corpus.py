"""Write the seed corpora ``fuzz/corpus/<harness>/`` in the harnesses' input layout.

    python fuzz/make_corpus.py

Seeds are valid and tricky numbers (see SEEDS), each with a few option headers; the
layout is described in ``fuzz/_common.py``, and every single-value seed is decoded back
and compared before it is written. File names are content hashes, so running this again
changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import _common

HERE = Path(__file__).resolve().parent

SEEDS = (
    "11010519491231002X",
    "11010519491231002x",
    "110105 19491231 002X",
    "110105-19491231-002X",
    "\uff11\uff11\uff10\uff11\uff10\uff15\uff11\uff19\uff14\uff19\uff11\uff12\uff13\uff11"
    "\uff10\uff10\uff12\uff38",
    "\u3000 11010519491231002X\u00a0",
    "110105194912310021",
    "110105********002X",
    "1.10105194912310E+17",
    "110105194912310000",
    "G11010519491231002X",
    "g110105-19491231-002x",
    "\uff27\uff11\uff11\uff10\uff11\uff10\uff15\uff11\uff19\uff14\uff19\uff11\uff12\uff13\uff11"
    "\uff10\uff10\uff12\uff38",
    "L110105201509010011",
    "J110105201509010070",
    "J110105201509010071",
    "K11010519491231002X",
    "2111010001",
    "21 1101 0001",
    "9911010001",
    "110105491231002",
    "110105 491231 002",
    "911398199012310021",
    "810000199408230021",
    "820000199408230029",
    "830000199408230010",
    "110105209901010012",
    "110105190002290011",
    "",
    " ",
    "-11010519491231002X",
    "11010519491231002X\n",
    "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661"
    "\u0660\u0660\u0662X",
)

# Header byte 0: mode RAW (0) with region policy bits; bytes 1-3: as_of (none, 2026-11-28).
_AS_OF_2026 = (2026 - 1840) * 365 + 50  # roughly: the exact day does not matter
HEADERS = (
    bytes([0x00, 0, 0, 0]),
    bytes([0x04, 0, 0, 0]),
    bytes([0x08, 0, 0, 0]),
    bytes([0x01, 0x80 | (_AS_OF_2026 >> 16), (_AS_OF_2026 >> 8) & 0xFF, _AS_OF_2026 & 0xFF]),
)


def encode_text(text: str) -> bytes:
    """``ConsumeUnicode``'s encoding of ``text``: ASCII, else UTF-16."""
    if text.isascii():
        return b"\x01" + text.encode("ascii")
    return b"\x02" + text.encode("utf-16-le")


def single(text: str, head: bytes) -> bytes:
    data = head + encode_text(text)
    raw = bytes([data[0] & ~3]) + data[1:]  # RAW mode, keep policy and flags
    decoded = _common.case(raw)
    assert decoded.text == text, (decoded, text)
    return raw


def write(harness: str, data: bytes) -> None:
    folder = HERE / "corpus" / harness
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> None:
    single_value = (
        "resident_id_parse",
        "resident_id_is_valid",
        "resident_id_from_legacy",
        "registry_number_parse",
        "registry_number_is_valid",
        "school_code_parse",
        "school_code_is_valid",
        "check",
        "cli",
    )
    for harness in single_value:
        for text in SEEDS:
            write(harness, single(text, HEADERS[0]))
        for head in HEADERS[1:]:
            for text in SEEDS[:: len(HEADERS)]:
                write(harness, single(text, head))
    # The cli harness reads bit 0 of the flags as "explain": seeds for that too.
    for text in SEEDS:
        write("cli", single(text, bytes([0x10, 0, 0, 0])))
    # Columns and rows: the seeds in front, a fixed sequence of choices at the end.
    front = b"".join(encode_text(t) for t in SEEDS)
    for harness, tail in (("check_many", bytes([0] * 60)), ("check_row", bytes([1] * 60))):
        for head in HEADERS:
            write(harness, head + front + tail)
            write(harness, bytes([head[0] | 0x80, *head[1:]]) + front + tail)
    print(f"seed corpora written under {HERE / 'corpus'}")


if __name__ == "__main__":
    main()
