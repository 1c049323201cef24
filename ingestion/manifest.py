"""The SQLite manifest: the source of truth of what is ingested.

For every document it records the source file, its ingest root, the content hash, a fingerprint of
everything that shaped its chunks (content, metadata sources, overrides, settings), the document
metadata, and each chunk (id, text, Chroma metadata). Chroma and the BM25 index are derived from it:
the pipeline writes Chroma first and commits here second, so a chunk id listed here is always in
Chroma unless the store was damaged from outside (see ``pipeline`` for the full protocol).

Tables: ``documents`` (its ``custom`` column: the document's custom metadata as JSON, NULL when none;
added by ``ALTER TABLE`` when a manifest of an earlier version is opened), ``chunks``, ``pending``
(documents whose Chroma writes may be ahead of the manifest), ``state`` (generation counter and index
settings). WAL mode lets readers (the HTTP service) read while an ingest writes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel, Field

from ingestion.metadata import DocType, DocumentMeta, Status
from ingestion.settings import Classification, Settings

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    root TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    meta TEXT NOT NULL,
    chunk_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_root ON documents(root);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    chunk_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS pending (doc_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class DocumentRecord(BaseModel):
    """A document as listed by ``clausewise docs`` and the HTTP service: metadata, chunk count, origin."""

    doc_id: str
    title: str
    doc_type: DocType
    owner: str | None = None
    version: str | None = None
    effective_date: dt.date | None = None
    classification: Classification
    status: Status
    source: str
    content_hash: str
    ingested_at: str
    chunk_count: int
    #: Absolute path of the ingest root the ``doc_id`` is relative to.
    root: str
    #: Absolute path of the source file.
    path: str
    #: Metadata keys of front matter, sidecar or ``_meta.yaml`` that are no metadata field (``layout``,
    #: ``tags``), as JSON values. Kept here only: Chroma takes scalars, and chunk metadata keys are fixed.
    custom: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class ChunkRow:
    """A chunk as written to Chroma and recorded here."""

    chunk_id: str
    chunk_index: int
    text: str
    metadata: dict[str, Any]


@dataclass
class DocumentWrite:
    """Everything that replaces one document's rows in a commit."""

    meta: DocumentMeta
    root: str
    path: str
    fingerprint: str
    chunks: list[ChunkRow] = field(default_factory=list)
    custom: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredDocument:
    """The manifest's view of one document, as the pipeline needs it for planning."""

    doc_id: str
    root: str
    path: str
    content_hash: str
    fingerprint: str
    chunk_count: int


