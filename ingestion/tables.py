"""Register tables: CSV/XLSX sheets, DOCX/HTML tables and Markdown pipe tables as typed rows in DuckDB.

A register question ("which nonconformities are still open?") is answered by selecting rows on column values,
so every table the documents hold is also kept as rows with named columns in ``<data_dir>/tables.duckdb``:

* ``registers``: one row per table (document, sheet or section, title, classification, row count);
* ``columns``: its headers, each with a SQL name (``c0``, ``c1``, ...) and whether typed shadows exist;
* ``row_chunks``: which chunk holds each row (how a retrieved chunk leads to its table);
* ``t<id>``: the rows themselves: ``_row`` (row number), ``_chunk_id``, ``_quote`` (the row as it appears
  verbatim in that chunk, for a citation), ``_classification`` (the document's), ``_text`` (all cells in one
  string, for a quick "does this word occur at all"), the cells ``c<i>`` as text,
  and, for columns whose cells read as numbers or dates, ``c<i>_n DOUBLE`` / ``c<i>_d DATE`` beside them.

Consistency follows the BM25 index (``lexical``): the tables are derived from the manifest's chunk rows only,
rebuilt whenever the manifest generation moved, written to a temporary file and renamed into place, so a
reader sees the old file or the new one and a crash before the rename leaves the old one (with its older
generation stamp, so the next ingest or start-up repair rebuilds it). The cells are read back from the chunk
text each loader writes: ``header: value`` lines (one register row per chunk), ``header: value; ...`` lines
(DOCX and HTML tables) and pipe tables (Markdown, parsed with markdown-it-py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingestion.chunking import SECTION_SEPARATOR

if TYPE_CHECKING:
    import duckdb

    from ingestion.settings import Settings

#: Changes whenever the layout below or the way cells are read changes, so an older file is rebuilt.
SCHEMA_VERSION = "2"
TABLES_FILE = "tables.duckdb"
#: Share of a column's non-empty cells that must read as numbers (dates) for a typed shadow column.
TYPED_SHARE = 0.6
_SPREADSHEET_SUFFIXES = (".csv", ".xlsx")
_ROW_LABEL = re.compile(r"^Row (\d+)$")
#: ``Header: value`` as the spreadsheet, DOCX and HTML loaders write a cell (header up to 80 characters).
_PAIR = re.compile(r"^([^:;\n]{1,80}?):\s(.*)$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\b")
_DMY_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY_DATE = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_NUMBER = re.compile(r"^\s*[£$€]?\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(%|percent)?\s*$", re.I)
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")]
    )
    for m in names
}  # fmt: skip


@dataclass
class ParsedRow:
    """One table row: its number, the chunk that holds it, its verbatim text there, and its cells."""

    number: int
    chunk_id: str
    quote: str
    cells: dict[str, str]


@dataclass
class ParsedTable:
    """A table read back from a document's chunks."""

    doc_id: str
    #: The sheet (XLSX) or the section path inside the document (tables in prose documents).
    name: str
    kind: str
    title: str
    classification: str
    doc_type: str
    status: str
    headers: list[str] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)


# --- typed cells ------------------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """The date a cell starts with (``2025-09-30``, ``30 September 2025``, ``Sep 30, 2025``), else None."""
    try:
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DMY_DATE.match(text)
        if m and m.group(2).lower() in MONTHS:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _MDY_DATE.match(text)
        if m and m.group(1).lower() in MONTHS:
            return dt.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    except ValueError:  # 2025-02-30
        return None
    return None


def parse_number(text: str) -> float | None:
    """A cell that is one number (``12``, ``94.3``, ``92%``, ``£5,000``), else None."""
    m = _NUMBER.match(text)
    if not m:
        return None
    return float(m.group(1).replace(",", ""))


# --- reading tables back from chunks --------------------------------------------------------------------------


def _pairs(line: str, headers: set[str] | None = None) -> list[tuple[str, str]] | None:
    """``h: v; h: v`` → pairs; a piece that is not ``known header: value`` continues the previous value."""
    pairs: list[tuple[str, str]] = []
    for piece in line.split("; "):
        m = _PAIR.match(piece)
        if m and (headers is None or m.group(1).strip() in headers) and m.group(2).strip():
            pairs.append((m.group(1).strip(), m.group(2).strip()))
        elif pairs:
            header, value = pairs[-1]
            pairs[-1] = (header, f"{value}; {piece}")
        else:
            return None
    return pairs


def _section_lines(chunks: Sequence[tuple[str, str, dict[str, Any]]]) -> dict[str, list[tuple[str, str]]]:
    """``section → [(line, chunk id)]`` in reading order; a line repeated by chunk overlap is kept once."""
    out: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, set[str]] = {}
    for chunk_id, text, meta in chunks:
        section = str(meta.get("section", ""))
        lines = out.setdefault(section, [])
        done = seen.setdefault(section, set())
        for line in text.splitlines():
            if line.strip() and line not in done:
                done.add(line)
                lines.append((line, chunk_id))
    return out


