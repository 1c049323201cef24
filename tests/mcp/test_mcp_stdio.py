"""``clausewise mcp`` over stdio, spawned and driven by the SDK's own client, with keys of different roles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
from mcp_rig import REPO_ROOT, TOOLS, Rig, child_env, error_text, stdio_client, structured

from assistant.audit import AuditLog
from assistant.auth import create_key, revoke_key


def _session(rig: Rig, key: str, tmp_path: Path, calls: list[tuple[str, dict[str, Any]]]) -> tuple[Any, list[Any]]:
    """One stdio session: (the listed tools, the raw result of each call in order)."""

    async def run() -> tuple[Any, list[Any]]:
        with (tmp_path / "mcp-stderr.log").open("w") as errlog:
            async with stdio_client(rig.settings.data_dir, key, errlog) as client:
                listed = await client.list_tools()
                return listed, [await client.call_tool(name, args) for name, args in calls]

    return anyio.run(run)


def test_stdio_staff_session(rig: Rig, restricted_docs: list[str], tmp_path: Path,
                             restricted_probes: tuple[list[str], list[str]]) -> None:
    questions, secret = restricted_probes
    log = AuditLog.from_settings(rig.settings)
    before = log.count()
    listed, results = _session(rig, rig.keys["staff"], tmp_path, [
        ("ask", {"question": "How often is the AI policy reviewed?"}),
        ("search_evidence", {"query": questions[0], "k": 10}),
        ("verify_quote", {"doc_id": restricted_docs[0], "quote": secret[0]}),
        ("list_gaps", {"scope": "Q.1"}),
    ])
    assert {t.name for t in listed.tools} == TOOLS
    assert all(t.annotations is not None and t.annotations.read_only_hint for t in listed.tools)
    answer, hits, check = (structured(r) for r in results[:3])
    assert "org/policies/ai_policy.md" in {c["doc_id"] for c in answer["citations"]}
    assert hits["hits"] and not set(restricted_docs) & {h["doc_id"] for h in hits["hits"]}
    assert check["found"] is False and check["title"] is None
    assert "scope" in error_text(results[3])

    rows = [json.loads(line) for line in log.export("jsonl")][before:]
    assert [r["kind"] for r in rows] == ["interaction", "tool_call", "tool_call", "tool_call"]
    assert rows[0]["question"] == "How often is the AI policy reviewed?"
    assert [r["intent"] for r in rows[1:]] == ["search_evidence", "verify_quote", "list_gaps"]
    assert {(r["channel"], r["user"], r["role"]) for r in rows} == {("mcp", rig.names["staff"], "staff")}
    assert rows[-1]["abstained"] is True
    assert log.verify().ok


def test_stdio_auditor_reads_restricted_and_a_revoked_key_stops_working(
    rig: Rig, restricted_docs: list[str], tmp_path: Path, restricted_probes: tuple[list[str], list[str]]
) -> None:
    questions, secret = restricted_probes
    key = create_key(rig.settings, "auditor-revoked", "auditor")

    async def run() -> list[Any]:
        with (tmp_path / "mcp-stderr.log").open("w") as errlog:
            async with stdio_client(rig.settings.data_dir, key, errlog) as client:
                first = [await client.call_tool("search_evidence", {"query": q, "k": 10}) for q in questions[:3]]
                first.append(await client.call_tool("verify_quote", {"doc_id": restricted_docs[0], "quote": secret[0]}))
                assert revoke_key(rig.settings, "auditor-revoked")
                first.append(await client.call_tool("list_stale_documents", {}))
                return first

    results = anyio.run(run)
    found = {h["doc_id"] for r in results[:3] for h in structured(r)["hits"]}
    assert set(restricted_docs) & found
    assert structured(results[3])["found"] is True
    assert "invalid API key" in error_text(results[4])


def test_stdio_refuses_to_start_without_a_valid_key(rig: Rig) -> None:
    for env in ({}, {"CLAUSEWISE_API_KEY": "cwk_not_a_key"}):
        done = subprocess.run(
            [sys.executable, "-m", "assistant.cli", "mcp"], cwd=REPO_ROOT, env=child_env(rig.settings.data_dir, **env),
            input="", capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert "CLAUSEWISE_API_KEY" in done.stderr and done.stdout == ""  # stdout belongs to the protocol
    check = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "mcp", "--check"], cwd=REPO_ROOT,
        env=child_env(rig.settings.data_dir, CLAUSEWISE_API_KEY=rig.keys["compliance"]),
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert f"key '{rig.names['compliance']}' (role compliance)" in check.stderr
    assert all(name in check.stderr for name in TOOLS)
