"""Over an empty index the tools say so (the same message as the CLI and the API), and nothing is invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
from mcp import Client
from mcp_rig import error_text, structured

from assistant.auth import KeyRing, create_key
from assistant.mcp_server import build_mcp_server, fixed_key
from assistant.service import ClausewiseService
from ingestion.settings import Settings


def test_tools_over_an_empty_index(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_keys=[], answerer="extractive")
    token = create_key(settings, "agent", "auditor")
    service = ClausewiseService.from_settings(settings)
    server = build_mcp_server(service, fixed_key(KeyRing(settings), token))

    async def run() -> list[Any]:
        async with Client(server) as client:  # the SDK's client, in process
            return [
                await client.call_tool("search_evidence", {"query": "risk", "k": 3}),
                await client.call_tool("list_gaps", {"scope": "A.6"}),
                await client.call_tool("ask", {"question": "Do we have an AI policy?"}),
                await client.call_tool("verify_quote", {"doc_id": "org/policies/ai_policy.md", "quote": "policy"}),
            ]

    search, gaps, ask, quote = anyio.run(run)
    for result in (search, gaps, ask):
        assert "no documents are indexed in" in error_text(result) and "clausewise ingest" in error_text(result)
    assert structured(quote)["found"] is False
    assert service.audit is not None and service.audit.verify().ok
    rows = [json.loads(line) for line in service.audit.export("jsonl")]
    assert [(r["intent"], r["abstained"]) for r in rows] == [
        ("search_evidence", True), ("list_gaps", True), ("ask", True), ("verify_quote", False)]
    assert {r["channel"] for r in rows} == {"mcp"}
