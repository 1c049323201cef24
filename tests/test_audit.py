"""The hash-chained audit log: records, conversations, feedback, tamper detection, export, concurrent writers."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.audit import AuditLog, RetrievedRef
from assistant.models import Answer, Asker, Citation


def _answer(text: str, doc_id: str = "org/policies/ai_policy.md", chunk: str = "c1") -> Answer:
    citation = Citation(
        n=1, doc_id=doc_id, title="AI Policy", doc_type="policy", source=doc_id, quote="reviewed every 12 months",
        chunk_id=chunk, classification="internal",
    )
    return Answer(
        answer=f"{text} [1]", intent="fact", clauses=["5.2"], citations=[citation], answerer="extractive",
        config_hash="cfg123", prompt_hash="p456", latency_ms=42,
    )


def _refs(doc_id: str = "org/policies/ai_policy.md", chunk: str = "c1") -> list[RetrievedRef]:
    return [
        RetrievedRef(chunk_id=chunk, doc_id=doc_id, version="2.1", content_hash="h" * 64),
        RetrievedRef(chunk_id="other", doc_id="org/x.md", version="1.0", content_hash="g" * 64),
    ]


def _log(tmp_path: Path) -> tuple[AuditLog, Path]:
    db = tmp_path / "audit.db"
    return AuditLog(f"sqlite:///{db}"), db


def test_record_conversation_and_feedback(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    asker = Asker(user="alice", role="compliance", channel="http")
    first = log.record(asker=asker, question="How often?", answer=_answer("Every 12 months."),
                       retrieved=_refs(), conversation_id="conv-1")
    second = log.record(asker=asker, question="And who?", answer=_answer("The lead.", "org/b.md", "c9"),
                        retrieved=_refs("org/b.md", "c9"), conversation_id="conv-1")
    log.record(asker=asker, question="Unrelated", answer=_answer("x"), retrieved=[], conversation_id=None)
    assert first != second

    turns = log.conversation("conv-1", channel="http", user="alice")
    assert [t.question for t in turns] == ["How often?", "And who?"]
    assert turns[0].cited_doc_ids == ["org/policies/ai_policy.md"]
    assert turns[1].cited_doc_ids == ["org/b.md"]
    assert turns[0].clauses == ["5.2"]
    assert (turns[0].user, turns[0].role, turns[0].max_classification) == ("alice", "compliance", None)
    assert [t.question for t in log.conversation("conv-1", channel="http", user="alice", limit=1)] == ["And who?"]
    assert log.conversation("nope", channel="http", user="alice") == []

    row = log.interaction(first)
    assert row is not None
    assert row["channel"] == "http" and row["user"] == "alice" and row["role"] == "compliance"
    assert row["latency_ms"] == 42 and row["config_hash"] == "cfg123" and row["prompt_hash"] == "p456"
    assert [r["chunk_id"] for r in row["retrieved"]] == ["c1", "other"]
    assert row["cited"] == [
        {"n": 1, "chunk_id": "c1", "doc_id": "org/policies/ai_policy.md", "version": "2.1",
         "content_hash": "h" * 64}
    ]

    log.add_feedback(first, helpful=False, comment="wrong interval", user="bob")
    feedback = log.feedback_for(first)
    assert len(feedback) == 1
    assert feedback[0]["helpful"] is False and feedback[0]["comment"] == "wrong interval"
    assert feedback[0]["user"] == "bob"
    with pytest.raises(KeyError, match="deadbeef"):
        log.add_feedback("deadbeef", helpful=True, comment=None, user="bob")

    result = log.verify()
    assert result.ok, result.reason
    assert result.rows == 4 and result.first_bad_id is None


def test_a_conversation_is_keyed_by_id_channel_and_user(tmp_path: Path) -> None:
    log, _ = _log(tmp_path)
    alice = Asker(user="alice", role="compliance", channel="http")
    for asker, question in [
        (alice, "mine"),
        (Asker(user="mallory", role="staff", channel="http"), "poison"),  # another user, same id
        (Asker(user="alice", role="compliance", channel="cli"), "other channel"),  # same user, other channel
        (Asker(user="bob", role="auditor", channel="slack", max_classification="restricted"), "thread"),
    ]:
        log.record(asker=asker, question=question, answer=_answer("x"), retrieved=[], conversation_id="shared")
    assert [t.question for t in log.conversation("shared", channel="http", user="alice")] == ["mine"]
    assert [t.question for t in log.conversation("shared", channel="http", user="mallory")] == ["poison"]
    assert [t.question for t in log.conversation("shared", channel="cli", user="alice")] == ["other channel"]
    assert log.conversation("shared", channel="http", user="bob") == []
    # A shared thread: every participant's turns in that channel, with the clearance each was asked under.
    [thread] = log.conversation("shared", channel="slack", user=None)
    assert (thread.question, thread.user, thread.role, thread.max_classification) == (
        "thread", "bob", "auditor", "restricted")


def _fill(log: AuditLog, n: int) -> list[str]:
    asker = Asker(user="u", role="staff", channel="cli")
    return [
        log.record(asker=asker, question=f"q{i}", answer=_answer(f"a{i}"), retrieved=_refs(), conversation_id=None)
        for i in range(n)
    ]


def test_edit_of_a_past_row_is_detected(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    _fill(log, 5)
    assert log.verify().ok
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET answer = 'Every 36 months. [1]' WHERE seq = 3")
    result = log.verify()
    assert not result.ok
    assert result.first_bad_id == 3
    assert "hash" in result.reason


def test_rehashed_edit_breaks_the_next_link(tmp_path: Path) -> None:
    from assistant.audit import row_hash

    log, db = _log(tmp_path)
    _fill(log, 4)
    # A careful forger recomputes the edited row's own hash; the following row still points at the old one.
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM audit_log WHERE seq = 2").fetchone())
        row["question"] = "forged"
        row["abstained"] = bool(row["abstained"])
        conn.execute("UPDATE audit_log SET question = ?, row_hash = ? WHERE seq = 2", ("forged", row_hash(row)))
    result = log.verify()
    assert not result.ok and result.first_bad_id == 3
    assert "link" in result.reason


def test_deleted_rows_are_detected(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    _fill(log, 5)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
    result = log.verify()
    assert not result.ok and result.first_bad_id == 3

    log2, db2 = _log(tmp_path / "tail")
    _fill(log2, 3)
    with sqlite3.connect(db2) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq = 3")
    tail = log2.verify()
    assert not tail.ok and tail.first_bad_id is None
    assert "removed from the end" in tail.reason


def test_export_csv_and_jsonl_with_since(tmp_path: Path) -> None:
    log, db = _log(tmp_path)
    ids = _fill(log, 3)
    log.add_feedback(ids[0], helpful=True, comment=None, user="carol")
    lines = list(log.export("jsonl"))
    records = [json.loads(line) for line in lines]
    assert [r["kind"] for r in records] == ["interaction"] * 3 + ["feedback"]
    assert records[0]["question"] == "q0" and records[3]["interaction_id"] == ids[0]
    assert records[0]["cited"][0]["chunk_id"] == "c1"

    rows = list(csv.DictReader(io.StringIO("".join(log.export("csv")))))
    assert len(rows) == 4
    assert rows[1]["question"] == "q1" and rows[3]["helpful"] in ("True", "1")

    # Move the first two rows into the past, then export only from yesterday on.
    old = (datetime.now(UTC) - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET ts = ? WHERE seq <= 2", (old,))
    recent = [json.loads(x) for x in log.export("jsonl", since=datetime.now(UTC) - timedelta(days=1))]
    assert [r["seq"] for r in recent] == [3, 4]
    with pytest.raises(ValueError, match="xml"):
        list(log.export("xml"))  # type: ignore[arg-type]


def _writer(url: str, worker: int, n: int) -> None:
    log = AuditLog(url)
    asker = Asker(user=f"w{worker}", role="staff", channel="http")
    for i in range(n):
        log.record(asker=asker, question=f"{worker}-{i}", answer=_answer("a"), retrieved=_refs(),
                   conversation_id=None)


def test_concurrent_writer_processes_keep_one_chain(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    AuditLog(url)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(url, w, 15)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    result = AuditLog(url).verify()
    assert result.ok, result.reason
    assert result.rows == 60


def _opener(url: str, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    AuditLog(url)


def test_workers_creating_a_new_audit_database_together_all_start(tmp_path: Path) -> None:
    """Regression: two server workers opening a fresh database at once failed with "database is locked"."""
    ctx = multiprocessing.get_context("fork")
    for attempt in range(3):
        url = f"sqlite:///{tmp_path / f'fresh{attempt}.db'}"
        start = ctx.Event()
        procs = [ctx.Process(target=_opener, args=(url, start)) for _ in range(6)]
        for p in procs:
            p.start()
        start.set()
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        result = AuditLog(url).verify()
        assert result.ok and result.rows == 0
