"""Hash-chained audit log of every interaction (SQLAlchemy; SQLite in the data dir by default).

Each row stores the hash of the previous row and its own hash over its content, so editing, inserting or
deleting a past row breaks the chain and :meth:`AuditLog.verify` reports the first bad row. A one-row head
table holds the latest sequence number and hash: appends lock it, which serialises writers across processes
(uvicorn workers), and it lets ``verify`` notice rows cut off the end of the chain.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool, StaticPool

from assistant.models import Answer, Asker

if TYPE_CHECKING:
    from ingestion.settings import Settings

GENESIS_HASH = "0" * 64
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_WRITE_OPTION = "clausewise_audit_write"

_metadata = MetaData()

audit_rows = Table(
    "audit_log",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # "interaction" | "feedback"
    Column("interaction_id", String(64), nullable=False, index=True),
    Column("ts", String(32), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("user", String(255), nullable=False),
    Column("role", String(32), nullable=False),
    Column("max_classification", String(32)),
    Column("conversation_id", String(255), index=True),
    Column("question", Text),
    Column("intent", String(32)),
    Column("verdict", String(16)),
    Column("abstained", Boolean),
    Column("answer", Text),
    Column("clauses", Text),  # JSON list
    Column("retrieved", Text),  # JSON list of RetrievedRef
    Column("cited", Text),  # JSON list of {n, chunk_id, doc_id, version, content_hash}
    Column("warnings", Text),  # JSON list
    Column("answerer", String(255)),
    Column("config_hash", String(64)),
    Column("prompt_hash", String(64)),
    Column("latency_ms", Integer),
    Column("helpful", Boolean),
    Column("comment", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

#: Columns covered by a row's hash, in a fixed order (everything except the surrogate key and the hash).
HASHED_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in audit_rows.columns if c.name not in {"id", "row_hash"}
)
#: Columns in exports, in table order.
EXPORT_COLUMNS: tuple[str, ...] = tuple(c.name for c in audit_rows.columns)


@dataclass(frozen=True)
class RetrievedRef:
    """A retrieved chunk and the exact document version it came from."""

    chunk_id: str
    doc_id: str
    version: str
    content_hash: str


@dataclass(frozen=True)
class Turn:
    """One earlier question and answer of a conversation (for follow-ups)."""

    question: str
    answer: str
    clauses: list[str] = field(default_factory=list)
    cited_doc_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain check: ``first_bad_id`` is the row id where the chain first breaks."""

    ok: bool
    rows: int
    first_bad_id: int | None
    reason: str
    head_hash: str = GENESIS_HASH


def row_hash(values: dict[str, Any]) -> str:
    """SHA-256 over the hashed columns of a row (canonical JSON, so the value types must round-trip)."""
    payload = {name: values.get(name) for name in HASHED_COLUMNS}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime(_TS_FORMAT)


