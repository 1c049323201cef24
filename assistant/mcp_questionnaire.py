"""The MCP tool ``fill_questionnaire``: questionnaire autofill over MCP, the same fill as the CLI and HTTP.

The file travels base64-encoded (MCP arguments are JSON); the filled file comes back the same way with the
summary and every row. Each question is answered by ``ClausewiseService.ask`` with channel ``mcp``.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import Context
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from assistant.questionnaire import FilledRow, QuestionnaireSummary, fill

if TYPE_CHECKING:
    # The SDK reads the tool's annotations at run time (to find the Context argument), so Context is imported above.
    from mcp.server.mcpserver import MCPServer

    from assistant.models import Asker
    from assistant.service import ClausewiseService

#: Base64 of a file at the default 20 MB size limit (the fill itself enforces CLAUSEWISE_MAX_FILE_MB).
MAX_BASE64_CHARS = 28_000_000


class QuestionnaireFill(BaseModel):
    """What ``fill_questionnaire`` returns: the summary, every answered row and the filled file (base64)."""

    summary: QuestionnaireSummary
    rows: list[FilledRow]
    filename: str
    media_type: str
    content_base64: str


def register_questionnaire_tool(server: MCPServer, tools: Any) -> None:
    """Add ``fill_questionnaire`` to ``server``; ``tools`` is the server's shared runner (caller, errors, audit)."""
    annotations = ToolAnnotations(
        title="Fill a questionnaire", read_only_hint=True, destructive_hint=False, idempotent_hint=True,
        open_world_hint=False,
    )  # fmt: skip

    @server.tool(annotations=annotations)
    def fill_questionnaire(
        filename: Annotated[str, Field(min_length=1, max_length=200, description=(
            "The questionnaire's file name; its extension (.xlsx or .csv) decides how it is read."))],
        content_base64: Annotated[str, Field(min_length=1, max_length=MAX_BASE64_CHARS, description=(
            "The file's bytes, base64-encoded."))],
        ctx: Context,
        column: Annotated[str | None, Field(max_length=200, description=(
            "The question column's header or letter; default: found from headers and content."))] = None,
    ) -> QuestionnaireFill:
        """Fill a customer's AI due-diligence questionnaire (.xlsx or .csv) from the organization's documents.

        Every question gets a verdict (Yes / Partial / No / Unknown), a short answer and citations (document and
        section), written back into the same workbook as new columns; an existing answer column is filled in its
        own dropdown values, never over an answer already given. Rows a person should check are marked.
        """

        def work(svc: ClausewiseService, asker: Asker) -> QuestionnaireFill:
            try:
                data = base64.b64decode(content_base64, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError(f"content_base64: not valid base64 ({exc})") from exc
            result = fill(data, filename, svc, asker, column=column)
            return QuestionnaireFill(
                summary=result.summary, rows=result.rows, filename=result.filename, media_type=result.media_type,
                content_base64=base64.b64encode(result.content).decode("ascii"),
            )  # fmt: skip

        def describe(r: QuestionnaireFill) -> tuple[str, list[str], list[dict[str, str]]]:
            s = r.summary
            return (f"{s.questions} questions: answered {s.answered}, needs review {s.needs_review}, "
                    f"unknown {s.unknown}"), [], []  # fmt: skip

        arguments = {"filename": filename, "column": column, "bytes_base64": len(content_base64)}
        result: QuestionnaireFill = tools.run(ctx, "fill_questionnaire", arguments, work, describe,
                                              lookup_arg="content_base64")  # fmt: skip
        return result
