"""``AuditLog.record_call``: tool-call rows share the hash chain with answers and feedback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from assistant.audit import AuditLog
from assistant.models import Answer, Asker


def test_tool_calls_join_the_chain_and_tampering_is_found(tmp_path: Path) -> None:
    db = tmp_path / "audit.db"
    log = AuditLog(f"sqlite:///{db}")
    asker = Asker(user="agent", role="staff", channel="mcp")
    first = log.record(asker=asker, question="q?", answer=Answer(answer="a", intent="fact"), retrieved=[],
                       conversation_id=None)  # fmt: skip
    call = log.record_call(asker=asker, tool="search_evidence", arguments={"query": "drift", "k": 3},
                           outcome="2 hits", disclosed=[{"chunk_id": "c1", "doc_id": "d1"}])  # fmt: skip
    failed = log.record_call(asker=asker, tool="explain_clause", arguments={"clause_id": "X"},
                             outcome="error: clause_id: unknown", error=True)  # fmt: skip
    log.add_feedback(first, helpful=True, comment=None, user="agent")
    assert len({first, call, failed}) == 3
    assert log.verify().ok and log.count() == 4

    rows = [json.loads(line) for line in log.export("jsonl")]
    assert [r["kind"] for r in rows] == ["interaction", "tool_call", "tool_call", "feedback"]
    assert rows[1]["question"] == 'search_evidence {"query":"drift","k":3}' and rows[1]["intent"] == "search_evidence"
    assert rows[1]["cited"] == [{"chunk_id": "c1", "doc_id": "d1"}] and rows[1]["abstained"] is False
    assert rows[2]["abstained"] is True and rows[2]["channel"] == "mcp"
    # Tool calls are not conversation turns.
    assert log.conversation("x", channel="mcp", user="agent") == []

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET answer = '0 hits' WHERE seq = 2")
    result = log.verify()
    assert not result.ok and result.first_bad_id == 2