def _sheet_rows(doc_id: str, chunks: Sequence[tuple[str, str, dict[str, Any]]]) -> dict[str, list[ParsedRow]]:
    """Spreadsheet rows (one section ``Title › Sheet › Row N`` per row) grouped by sheet."""
    sheets: dict[str, list[ParsedRow]] = {}
    by_section: dict[str, list[tuple[str, str]]] = {}
    for chunk_id, text, meta in chunks:
        by_section.setdefault(str(meta.get("section", "")), []).append((chunk_id, text))
    for section, pieces in by_section.items():
        parts = section.split(SECTION_SEPARATOR)
        label = _ROW_LABEL.match(parts[-1]) if parts else None
        if label is None:
            continue
        cells: dict[str, str] = {}
        seen: set[str] = set()
        for _cid, text in pieces:  # a long row is several chunks; overlap repeats whole lines
            for line in text.splitlines():
                m = _PAIR.match(line)
                if m is None or line in seen:
                    continue
                seen.add(line)
                cells.setdefault(m.group(1).strip(), m.group(2).strip())
        if not cells:
            continue
        first_id, first_text = pieces[0]
        sheet = SECTION_SEPARATOR.join(parts[1:-1])
        sheets.setdefault(sheet, []).append(ParsedRow(int(label.group(1)), first_id, first_text.strip(), cells))
    return sheets


def _pair_tables(lines: Sequence[tuple[str, str]]) -> Iterator[list[tuple[str, str, list[tuple[str, str]]]]]:
    """Runs of consecutive ``h: v; h: v`` lines sharing headers (DOCX/HTML tables): ``[(line, chunk, pairs)]``."""
    run: list[tuple[str, str, list[tuple[str, str]]]] = []
    for line, chunk_id in lines:
        pairs = _pairs(line)
        if pairs is not None and len(pairs) >= 2:
            if run and not {h for h, _ in pairs} & {h for _, _, p in run for h, _ in p}:
                yield run
                run = []
            run.append((line, chunk_id, pairs))
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _markdown_tables(lines: Sequence[tuple[str, str]]) -> Iterator[tuple[list[str], list[tuple[str, str, list[str]]]]]:
    """Pipe tables among the lines: ``(headers, [(row line, chunk id, cells)])``, parsed by markdown-it-py."""
    parser = _markdown_parser()
    block: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[list[str], list[tuple[str, str, list[str]]]]]:
        if len(block) < 3:
            return
        text = "\n".join(line for line, _ in block)
        tokens = parser.parse(text)
        headers: list[str] = []
        rows: list[tuple[str, str, list[str]]] = []
        current: list[str] = []
        in_head = False
        row_line = 0
        for i, token in enumerate(tokens):
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                current = []
                row_line = token.map[0] if token.map else 0
            elif token.type == "inline" and i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
                current.append(_inline_text(token))
            elif token.type == "tr_close":
                if in_head:
                    headers = current
                elif headers and 0 <= row_line < len(block):
                    line, chunk_id = block[row_line]
                    rows.append((line, chunk_id, current))
            elif token.type == "table_close" and headers and rows:
                yield headers, rows
                headers, rows = [], []

    for line, chunk_id in lines:
        if line.lstrip().startswith("|"):
            block.append((line, chunk_id))
            continue
        yield from flush()
        block = []
    yield from flush()


@functools.cache
def _markdown_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _inline_text(token: Any) -> str:
    parts = [c.content for c in (token.children or []) if c.type in ("text", "code_inline")]
    return " ".join(" ".join(parts).split()) if parts else " ".join(str(token.content).split())


