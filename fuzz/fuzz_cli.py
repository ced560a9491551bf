"""The command line: ``check`` on a CSV file built from the data, and ``explain``.

``main([...])`` must return 0, 1 or 2 and raise nothing; for ``check`` (exit 0 or 1),
the ``--out`` file holds exactly the rows the summary counts as having errors, and the
exit status is 0 exactly when there are none.
The CSV is written well-formed (``csv.writer``) or naively joined (stray quotes,
ragged rows), optionally with a BOM, or as the raw bytes of the data after a header
(any encoding: UTF-8 or GB18030 is found, or the file refused); options (--kind,
--regions, --as-of, --show, --delimiter) are drawn; the --out file is always UTF-8.
Header flags: bit 0 runs ``explain`` on the text instead; bits 1-2 pick the file shape.
"""

import contextlib
import csv
import io
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji.__main__ import main as xueji_main

_DIR = tempfile.mkdtemp(prefix="xueji-fuzz-cli-")
_IN = os.path.join(_DIR, "in.csv")
_OUT = os.path.join(_DIR, "out.csv")
_DELIMITERS = (",", ",", ",", ";", "\t", "|", " ", '"', "")
_KINDS = (None, "resident-id", "registry-number", "school-code")
_SUMMARY = "rows: "


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = xueji_main(argv)
    return status, out.getvalue(), err.getvalue()


def explain(fdp: atheris.FuzzedDataProvider, mode: int, options: list[str]) -> None:
    text = _common.text_of(fdp, mode, 80)
    if not text or "\x00" in text:
        return  # not an argument a shell can pass
    status, out, _ = run(["explain", *options, "--", text])
    assert status in (0, 1), (text, status)
    assert out.strip(), (text, out)


def table(fdp: atheris.FuzzedDataProvider, mode: int, delimiter: str, shape: int) -> bytes:
    if shape == 3:  # raw bytes: any encoding, any damage
        return b"id,name\n" + fdp.ConsumeBytes(fdp.remaining_bytes())
    width = fdp.ConsumeIntInRange(1, 4)
    names = ["id", *(f"c{i}" for i in range(1, width))]
    rows = [names]
    while fdp.remaining_bytes() and len(rows) < 40:
        ragged = width + fdp.ConsumeIntInRange(-1, 1)
        row = []
        for _ in range(max(0, ragged)):
            if fdp.ConsumeBool():
                row.append(_common.template(fdp.ConsumeBytes(fdp.ConsumeIntInRange(12, 20))))
            else:
                row.append(_common.text_of(fdp, mode, fdp.ConsumeIntInRange(0, 24)))
        if fdp.ConsumeIntInRange(0, 60) == 0 and row:
            row[0] = row[0] * fdp.ConsumeIntInRange(1, 20_000)  # a huge cell
        rows.append(row)
    if shape == 1:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter if len(delimiter) == 1 else ",").writerows(rows)
        text = buffer.getvalue()
    else:
        text = "".join(delimiter.join(row) + "\n" for row in rows)
    bom = "\ufeff" if shape == 2 else ""
    # Lone surrogates make the file invalid UTF-8, as shape 3 can.
    return (bom + text).encode("utf-8", "surrogatepass")


def check_file(fdp: atheris.FuzzedDataProvider, mode: int, flags: int, options: list[str]) -> None:
    delimiter = _DELIMITERS[fdp.ConsumeIntInRange(0, len(_DELIMITERS) - 1)]
    kind = _KINDS[fdp.ConsumeIntInRange(0, len(_KINDS) - 1)]
    column = "id" if fdp.ConsumeIntInRange(0, 15) else "missing"
    with open(_IN, "wb") as f:
        f.write(table(fdp, mode, delimiter, (flags >> 1) & 3))
    if os.path.exists(_OUT):
        os.remove(_OUT)
    # The --out file would keep the input's encoding (GB18030 for some raw bytes): fix it.
    argv = ["check", _IN, f"--column={column}", f"--out={_OUT}", "--out-encoding=utf-8", *options]
    argv += [f"--delimiter={delimiter}"] if delimiter != "," else []
    argv += [f"--kind={kind}"] if kind else []
    status, out, err = run(argv)
    assert status in (0, 1, 2), status
    if status == 2:
        assert "xueji:" in err, err
        return
    line = next(x for x in out.splitlines() if x.startswith(_SUMMARY))
    with_errors = int(line.rpartition(" ")[2].replace(",", ""))
    with open(_OUT, newline="", encoding="utf-8") as f:
        written = list(csv.reader(f))
    assert len(written) - 1 == with_errors, (line, len(written))
    assert (status == 0) == (with_errors == 0), (status, line)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = _common.header(fdp)
    options = [f"--regions={regions.value}"]
    options += [f"--as-of={as_of.isoformat()}"] if as_of else ["--as-of=2026-11-28"]
    options += ["--show"] if flags & 8 else []
    if mode == 3:
        mode = _common.RAW
    if flags & 1:
        explain(fdp, mode, options)
    else:
        check_file(fdp, mode, flags, options)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