def _ts_of(moment: datetime) -> str:
    # Naive datetimes are taken as UTC, the zone every row is written in.
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime(_TS_FORMAT)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        # NullPool: each operation opens its own connection, so several threads and processes share the file
        # through SQLite's own locking; BEGIN IMMEDIATE takes the write lock before the head is read.
        engine = create_engine(
            url,
            # An in-memory database lives and dies with its one connection.
            poolclass=StaticPool if in_memory else NullPool,
            connect_args={"timeout": 30, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event decide how a transaction starts (pysqlite would defer it).
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # Writers take the write lock up front; readers keep a deferred (snapshot) transaction.
            immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


class AuditLog:
    """Append-only, hash-chained record of questions, answers and feedback from every channel."""

    def __init__(self, url: str) -> None:
        """Open (and create if needed) the audit database at any SQLAlchemy URL."""
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine = _make_engine(url)
        _metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            if conn.execute(select(audit_head.c.id).where(audit_head.c.id == 1)).first() is None:
                conn.execute(insert(audit_head).values(id=1, seq=0, hash=GENESIS_HASH))

    @classmethod
    def from_settings(cls, settings: Settings) -> AuditLog:
        """The audit log at ``settings.audit_url``."""
        return cls(settings.audit_url)

    # --- writing -----------------------------------------------------------------------------------

    def _append(self, values: dict[str, Any]) -> None:
        with self.engine.connect().execution_options(**{_WRITE_OPTION: True}) as conn, conn.begin():
            # The head row lock (FOR UPDATE; BEGIN IMMEDIATE on SQLite) makes read-head + insert atomic.
            head = conn.execute(
                select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1).with_for_update()
            ).one()
            seq = int(head.seq) + 1
            row = dict(values, seq=seq, prev_hash=str(head.hash))
            row["row_hash"] = row_hash(row)
            conn.execute(insert(audit_rows).values(**row))
            conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=row["row_hash"]))

    def record(
        self,
        *,
        asker: Asker,
        question: str,
        answer: Answer,
        retrieved: Sequence[RetrievedRef],
        conversation_id: str | None,
    ) -> str:
        """Append one interaction; returns its new interaction id."""
        interaction_id = uuid.uuid4().hex
        by_chunk = {ref.chunk_id: ref for ref in retrieved}
        cited = []
        for citation in answer.citations:
            ref = by_chunk.get(citation.chunk_id)
            cited.append(
                {
                    "n": citation.n,
                    "chunk_id": citation.chunk_id,
                    "doc_id": citation.doc_id,
                    "version": ref.version if ref else "",
                    "content_hash": ref.content_hash if ref else "",
                }
            )
        self._append(
            {
                "kind": "interaction",
                "interaction_id": interaction_id,
                "ts": _now(),
                "channel": asker.channel,
                "user": asker.user,
                "role": asker.role,
                "max_classification": asker.max_classification,
                "conversation_id": conversation_id,
                "question": question,
                "intent": answer.intent,
                "verdict": answer.verdict,
                "abstained": bool(answer.abstained),
                "answer": answer.answer,
                "clauses": _dumps(list(answer.clauses)),
                "retrieved": _dumps(
                    [
                        {"chunk_id": r.chunk_id, "doc_id": r.doc_id, "version": r.version,
                         "content_hash": r.content_hash}
                        for r in retrieved
                    ]
                ),
                "cited": _dumps(cited),
                "warnings": _dumps(list(answer.warnings)),
                "answerer": answer.answerer,
                "config_hash": answer.config_hash,
                "prompt_hash": answer.prompt_hash,
                "latency_ms": int(answer.latency_ms),
                "helpful": None,
                "comment": None,
            }
        )
        return interaction_id

    def add_feedback(self, interaction_id: str, helpful: bool, comment: str | None, user: str) -> None:
        """Append a feedback row for an earlier interaction; ``KeyError`` if the id is unknown."""
        with self.engine.connect() as conn:
            original = conn.execute(
                select(audit_rows.c.channel, audit_rows.c.role, audit_rows.c.conversation_id).where(
                    audit_rows.c.interaction_id == interaction_id, audit_rows.c.kind == "interaction"
                )
            ).first()
        if original is None:
            raise KeyError(f"unknown interaction id {interaction_id!r}")
        self._append(
            {
                "kind": "feedback",
                "interaction_id": interaction_id,
                "ts": _now(),
                "channel": original.channel,
                "user": user,
                "role": original.role,
                "max_classification": None,
                "conversation_id": original.conversation_id,
                "question": None,
                "intent": None,
                "verdict": None,
                "abstained": None,
                "answer": None,
                "clauses": None,
                "retrieved": None,
                "cited": None,
                "warnings": None,
                "answerer": None,
                "config_hash": None,
                "prompt_hash": None,
                "latency_ms": None,
                "helpful": bool(helpful),
                "comment": comment,
            }
        )

    # --- reading -----------------------------------------------------------------------------------

    def conversation(self, conversation_id: str, limit: int = 5) -> list[Turn]:
        """The last ``limit`` turns of a conversation, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(audit_rows.c.question, audit_rows.c.answer, audit_rows.c.clauses, audit_rows.c.cited)
                .where(audit_rows.c.conversation_id == conversation_id, audit_rows.c.kind == "interaction")
                .order_by(audit_rows.c.seq.desc())
                .limit(limit)
            ).all()
        turns = []
        for row in reversed(rows):
            cited = json.loads(row.cited or "[]")
            doc_ids = list(dict.fromkeys(str(c["doc_id"]) for c in cited))
            turns.append(
                Turn(
                    question=row.question or "",
                    answer=row.answer or "",
                    clauses=[str(c) for c in json.loads(row.clauses or "[]")],
                    cited_doc_ids=doc_ids,
                )
            )
        return turns

    def interaction(self, interaction_id: str) -> dict[str, Any] | None:
        """The interaction row with this id (JSON columns decoded), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(audit_rows).where(
                    audit_rows.c.interaction_id == interaction_id, audit_rows.c.kind == "interaction"
                )
            ).first()
        return _decoded(dict(row._mapping)) if row is not None else None

    def feedback_for(self, interaction_id: str) -> list[dict[str, Any]]:
        """Feedback rows recorded against an interaction, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(audit_rows)
                .where(audit_rows.c.interaction_id == interaction_id, audit_rows.c.kind == "feedback")
                .order_by(audit_rows.c.seq)
            ).all()
        return [_decoded(dict(r._mapping)) for r in rows]

    def count(self) -> int:
        """Number of rows in the log."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(audit_rows)).scalar_one())

    def verify(self) -> VerifyResult:
        """Recompute the whole chain; the first row whose link or content does not match is reported."""
        prev = GENESIS_HASH
        rows = 0
        with self.engine.connect() as conn:
            head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
            for row in conn.execute(select(audit_rows).order_by(audit_rows.c.seq)).mappings():
                rows += 1
                problem = None
                if int(row["seq"]) != rows:
                    problem = f"sequence gap: expected {rows}, found {row['seq']}"
                elif row["prev_hash"] != prev:
                    problem = "previous-hash link broken (a row before it was changed or removed)"
                elif row_hash(dict(row)) != row["row_hash"]:
                    problem = "row content does not match its hash"
                if problem is not None:
                    return VerifyResult(False, rows, int(row["id"]), problem, prev)
                prev = str(row["row_hash"])
        if head is None:
            return VerifyResult(False, rows, None, "chain head is missing", prev)
        if int(head.seq) != rows or head.hash != prev:
            reason = (
                f"chain head says {head.seq} rows ending in {str(head.hash)[:12]}, found {rows} ending in "
                f"{prev[:12]} (rows removed from the end?)"
            )
            return VerifyResult(False, rows, None, reason, prev)
        return VerifyResult(True, rows, None, "chain intact", prev)

    def export(self, fmt: Literal["csv", "jsonl"], since: datetime | None = None) -> Iterator[str]:
        """Rows as CSV (header first) or JSON Lines, oldest first, optionally from ``since`` on."""
        if fmt not in ("csv", "jsonl"):
            raise ValueError(f"unknown export format {fmt!r}: use csv or jsonl")
        query = select(audit_rows).order_by(audit_rows.c.seq)
        if since is not None:
            query = query.where(audit_rows.c.ts >= _ts_of(since))
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(EXPORT_COLUMNS)
            yield buffer.getvalue()
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                values = dict(row)
                if fmt == "jsonl":
                    yield json.dumps(_decoded(values), ensure_ascii=False) + "\n"
                else:
                    buffer = io.StringIO()
                    cells = ["" if values[c] is None else values[c] for c in EXPORT_COLUMNS]
                    csv.writer(buffer).writerow(cells)
                    yield buffer.getvalue()


_JSON_COLUMNS = ("clauses", "retrieved", "cited", "warnings")


def _decoded(values: dict[str, Any]) -> dict[str, Any]:
    for name in _JSON_COLUMNS:
        if isinstance(values.get(name), str):
            values[name] = json.loads(values[name])
    return values