def document_tables(doc_id: str, chunks: Sequence[tuple[str, str, dict[str, Any]]]) -> list[ParsedTable]:
    """Every table of one document, read back from its chunks (in chunk order)."""
    if not chunks:
        return []
    meta = chunks[0][2]

    def new(name: str, kind: str) -> ParsedTable:
        return ParsedTable(
            doc_id=doc_id,
            name=name,
            kind=kind,
            title=str(meta.get("title", doc_id)),
            classification=str(meta.get("classification", "")),
            doc_type=str(meta.get("doc_type", "other")),
            status=str(meta.get("status", "current")),
        )

    tables: list[ParsedTable] = []
    source = str(meta.get("source", doc_id)).lower()
    if source.endswith(_SPREADSHEET_SUFFIXES):
        for sheet, rows in _sheet_rows(doc_id, chunks).items():
            table = new(sheet, "sheet")
            table.rows = rows
            for row in rows:
                table.headers.extend(h for h in row.cells if h not in table.headers)
            tables.append(table)
        return tables
    for section, lines in _section_lines(chunks).items():
        name = section.split(SECTION_SEPARATOR, 1)[1] if SECTION_SEPARATOR in section else ""
        for run in _pair_tables(lines):
            if len(run) < 2:
                continue
            # A header is one most rows of the run share; other "x: y" pieces belong to a value.
            counts: dict[str, int] = {}
            for _line, _cid, pairs in run:
                for header, _value in pairs:
                    counts[header] = counts.get(header, 0) + 1
            known = {h for h, n in counts.items() if n >= max(2, len(run) / 2)}
            table = new(name, "table")
            for number, (line, chunk_id, _) in enumerate(run, start=1):
                pairs = _pairs(line, known) or []
                cells = dict(pairs)
                table.headers.extend(h for h in cells if h not in table.headers)
                table.rows.append(ParsedRow(number, chunk_id, line.strip(), cells))
            if len(table.headers) >= 2:
                tables.append(table)
        for headers, md_rows in _markdown_tables(lines):
            named = [h if h else f"Column {i + 1}" for i, h in enumerate(headers)]
            if len(md_rows) < 2 or sum(1 for h in headers if h) < 2:
                continue  # a key/value box ("Document control | ") is not a register
            table = new(name, "markdown")
            table.headers = named
            for number, (line, chunk_id, row_cells) in enumerate(md_rows, start=1):
                values = {named[i]: c for i, c in enumerate(row_cells[: len(named)]) if c}
                table.rows.append(ParsedRow(number, chunk_id, line.strip(), values))
            tables.append(table)
    return _merge_same_headers(tables)


def _merge_same_headers(tables: list[ParsedTable]) -> list[ParsedTable]:
    """Tables of one prose document with the same headers are one register split by headings (objectives for
    development, objectives for use): kept as one table, rows numbered on, named by the first one's section."""
    merged: list[ParsedTable] = []
    for table in tables:
        same = next((m for m in merged if m.kind == table.kind and m.headers == table.headers), None)
        if same is None:
            merged.append(table)
            continue
        offset = len(same.rows)
        same.rows.extend(ParsedRow(offset + r.number, r.chunk_id, r.quote, r.cells) for r in table.rows)
    return merged


def read_tables(chunks: Iterable[tuple[str, str, dict[str, Any]]]) -> Iterator[ParsedTable]:
    """Tables of every document in ``(chunk_id, text, metadata)`` rows ordered by document (the manifest's order)."""
    current: str | None = None
    group: list[tuple[str, str, dict[str, Any]]] = []
    for chunk_id, text, meta in chunks:
        doc_id = str(meta.get("doc_id", ""))
        if doc_id != current and group:
            yield from document_tables(str(current), group)
            group = []
        current = doc_id
        group.append((chunk_id, text, meta))
    if group:
        yield from document_tables(str(current), group)


# --- the DuckDB file -----------------------------------------------------------------------------------------


def tables_path(settings: Settings) -> Path:
    """Where the tables live: ``tables.duckdb`` in the data dir."""
    return settings.data_dir / TABLES_FILE


def _typed(values: Sequence[str], parse: Any) -> list[Any] | None:
    """The parsed values when enough non-empty cells parse, else None."""
    filled = [v for v in values if v]
    if not filled:
        return None
    parsed = [parse(v) if v else None for v in values]
    hits = sum(1 for v, p in zip(values, parsed, strict=True) if v and p is not None)
    return parsed if hits >= TYPED_SHARE * len(filled) else None


def _write_table(con: duckdb.DuckDBPyConnection, table_id: int, table: ParsedTable) -> None:
    headers = table.headers
    columns: dict[str, list[str]] = {h: [row.cells.get(h, "") for row in table.rows] for h in headers}
    sql_defs = ["_row INTEGER", "_chunk_id VARCHAR", "_quote VARCHAR", "_classification VARCHAR", "_text VARCHAR"]
    data: list[list[Any]] = [
        [r.number for r in table.rows],
        [r.chunk_id for r in table.rows],
        [r.quote for r in table.rows],
        [table.classification] * len(table.rows),
        # Every cell of the row in one string: one scan tells whether a word occurs in the table at all.
        [" | ".join(v for v in r.cells.values() if v) for r in table.rows],
    ]
    column_rows: list[tuple[Any, ...]] = []
    for position, header in enumerate(headers):
        values = columns[header]
        sql = f"c{position}"
        sql_defs.append(f"{sql} VARCHAR")
        data.append([v or None for v in values])
        numbers = _typed(values, parse_number)
        dates = _typed(values, parse_date)
        if numbers is not None:
            sql_defs.append(f"{sql}_n DOUBLE")
            data.append(numbers)
        if dates is not None:
            sql_defs.append(f"{sql}_d DATE")
            data.append(dates)
        distinct = len({v for v in values if v})
        column_rows.append((table_id, position, header, sql, numbers is not None, dates is not None, distinct))
    name = f"t{table_id}"
    con.execute(f"CREATE TABLE {name} ({', '.join(sql_defs)})")
    # Column-wise, one statement per table: executemany costs a statement per row.
    casts = ", ".join(f"UNNEST(?::{d.split()[1]}[])" for d in sql_defs)
    con.execute(f"INSERT INTO {name} SELECT {casts}", data)
    con.executemany("INSERT INTO columns VALUES (?, ?, ?, ?, ?, ?, ?)", column_rows)
    con.execute(
        "INSERT INTO row_chunks SELECT ?, UNNEST(?::INTEGER[]), UNNEST(?::VARCHAR[])",
        [table_id, [r.number for r in table.rows], [r.chunk_id for r in table.rows]],
    )
    con.execute(
        "INSERT INTO registers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [table_id, table.doc_id, table.name, table.kind, table.title, table.classification, table.doc_type,
         table.status, len(table.rows)],
    )  # fmt: skip


