"""Hash-chained audit log of every interaction (SQLAlchemy; SQLite in the data dir by default).

Each row stores the hash of the previous row and its own hash over its content, so editing, inserting or
deleting a past row breaks the chain and :meth:`AuditLog.verify` reports the first bad row. A one-row head
table holds the latest sequence number and hash: appends lock it, which serialises writers across processes
(uvicorn workers), and it lets ``verify`` notice rows cut off the end of the chain.

The head row alone cannot stop someone who deletes the last rows *and* rewinds the head. With a key configured
(``CLAUSEWISE_AUDIT_KEY``, kept outside the database) every append also writes a keyed anchor, an HMAC-SHA256
over (row count, head hash): in the ``audit_anchor`` table, in the same transaction, and after the commit in an
anchor file outside the database that only ever moves forward. Without the key nobody can forge an anchor for
a shorter chain, so ``verify`` reports the truncation.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import hmac
import io
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    delete,
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

logger = logging.getLogger("clausewise.audit")

GENESIS_HASH = "0" * 64
_ANCHOR_VERSION = 1
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_WRITE_OPTION = "clausewise_audit_write"

_metadata = MetaData()

audit_rows = Table(
    "audit_log",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # "interaction" | "feedback" | "tool_call"
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

#: The keyed anchor of the head, written in the same transaction as the head (only with a key configured).
audit_anchor = Table(
    "audit_anchor",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("mac", String(64), nullable=False),
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
    """One earlier question and answer of a conversation (for follow-ups), with who asked it under what cap."""

    question: str
    answer: str
    clauses: list[str] = field(default_factory=list)
    cited_doc_ids: list[str] = field(default_factory=list)
    user: str = ""
    role: str = ""
    max_classification: str | None = None


VerifyCode = Literal["ok", "chain", "head", "anchor_missing", "anchor_invalid", "truncated", "unanchored"]


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain check: ``first_bad_id`` is the row id where the chain first breaks.

    ``code`` names the kind of failure; ``warnings`` say what the check could not cover (no key, a lagging anchor).
    """

    ok: bool
    rows: int
    first_bad_id: int | None
    reason: str
    head_hash: str = GENESIS_HASH
    code: VerifyCode = "ok"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Anchor:
    """A keyed statement "the chain had ``seq`` rows ending in ``hash``" (``mac`` = HMAC-SHA256 with the key)."""

    seq: int
    hash: str
    mac: str

    def valid(self, key: bytes) -> bool:
        """True when ``mac`` was made with ``key`` for this row count and head hash."""
        return hmac.compare_digest(self.mac, anchor_mac(key, self.seq, self.hash))


