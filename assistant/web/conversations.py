"""Conversations of the Ask page: each turn's full answer (citations included), per conversation and user.

Follow-ups get their context from the service (the audit log, keyed by conversation id, channel and user); this
store only keeps what the page redraws, in ``web_sessions.sqlite3`` beside the signed-out sessions. A turn is shown
again only to the same user and only when it was asked under a clearance within the viewer's current one (a key
whose role was lowered does not see its earlier, higher-clearance answers).
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.models import Answer
from ingestion.settings import Settings

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
#: Turns of one conversation redrawn at most (the oldest drop off the page, not out of the audit log).
MAX_TURNS = 50


@dataclass(frozen=True)
class StoredTurn:
    """One question and its answer as the page showed it."""

    seq: int
    question: str
    answer: Answer
    role: str
    ts: float


def new_conversation_id() -> str:
    """A fresh conversation id (random, URL-safe)."""
    return "web-" + secrets.token_urlsafe(12)


def valid_conversation_id(value: str | None) -> bool:
    """Whether ``value`` looks like an id this app issued (bounded length, URL-safe characters)."""
    return bool(value) and value is not None and len(value) <= 64 and set(value) <= _ID_CHARS


class ConversationStore:
    """Turns by (conversation id, user), in SQLite in the data dir."""

    def __init__(self, settings: Settings) -> None:
        """The store of the data dir in ``settings``."""
        from assistant.web.session import store_path

        self._path = store_path(settings)
        self._lock = threading.Lock()
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS turns (conversation_id TEXT NOT NULL, user TEXT NOT NULL, "
                "seq INTEGER NOT NULL, role TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, "
                "ts REAL NOT NULL, PRIMARY KEY (conversation_id, user, seq))"
            )

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def add(self, conversation_id: str, user: str, role: str, question: str, answer: Answer) -> int:
        """Append a turn; returns its number in the conversation."""
        body = answer.model_dump_json(exclude={"retrieved_chunk_ids"})
        with self._lock, self._connect() as conn:
            (last,) = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation_id = ? AND user = ?",
                (conversation_id, user),
            ).fetchone()
            seq = int(last) + 1
            conn.execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (conversation_id, user, seq, role, question, body, time.time()))
        return seq

    def turns(self, conversation_id: str, user: str, visible: Callable[[str], bool]) -> list[StoredTurn]:
        """The user's turns of a conversation, oldest first, those whose role ``visible`` accepts."""
        with self._lock, self._connect() as conn:
            rows = conn.execute(
                "SELECT seq, question, answer, role, ts FROM turns WHERE conversation_id = ? AND user = ? "
                "ORDER BY seq DESC LIMIT ?", (conversation_id, user, MAX_TURNS),
            ).fetchall()
        return [StoredTurn(int(r[0]), str(r[1]), Answer.model_validate_json(r[2]), str(r[3]), float(r[4]))
                for r in reversed(rows) if visible(str(r[3]))]

    def recent(self, user: str, limit: int = 10) -> Sequence[tuple[str, str, float]]:
        """The user's latest conversations: (id, first question, time of the last turn), newest first."""
        with self._lock, self._connect() as conn:
            rows = conn.execute(
                "SELECT conversation_id, MIN(CASE WHEN seq = 1 THEN question END), MAX(ts) FROM turns "
                "WHERE user = ? GROUP BY conversation_id ORDER BY MAX(ts) DESC LIMIT ?", (user, limit),
            ).fetchall()
        return [(str(r[0]), str(r[1] or ""), float(r[2])) for r in rows]