def build(settings: Settings, chunks: Iterable[tuple[str, str, dict[str, Any]]], generation: int) -> int:
    """Rebuild ``tables.duckdb`` from the manifest's ``(chunk_id, text, metadata)`` rows; returns the table count.

    Written to a temporary file first and renamed over the old one, so readers never see a half-built file.
    """
    import duckdb

    target = tables_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{TABLES_FILE}.*"):
        stale.unlink(missing_ok=True)
    tmp = target.parent / f".{TABLES_FILE}.{uuid.uuid4().hex[:12]}"
    count = 0
    con = duckdb.connect(str(tmp))
    try:
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute(
            "CREATE TABLE registers (table_id INTEGER, doc_id VARCHAR, name VARCHAR, kind VARCHAR, title VARCHAR, "
            "classification VARCHAR, doc_type VARCHAR, status VARCHAR, n_rows INTEGER)"
        )
        con.execute(
            "CREATE TABLE columns (table_id INTEGER, position INTEGER, header VARCHAR, sql_name VARCHAR, "
            "has_number BOOLEAN, has_date BOOLEAN, n_distinct INTEGER)"
        )
        con.execute("CREATE TABLE row_chunks (table_id INTEGER, row_number INTEGER, chunk_id VARCHAR)")
        # One transaction: DuckDB commits each statement otherwise (~0.1 s per table).
        con.execute("BEGIN TRANSACTION")
        for table in read_tables(chunks):
            if not table.rows or not table.headers:
                continue
            _write_table(con, count, table)
            count += 1
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("generation", str(generation)), ("schema", SCHEMA_VERSION)])
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return count


def built_generation(settings: Settings) -> int | None:
    """Manifest generation the tables file reflects (``None`` when absent, unreadable or of another layout)."""
    with reading(settings) as con:
        return None if con is None else built_generation_of(con)


def built_generation_of(con: duckdb.DuckDBPyConnection) -> int | None:
    """The generation stamp of an open tables file (``None`` for another layout or a damaged file)."""
    import duckdb

    try:
        rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        return None
    if rows.get("schema") != SCHEMA_VERSION:
        return None
    try:
        return int(rows["generation"])
    except (KeyError, ValueError):
        return None


class _Reader:
    """The process's one read-only connection to a tables file, reopened when a build replaced the file.

    DuckDB shares one database instance per path inside a process: a second connection opened while an old one
    is still open would read the replaced file. So every reader goes through here, one at a time (queries take
    milliseconds), and the old connection is closed before the new file is opened.
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.key: tuple[str, int, int] | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        #: Bumped on every reopen, so callers can drop what they cached from the previous file.
        self.opened = 0

    def get(self, settings: Settings) -> duckdb.DuckDBPyConnection | None:
        import duckdb

        path = tables_path(settings)
        try:
            st = path.stat()
        except OSError:
            self.close()
            return None
        key = (str(path.resolve()), st.st_ino, st.st_mtime_ns)
        if key != self.key:
            self.close()
            try:
                self.con = duckdb.connect(str(path), read_only=True)
            except duckdb.Error:
                return None
            self.key = key
            self.opened += 1
        return self.con

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
        self.con, self.key = None, None


_READER = _Reader()


@contextlib.contextmanager
def reading(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """The read-only connection to the tables file (None when there is none), held for the ``with`` block.

    Do not close it; the block runs under the reader's lock, so keep it short.
    """
    with _READER.lock:
        yield _READER.get(settings)


def reader_epoch() -> int:
    """Changes whenever the shared connection was reopened (a rebuilt file): cached table data is stale then."""
    return _READER.opened
