"""Helpers for the MCP tests: the SDK's own client over stdio (``clausewise mcp``) and over streamable HTTP."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client as sdk_stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult

from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
ROLES = ("staff", "compliance", "auditor")
#: Freshness is judged on this date (CLAUSEWISE_TODAY) in every process of these tests, so the stale set is fixed.
TODAY = "2025-09-18"
#: Every tool the server offers.
TOOLS = {
    "ask", "search_evidence", "explain_clause", "list_gaps", "get_checklist", "crosswalk", "list_framework_gaps",
    "list_stale_documents", "verify_quote", "fill_questionnaire", "export_oscal",
}  # fmt: skip


@dataclass(frozen=True)
class Rig:
    """One private data dir with a key per role, and the base URL of a real ``clausewise serve`` over it."""

    settings: Settings
    keys: dict[str, str]
    names: dict[str, str]
    base_url: str

    @property
    def mcp_url(self) -> str:
        return f"{self.base_url}/mcp"


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a ``clausewise`` child process over ``data_dir`` (no network, fixed date)."""
    env = {
        "CLAUSEWISE_DATA_DIR": str(data_dir), "CLAUSEWISE_TODAY": TODAY, "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false",
    }  # fmt: skip
    for name in ("CLAUSEWISE_MODEL_CACHE_DIR", "CLAUSEWISE_EMBEDDING_BACKEND", "HOME", "PATH"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra)
    return env


@asynccontextmanager
async def stdio_client(data_dir: Path, key: str, errlog: TextIO) -> AsyncIterator[Client]:
    """The SDK's client over stdio to a ``clausewise mcp`` child acting with ``key``."""
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "assistant.cli", "mcp"], cwd=str(REPO_ROOT),
        env=child_env(data_dir, CLAUSEWISE_API_KEY=key),
    )  # fmt: skip
    # The child's stderr goes to a file: pytest's captured stderr has no file descriptor to hand a child.
    async with Client(sdk_stdio_client(params, errlog=errlog), read_timeout_seconds=180) as client:
        yield client


@asynccontextmanager
async def http_client(url: str, key: str | None, *, mode: str = "auto") -> AsyncIterator[Client]:
    """The SDK's client over streamable HTTP, sending ``Authorization: Bearer <key>`` when a key is given."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    http = httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30, read=180))
    async with http, Client(streamable_http_client(url, http_client=http), mode=mode) as client:
        yield client


def structured(result: CallToolResult) -> Any:
    """The tool's JSON result; fails the test with the error text when the call was an error."""
    assert not result.is_error, result.content[0].text if result.content else "error without text"  # type: ignore[union-attr]
    return result.structured_content


def error_text(result: CallToolResult) -> str:
    """The error message of a call that must have failed."""
    assert result.is_error, f"expected a tool error, got {str(result.structured_content)[:300]}"
    return " ".join(getattr(block, "text", "") for block in result.content)
