"""Hostile upload files, built fast and byte-exact, for the ingest-limit tests and ``bench/hostile_files.py``.

The ZIP writer is hand-rolled so that a member can be a zip bomb without compressing gigabytes (a
deflate block of repeated bytes, ended by a full flush, is reused as is) and so that the sizes written in
the headers can lie.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
_DOC_TAIL = "<w:sectPr/></w:body></w:document>"
_DOS_TIME = (0, (2025 - 1980) << 9 | 1 << 5 | 1)


@dataclass(frozen=True)
class Member:
    """One ZIP entry: its raw deflate data, CRC and true size, and the size its headers declare."""

    name: str
    data: bytes
    crc: int
    size: int
    declared: int | None = None


def deflated(name: str, chunks: Iterable[bytes], level: int = 6) -> Member:
    """A member holding the concatenated ``chunks``, compressed as it goes."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    out = io.BytesIO()
    crc = size = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.write(comp.compress(chunk))
    out.write(comp.flush())
    return Member(name, out.getvalue(), crc, size)


def repeated(name: str, head: bytes, block: bytes, count: int, tail: bytes, *, declared: int | None = None) -> Member:
    """``head + block * count + tail`` without compressing ``count`` blocks: a zip bomb in milliseconds."""

    def part(data: bytes, mode: int) -> bytes:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        return comp.compress(data) + comp.flush(mode)

    # After a full flush the compressor has no history, so one flushed block is valid anywhere in the stream.
    one = part(block, zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    data = part(head, zlib.Z_FULL_FLUSH) + one * count + part(tail, zlib.Z_FINISH)
    return Member(name, data, crc, len(head) + len(block) * count + len(tail), declared)


def write_zip(path: Path, members: Iterable[Member]) -> Path:
    """Write the members as a deflated ZIP (no ZIP64: every size must stay below 4 GiB)."""
    out = bytearray()
    central = bytearray()
    entries = 0
    for m in members:
        name = m.name.encode()
        size = m.size if m.declared is None else m.declared
        offset = len(out)
        fields = (20, 0, 8, *_DOS_TIME, m.crc, len(m.data), size, len(name))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + m.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + name
        entries += 1
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), start, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def _template(save: object) -> dict[str, bytes]:
    buffer = io.BytesIO()
    save(buffer)  # type: ignore[operator]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _docx_parts() -> dict[str, bytes]:
    return _template(docx.Document().save)


def _xlsx_parts() -> dict[str, bytes]:
    return _template(openpyxl.Workbook().save)


def _with(parts: dict[str, bytes], replaced: Member) -> list[Member]:
    members = [deflated(name, [data]) for name, data in parts.items() if name != replaced.name]
    return [*members, replaced]


def docx_with_body(path: Path, body: Iterable[bytes]) -> Path:
    """A DOCX whose ``word/document.xml`` body is the given XML fragments (streamed)."""

    def chunks() -> Iterator[bytes]:
        yield _DOC_HEAD.encode()
        yield from body
        yield _DOC_TAIL.encode()

    return write_zip(path, _with(_docx_parts(), deflated("word/document.xml", chunks())))


def docx_paragraphs(path: Path, count: int = 400_000) -> Path:
    """A DOCX of ``count`` short numbered paragraphs (about 1 MB at the default count)."""

    def body() -> Iterator[bytes]:
        batch: list[str] = []
        for i in range(count):
            batch.append(f"<w:p><w:r><w:t>Paragraph {i} of the policy.</w:t></w:r></w:p>")
            if len(batch) == 10_000:
                yield "".join(batch).encode()
                batch.clear()
        yield "".join(batch).encode()

    return docx_with_body(path, body())


def docx_runs(path: Path, paragraphs: int = 85, runs: int = 10_000) -> Path:
    """A DOCX of a few paragraphs made of one-letter runs, each with its own font size (2.4 MB by default).

    Few paragraphs and few characters, but 850,000 runs: python-docx's tree of it took 766 MB.
    """
    rnd = random.Random(1)

    def body() -> Iterator[bytes]:
        for _ in range(paragraphs):
            cells = "".join(
                f'<w:r><w:rPr><w:sz w:val="{rnd.randint(10, 99)}"/></w:rPr><w:t>{rnd.choice("abcdefghij")}</w:t></w:r>'
                for _ in range(runs)
            )
            yield f"<w:p>{cells}</w:p>".encode()

    return docx_with_body(path, body())


def docx_bomb(path: Path, unpacked_mb: int = 2048, *, declared_mb: int | None = None) -> Path:
    """A DOCX whose document.xml is one paragraph of ``unpacked_mb`` MiB of ``A`` (2 GiB ≈ a 2 MB file).

    ``declared_mb`` makes the ZIP headers state a smaller size than the data really has.
    """
    head = (_DOC_HEAD + "<w:p><w:r><w:t>").encode()
    tail = ("</w:t></w:r></w:p>" + _DOC_TAIL).encode()
    declared = None if declared_mb is None else declared_mb * 1024 * 1024
    member = repeated("word/document.xml", head, b"A" * (1 << 20), unpacked_mb, tail, declared=declared)
    return write_zip(path, _with(_docx_parts(), member))


def xlsx_rows(
    path: Path, rows: int = 1_048_576, *, columns: int = 2, empty: bool = False, dimension: str | None = None
) -> Path:
    """An XLSX whose one sheet has ``rows`` rows (11 MB at Excel's 1,048,576-row maximum, two columns).

    ``empty`` writes styled cells without values (rows that hold no data but still cost parsing). The sheet
    XML is written directly: openpyxl would take minutes for a million rows.
    """
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    ref = dimension or f"A1:{letters[-1]}{rows}"

    def row(r: int) -> str:
        if empty:
            cells = "".join(f'<c r="{c}{r}" s="0"/>' for c in letters)
        else:
            first = f'<c r="A{r}" t="inlineStr"><is><t>R-{r}</t></is></c>'
            cells = first + "".join(f'<c r="{c}{r}"><v>{r % 25}</v></c>' for c in letters[1:])
        return f'<row r="{r}">{cells}</row>'

    def sheet() -> Iterator[bytes]:
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{ref}"/><sheetData>'
        ).encode()
        for start in range(1, rows + 1, 20_000):
            yield "".join(row(r) for r in range(start, min(rows, start + 19_999) + 1)).encode()
        yield b"</sheetData></worksheet>"

    return write_zip(path, _with(_xlsx_parts(), deflated("xl/worksheets/sheet1.xml", sheet())))


def xlsx_lying_dimension(path: Path, rows: int = 50, declared: str = "A1:B2") -> Path:
    """An XLSX written by openpyxl (``rows`` data rows of three columns) whose ``<dimension>`` says ``declared``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append(["Risk id", "Title", "Owner"])
    for i in range(1, rows):
        sheet.append([f"R-{i:03d}", f"Risk number {i}", f"Owner {i % 7}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{declared}"/>'.encode(), data)
                assert n == 1, "openpyxl wrote no <dimension> tag"
            dst.writestr(info, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path
