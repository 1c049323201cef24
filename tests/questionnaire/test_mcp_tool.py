"""``fill_questionnaire`` over MCP, driven by the SDK's own client (in-process), against the same fill as HTTP."""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

import anyio
import pytest
from conftest import CSV

from ingestion.settings import Settings


@pytest.fixture(scope="module")
def mcp_server(q_settings: Settings, q_service: Any) -> tuple[Any, dict[str, str]]:
    from assistant.auth import KeyRing, create_key
    from assistant.mcp_server import build_mcp_server, fixed_key

    keys = {role: create_key(q_settings, f"mcp-q-{role}", role) for role in ("staff", "auditor")}
    ring = KeyRing(q_settings)
    servers = {role: build_mcp_server(q_service, fixed_key(ring, key)) for role, key in keys.items()}
    return servers, keys


def _call(server: Any, name: str, args: dict[str, Any]) -> Any:
    from mcp import Client

    async def run() -> Any:
        async with Client(server) as client:
            listed = await client.list_tools()
            return listed, await client.call_tool(name, args)

    return anyio.run(run)


@pytest.mark.slow
def test_tool_is_listed_read_only_and_fills_like_the_service(mcp_server: Any, q_service: Any) -> None:
    from assistant.mcp_questionnaire import QuestionnaireFill
    from assistant.models import Asker
    from assistant.questionnaire import OWN_HEADERS, fill

    servers, _ = mcp_server
    args = {"filename": CSV.name, "content_base64": base64.b64encode(CSV.read_bytes()).decode()}
    listed, result = _call(servers["staff"], "fill_questionnaire", args)
    tool = next(t for t in listed.tools if t.name == "fill_questionnaire")
    assert tool.annotations.read_only_hint is True and tool.annotations.destructive_hint is False
    assert tool.output_schema and tool.input_schema["required"] == ["filename", "content_base64"]
    assert not result.is_error, result.content
    got = QuestionnaireFill.model_validate(result.structured_content)
    direct = fill(CSV.read_bytes(), CSV.name, q_service, Asker(role="staff"))
    assert got.summary.verdicts == direct.summary.verdicts and got.summary.questions == 8
    assert [r.verdict for r in got.rows] == [r.verdict for r in direct.rows]
    header = next(csv.reader(io.StringIO(base64.b64decode(got.content_base64).decode("utf-8"))))
    assert header[-4:] == list(OWN_HEADERS)
    import json

    logged = [json.loads(x) for x in q_service.audit.export("jsonl")]
    assert any(r.get("channel") == "mcp" and r.get("user") == "mcp-q-staff" for r in logged)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"filename": "q.csv", "content_base64": "@@not base64@@"}, "content_base64: not valid base64"),
        ({"filename": "broken.xlsx", "content_base64": base64.b64encode(b"nope").decode()},
         "broken.xlsx: not a readable .xlsx workbook"),
    ],
)
def test_bad_arguments_are_tool_errors_naming_them(mcp_server: Any, args: dict[str, str], message: str) -> None:
    servers, _ = mcp_server
    _, result = _call(servers["staff"], "fill_questionnaire", args)
    assert result.is_error
    text = " ".join(getattr(b, "text", "") for b in result.content)
    assert message in text, text