class Manifest:
    """Read and write the manifest of ``settings.manifest_path`` (created on first use)."""

    def __init__(self, settings: Settings) -> None:
        self.path: Path = settings.manifest_path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, timeout=60, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process (the WAL survives); only power loss could
        # drop the last commit, and reconciliation repairs that too.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(_SCHEMA)
        self._add_custom_column()
        stored = self.get_state("schema")
        if stored is None:
            self.set_state("schema", SCHEMA_VERSION)
        elif stored != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: manifest schema {stored} is not {SCHEMA_VERSION}; run `clausewise ingest --reset`"
            )

    def _add_custom_column(self) -> None:
        # A nullable column, so manifests written before it keep working without a reset.
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(documents)")}
        if "custom" in columns:
            return
        try:
            self._conn.execute("ALTER TABLE documents ADD COLUMN custom TEXT")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):  # another process added it a moment ago
                raise

    # --- plumbing ------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    class _Tx:
        def __init__(self, manifest: Manifest) -> None:
            self.manifest = manifest

        def __enter__(self) -> sqlite3.Cursor:
            self.manifest._lock.acquire()
            cur = self.manifest._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            self.cur = cur
            return cur

        def __exit__(
            self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
        ) -> None:
            try:
                self.cur.execute("ROLLBACK" if exc_type else "COMMIT")
            finally:
                self.cur.close()
                self.manifest._lock.release()

    def _transaction(self) -> Manifest._Tx:
        return Manifest._Tx(self)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # --- state ---------------------------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        """A value of the ``state`` table."""
        rows = self._query("SELECT value FROM state WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_state(self, key: str, value: str) -> None:
        """Set a value of the ``state`` table."""
        with self._transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """Increases with every committed change of documents or chunks."""
        value = self.get_state("generation")
        return int(value) if value else 0

    @staticmethod
    def _bump(cur: sqlite3.Cursor) -> None:
        cur.execute(
            "INSERT INTO state(key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # --- reads ---------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        """Every document with its metadata, chunk count, root and source path, ordered by doc id."""
        rows = self._query("SELECT meta, chunk_count, root, path, custom FROM documents ORDER BY doc_id")
        return [_record(*row) for row in rows]

    def document(self, doc_id: str) -> DocumentRecord | None:
        """One document, or ``None``."""
        rows = self._query("SELECT meta, chunk_count, root, path, custom FROM documents WHERE doc_id = ?", (doc_id,))
        return _record(*rows[0]) if rows else None

    def stored(self) -> dict[str, StoredDocument]:
        """Planning view of every document, keyed by doc id."""
        rows = self._query("SELECT doc_id, root, path, content_hash, fingerprint, chunk_count FROM documents")
        return {row[0]: StoredDocument(*row) for row in rows}

    def chunk_ids(self, doc_id: str) -> list[str]:
        """Chunk ids of one document in chunk order."""
        rows = self._query("SELECT chunk_id FROM chunks WHERE doc_id = ? ORDER BY chunk_index", (doc_id,))
        return [r[0] for r in rows]

    def chunk_ids_by_doc(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """Chunk ids of several documents."""
        out: dict[str, list[str]] = {}
        wanted = list(dict.fromkeys(doc_ids))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            for doc_id, chunk_id in self._query(
                f"SELECT doc_id, chunk_id FROM chunks WHERE doc_id IN ({marks}) ORDER BY doc_id, chunk_index",
                part,
            ):
                out.setdefault(doc_id, []).append(chunk_id)
        return out

    def chunks_of(self, doc_id: str) -> list[ChunkRow]:
        """The recorded chunks of one document."""
        rows = self._query(
            "SELECT chunk_id, chunk_index, text, metadata FROM chunks WHERE doc_id = ? ORDER BY chunk_index",
            (doc_id,),
        )
        return [ChunkRow(cid, idx, text, json.loads(meta)) for cid, idx, text, meta in rows]

    def all_chunk_ids(self) -> dict[str, str]:
        """Every chunk id → its doc id."""
        return {cid: did for cid, did in self._query("SELECT chunk_id, doc_id FROM chunks")}

    def chunk_count(self) -> int:
        """Number of chunks recorded."""
        return int(self._query("SELECT COUNT(*) FROM chunks")[0][0])

    def iter_chunks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(chunk_id, text, metadata)`` for every chunk, in a stable order (doc id, chunk index)."""
        rows = self._query("SELECT chunk_id, text, metadata FROM chunks ORDER BY doc_id, chunk_index")
        for cid, text, meta in rows:
            yield cid, text, json.loads(meta)

    def pending(self) -> set[str]:
        """Documents whose Chroma writes started but whose commit did not happen."""
        return {r[0] for r in self._query("SELECT doc_id FROM pending")}

    # --- writes --------------------------------------------------------------------------------
    def mark_pending(self, doc_ids: Iterable[str]) -> None:
        """Record, before touching Chroma, which documents are about to be written."""
        with self._transaction() as cur:
            cur.executemany("INSERT OR IGNORE INTO pending(doc_id) VALUES (?)", [(d,) for d in doc_ids])

    def clear_pending(self, doc_ids: Iterable[str] | None = None) -> None:
        """Forget pending marks (all of them when ``doc_ids`` is None)."""
        with self._transaction() as cur:
            if doc_ids is None:
                cur.execute("DELETE FROM pending")
            else:
                cur.executemany("DELETE FROM pending WHERE doc_id = ?", [(d,) for d in doc_ids])

    def commit_documents(self, writes: Sequence[DocumentWrite]) -> None:
        """Replace the rows of these documents and clear their pending marks, in one transaction."""
        if not writes:
            return
        with self._transaction() as cur:
            for write in writes:
                meta = write.meta
                cur.execute("DELETE FROM chunks WHERE doc_id = ?", (meta.doc_id,))
                cur.execute(
                    "INSERT OR REPLACE INTO documents(doc_id, root, path, content_hash, fingerprint, meta, "
                    "chunk_count, custom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        meta.doc_id,
                        write.root,
                        write.path,
                        meta.content_hash,
                        write.fingerprint,
                        meta.model_dump_json(),
                        len(write.chunks),
                        json.dumps(write.custom, ensure_ascii=False, sort_keys=True) if write.custom else None,
                    ),
                )
                cur.executemany(
                    "INSERT INTO chunks(chunk_id, doc_id, chunk_index, text, metadata) VALUES (?, ?, ?, ?, ?)",
                    [
                        (c.chunk_id, meta.doc_id, c.chunk_index, c.text, json.dumps(c.metadata, sort_keys=True))
                        for c in write.chunks
                    ],
                )
                cur.execute("DELETE FROM pending WHERE doc_id = ?", (meta.doc_id,))
            self._bump(cur)

    def delete_documents(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents (and their chunks); returns the ids that existed."""
        wanted = list(dict.fromkeys(doc_ids))
        removed: list[str] = []
        with self._transaction() as cur:
            for doc_id in wanted:
                cur.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
                cur.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
                if cur.rowcount:
                    removed.append(doc_id)
                cur.execute("DELETE FROM pending WHERE doc_id = ?", (doc_id,))
            if removed:
                self._bump(cur)
        return removed

    def clear(self) -> None:
        """Forget every document (``--reset``)."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM chunks")
            cur.execute("DELETE FROM documents")
            cur.execute("DELETE FROM pending")
            self._bump(cur)


def _record(meta: str, count: int, root: str, path: str, custom: str | None) -> DocumentRecord:
    return DocumentRecord.model_validate(
        {**json.loads(meta), "chunk_count": count, "root": root, "path": path, "custom": json.loads(custom or "{}")}
    )


#: Per thread: (path, device, inode) → a read-only connection to that manifest file (see read_generation).
_READERS = threading.local()


def read_generation(settings: Settings) -> int:
    """The manifest generation, read without creating or migrating anything (0 when there is no manifest).

    Serving processes call this several times per question to notice ingests made by other processes, so each
    thread keeps one read-only connection per manifest file: every SELECT outside a transaction sees the last
    commit, and a file replaced or recreated at the same path (a new inode) gets a new connection.
    """
    path = settings.manifest_path
    try:
        st = path.stat()
    except OSError:
        return 0
    key = (str(path), st.st_dev, st.st_ino)
    readers: dict[tuple[str, int, int], sqlite3.Connection] | None = getattr(_READERS, "by_file", None)
    if readers is None:
        readers = _READERS.by_file = {}
    conn = readers.get(key)
    if conn is None:
        for stale in [k for k in readers if k[0] == key[0]]:
            readers.pop(stale).close()
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        except sqlite3.Error:
            return 0
        readers[key] = conn
    try:
        row = conn.execute("SELECT value FROM state WHERE key = 'generation'").fetchone()
    except sqlite3.Error:
        # A manifest being created has no tables yet; start afresh next time.
        readers.pop(key, None)
        conn.close()
        return 0
    return int(row[0]) if row and row[0] else 0