def anchor_mac(key: bytes, seq: int, head_hash: str) -> str:
    """HMAC-SHA256 over (row count, head hash), with a domain prefix so the MAC means nothing elsewhere."""
    message = f"clausewise-audit-anchor|v{_ANCHOR_VERSION}|{seq}|{head_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def read_anchor_file(path: Path) -> Anchor | None:
    """The anchor stored in ``path``; None if the file does not exist, ``ValueError`` if it is malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
        anchor = Anchor(seq=int(data["seq"]), hash=str(data["hash"]), mac=str(data["mac"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"anchor file {path} is not a Clausewise audit anchor ({exc})") from exc
    if anchor.seq < 0:
        raise ValueError(f"anchor file {path}: negative row count {anchor.seq}")
    return anchor


def write_anchor_file(
    path: Path,
    anchor: Anchor,
    key: bytes,
    *,
    replace: bool = False,
    holds: Callable[[Anchor], bool] | None = None,
) -> bool:
    """Write ``anchor`` to ``path`` atomically, only forward along the same chain; returns whether it wrote.

    Appends from several processes commit in chain order but may reach this point in any order; the file lock
    and the forward-only rule keep the file at the furthest anchor. A valid anchor that the chain no longer
    ``holds`` (its row was cut off or rewritten) is kept as evidence. ``replace`` skips both rules.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not replace:
            try:
                current = read_anchor_file(path)
            except ValueError:
                current = None  # unreadable: overwrite it with a valid anchor
            if current is not None and current.valid(key):
                if current.seq >= anchor.seq:
                    return False
                if holds is not None and not holds(current):
                    logger.error(
                        "audit anchor file %s vouches for row %d, which the chain no longer holds: kept as "
                        "evidence; run `clausewise audit verify`", path, current.seq,
                    )
                    return False
        record = {
            "version": _ANCHOR_VERSION,
            "seq": anchor.seq,
            "hash": anchor.hash,
            "mac": anchor.mac,
            "written": _now(),
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return True


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


def _ensure_wal(cursor: Any) -> None:
    """Switch the file to WAL once; two processes creating the log at the same moment must not fail.

    Changing the journal mode needs an exclusive lock and SQLite reports "database is locked" at once (no busy
    wait) when another connection holds one, so the switch is retried for a while; once WAL, nothing is asked.
    """
    import sqlite3

    deadline = time.monotonic() + 30
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if mode and str(mode[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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
            cursor.execute("PRAGMA busy_timeout=30000")
            _ensure_wal(cursor)
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

    def __init__(self, url: str, *, key: bytes | None = None, anchor_path: Path | None = None) -> None:
        """Open (and create if needed) the audit database at any SQLAlchemy URL.

        With ``key`` every append writes a keyed head anchor (table, and ``anchor_path`` when given).
        """
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.key = key or None
        self.anchor_path = anchor_path
        self.engine = _make_engine(url)
        # Schema creation reads then writes; under a deferred transaction two workers starting together
        # both read, and the second one's upgrade to a write fails at once ("database is locked") whatever
        # the busy timeout. BEGIN IMMEDIATE serialises them: the second waits, then sees the tables exist.
        # The head row is read and created in the same write transaction for the same reason.
        with self.engine.connect().execution_options(**{_WRITE_OPTION: True}) as conn, conn.begin():
            _metadata.create_all(conn)
            if conn.execute(select(audit_head.c.id).where(audit_head.c.id == 1)).first() is None:
                conn.execute(insert(audit_head).values(id=1, seq=0, hash=GENESIS_HASH))

    @classmethod
    def from_settings(cls, settings: Settings) -> AuditLog:
        """The audit log at ``settings.audit_url``, keyed by ``settings.audit_key`` when one is set."""
        secret = settings.audit_key.get_secret_value()
        return cls(
            settings.audit_url,
            key=secret.encode("utf-8") if secret else None,
            anchor_path=settings.audit_anchor_file,
        )

    # --- writing -----------------------------------------------------------------------------------

    def _append(self, values: dict[str, Any]) -> None:
        anchor: Anchor | None = None
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
            if self.key is not None:
                anchor = self._store_anchor(conn, int(head.seq), str(head.hash), seq, str(row["row_hash"]))
        if anchor is not None:
            self._write_file(anchor)

    def _store_anchor(self, conn: Connection, old_seq: int, old_hash: str, seq: int, head_hash: str) -> Anchor:
        """Move the keyed table anchor to the new head (inside the append's transaction, under the head lock)."""
        assert self.key is not None
        previous = conn.execute(
            select(audit_anchor.c.seq, audit_anchor.c.hash, audit_anchor.c.mac).where(audit_anchor.c.id == 1)
        ).first()
        if previous is not None:
            before = Anchor(int(previous.seq), str(previous.hash), str(previous.mac))
            if before.valid(self.key) and (before.seq, before.hash) != (old_seq, old_hash):
                # Appending goes on (refusing would stop every answer), but the anchor file keeps the evidence.
                logger.error(
                    "audit chain head (%d rows) does not match its keyed anchor (%d rows): rows may have been "
                    "removed; run `clausewise audit verify`", old_seq, before.seq,
                )
        anchor = Anchor(seq, head_hash, anchor_mac(self.key, seq, head_hash))
        values = {"seq": anchor.seq, "hash": anchor.hash, "mac": anchor.mac}
        if previous is None:
            conn.execute(insert(audit_anchor).values(id=1, **values))
        else:
            conn.execute(update(audit_anchor).where(audit_anchor.c.id == 1).values(**values))
        return anchor

    def _write_file(self, anchor: Anchor) -> None:
        # After the commit, so the file never claims a row that a failed commit did not write.
        if self.anchor_path is None or self.key is None:
            return
        try:
            write_anchor_file(self.anchor_path, anchor, self.key, holds=self._holds)
        except OSError:
            # The row is committed; the answer must not fail. The file lags, and verify says so.
            logger.exception("could not write the audit anchor file %s", self.anchor_path)

    def _holds(self, anchor: Anchor) -> bool:
        """Whether the chain's row ``anchor.seq`` still ends in ``anchor.hash`` (committed rows never change)."""
        if anchor.seq == 0:
            return anchor.hash == GENESIS_HASH
        with self.engine.connect() as conn:
            found = conn.execute(select(audit_rows.c.row_hash).where(audit_rows.c.seq == anchor.seq)).first()
        return found is not None and str(found.row_hash) == anchor.hash

    def anchor(self) -> Anchor:
        """Anchor the current head with the key (table and file): once after setting or changing the key."""
        if self.key is None:
            raise ValueError("audit_key: set CLAUSEWISE_AUDIT_KEY to anchor the audit chain")
        with self.engine.connect().execution_options(**{_WRITE_OPTION: True}) as conn, conn.begin():
            head = conn.execute(
                select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1).with_for_update()
            ).one()
            conn.execute(delete(audit_anchor))
            anchor = Anchor(int(head.seq), str(head.hash), anchor_mac(self.key, int(head.seq), str(head.hash)))
            conn.execute(insert(audit_anchor).values(id=1, seq=anchor.seq, hash=anchor.hash, mac=anchor.mac))
        if self.anchor_path is not None:
            write_anchor_file(self.anchor_path, anchor, self.key, replace=True)
        return anchor

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

    def record_call(
        self,
        *,
        asker: Asker,
        tool: str,
        arguments: Mapping[str, Any],
        outcome: str,
        clauses: Sequence[str] = (),
        disclosed: Sequence[Mapping[str, str]] = (),
        error: bool = False,
    ) -> str:
        """Append one call of a read-only tool other than ``ask`` (MCP); returns its interaction id.

        ``question`` holds the tool name and its arguments as JSON, ``answer`` a one-line outcome, ``cited`` the
        chunks and documents the call disclosed (``{"chunk_id", "doc_id"}``), so the log shows what left the
        service. An ``error`` call is recorded as abstained.
        """
        interaction_id = uuid.uuid4().hex
        self._append(
            {
                "kind": "tool_call",
                "interaction_id": interaction_id,
                "ts": _now(),
                "channel": asker.channel,
                "user": asker.user,
                "role": asker.role,
                "max_classification": asker.max_classification,
                "conversation_id": None,
                "question": f"{tool} {_dumps(dict(arguments))}",
                "intent": tool[:32],
                "verdict": None,
                "abstained": bool(error),
                "answer": outcome,
                "clauses": _dumps(list(clauses)),
                "retrieved": None,
                "cited": _dumps([dict(d) for d in disclosed]),
                "warnings": None,
                "answerer": None,
                "config_hash": None,
                "prompt_hash": None,
                "latency_ms": None,
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

    def conversation(
        self, conversation_id: str, *, channel: str, user: str | None, limit: int = 5
    ) -> list[Turn]:
        """The last ``limit`` turns of a conversation, oldest first.

        A conversation is keyed by (id, channel, user): the same id sent by another user or through another
        channel is another conversation. ``user=None`` returns every user's turns under the id in ``channel``
        (a Slack thread, shared by its participants; the caller filters them by clearance).
        """
        query = select(
            audit_rows.c.question, audit_rows.c.answer, audit_rows.c.clauses, audit_rows.c.cited,
            audit_rows.c.user, audit_rows.c.role, audit_rows.c.max_classification,
        ).where(
            audit_rows.c.conversation_id == conversation_id,
            audit_rows.c.kind == "interaction",
            audit_rows.c.channel == channel,
        )  # fmt: skip
        if user is not None:
            query = query.where(audit_rows.c.user == user)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(audit_rows.c.seq.desc()).limit(limit)).all()
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
                    user=str(row.user),
                    role=str(row.role),
                    max_classification=row.max_classification,
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

    def verify(self, anchor_file: Path | None = None) -> VerifyResult:
        """Recompute the whole chain; the first row whose link or content does not match is reported.

        With a key, the head must also match the keyed table anchor, and the chain must reach the anchor file
        (``anchor_file``, e.g. a copy kept elsewhere, or the configured one) with the same hash at its row.
        """
        path = anchor_file or self.anchor_path
        file_anchor: Anchor | None = None
        file_problem: str | None = None
        if self.key is not None and path is not None:
            try:
                file_anchor = read_anchor_file(path)
            except ValueError as exc:
                file_problem = str(exc)
        prev = GENESIS_HASH
        rows = 0
        hash_at: dict[int, str] = {0: GENESIS_HASH}
        with self.engine.connect() as conn:
            head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
            stored = conn.execute(select(audit_anchor).where(audit_anchor.c.id == 1)).first()
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
                    return VerifyResult(False, rows, int(row["id"]), problem, prev, "chain")
                prev = str(row["row_hash"])
                if file_anchor is not None and rows == file_anchor.seq:
                    hash_at[rows] = prev
        if head is None:
            return VerifyResult(False, rows, None, "chain head is missing", prev, "head")
        if int(head.seq) != rows or head.hash != prev:
            reason = (
                f"chain head says {head.seq} rows ending in {str(head.hash)[:12]}, found {rows} ending in "
                f"{prev[:12]} (rows removed from the end?)"
            )
            return VerifyResult(False, rows, None, reason, prev, "head")
        if self.key is None:
            warning = (
                "the tail is not protected: CLAUSEWISE_AUDIT_KEY is not set, so rows deleted from the end with "
                "the head rewound would pass (see docs/deployment.md, 'The audit log')"
            )
            return VerifyResult(True, rows, None, "chain intact", prev, warnings=(warning,))
        table = Anchor(int(stored.seq), str(stored.hash), str(stored.mac)) if stored is not None else None
        failure = _check_anchor("keyed head anchor (audit_anchor table)", table, self.key, rows, prev, hash_at,
                                exact=True)
        if failure is not None:
            return VerifyResult(False, rows, None, failure[1], prev, failure[0])
        warnings: list[str] = []
        if path is not None:
            where = f"anchor file {path}"
            if file_problem is not None:
                return VerifyResult(False, rows, None, file_problem, prev, "anchor_invalid")
            failure = _check_anchor(where, file_anchor, self.key, rows, prev, hash_at, exact=False)
            if failure is not None:
                return VerifyResult(False, rows, None, failure[1], prev, failure[0])
            if file_anchor is not None and file_anchor.seq < rows:
                warnings.append(f"{where} covers the first {file_anchor.seq} of {rows} rows")
        reason = "chain intact; head anchored with the key" + (f" and in {path}" if path is not None else "")
        return VerifyResult(True, rows, None, reason, prev, warnings=tuple(warnings))

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


def _check_anchor(
    where: str, anchor: Anchor | None, key: bytes, rows: int, head_hash: str, hash_at: dict[int, str], *,
    exact: bool,
) -> tuple[VerifyCode, str] | None:
    """None when ``anchor`` vouches for this chain; else (code, reason). ``exact``: it must be the head itself."""
    if anchor is None:
        if rows == 0:
            return None
        return "anchor_missing", (
            f"{where} is missing although the log has {rows} rows (deleted, or the key was set after these rows "
            "were written: check the chain, then run `clausewise audit anchor`)"
        )
    if not anchor.valid(key):
        return "anchor_invalid", (
            f"{where} does not carry a valid MAC for CLAUSEWISE_AUDIT_KEY (forged or edited, or made with another key)"
        )
    if anchor.seq > rows:
        return "truncated", (
            f"{where} vouches for {anchor.seq} rows ending in {anchor.hash[:12]}, the log has only {rows} ending "
            f"in {head_hash[:12]}: {anchor.seq - rows} rows were removed from the end and the head rewound"
        )
    if exact and anchor.seq < rows:
        return "unanchored", (
            f"{where} vouches for {anchor.seq} rows, the log has {rows}: the last {rows - anchor.seq} rows were "
            "appended without the key (forged, or written by a process without CLAUSEWISE_AUDIT_KEY)"
        )
    expected = head_hash if anchor.seq == rows else hash_at.get(anchor.seq)
    if expected != anchor.hash:
        return "truncated", (
            f"{where} vouches for row {anchor.seq} ending in {anchor.hash[:12]}, but the log's row {anchor.seq} "
            "differs: the end of the chain was cut off and rewritten"
        )
    return None


def _decoded(values: dict[str, Any]) -> dict[str, Any]:
    for name in _JSON_COLUMNS:
        if isinstance(values.get(name), str):
            values[name] = json.loads(values[name])
    return values
