"""``POST /v1/questionnaires``: upload a customer questionnaire (.xlsx/.csv), get the filled file back.

Any API key may fill one (the same roles as ``/v1/ask``); its role decides which documents the answers read.
"""

from __future__ import annotations

import functools
import json
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response

from assistant.questionnaire import CSV_MEDIA, XLSX_MEDIA, QuestionnaireError, QuestionnaireLimitError, fill
from assistant.routers.api import _responses
from assistant.routers.deps import Caller, State, asker_of, call, read_limited, sanitize_filename, service_of

router = APIRouter()

#: Response header carrying the fill's summary (JSON, ASCII).
SUMMARY_HEADER = "X-Clausewise-Summary"
_FORMATS = {".xlsx": XLSX_MEDIA, ".csv": CSV_MEDIA}


@router.post(
    "/v1/questionnaires",
    tags=["reports"],
    response_class=Response,
    responses={
        200: {
            "description": f"The filled questionnaire (same format as the upload); summary in `{SUMMARY_HEADER}`.",
            "content": {
                XLSX_MEDIA: {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        },
        **_responses(400, 401, 413, 415, 422, 503),
    },
)
async def questionnaires(
    request: Request,
    key: Caller,
    state: State,
    file: Annotated[UploadFile, File(description="The questionnaire (.xlsx or .csv).")],
    column: Annotated[str | None, Form(max_length=200, description="Question column header or letter.")] = None,
) -> Response:
    """Answer every question of the uploaded questionnaire and return it filled (new Clausewise columns)."""
    settings = state.settings
    limit = int(settings.max_upload_mb * 1024 * 1024)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise HTTPException(413, f"upload larger than the {settings.max_upload_mb:g} MB limit")
    try:
        name = sanitize_filename(file.filename or "")
    except ValueError as exc:
        raise HTTPException(400, f"file: {exc}") from exc
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in _FORMATS:
        raise HTTPException(415, f"file {name!r}: type {ext or '(none)'} is not a questionnaire (use .xlsx or .csv)")
    data = await read_limited(file, limit, name)
    service = service_of(state)
    job = functools.partial(fill, data, name, service, asker_of(key), column=(column or "").strip() or None)
    try:
        result = await call(job)
    except QuestionnaireLimitError as exc:
        raise HTTPException(413, str(exc)) from exc
    except QuestionnaireError as exc:
        raise HTTPException(400, str(exc)) from exc
    return Response(
        content=result.content,
        media_type=result.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{result.filename}"',
            SUMMARY_HEADER: json.dumps(result.summary.model_dump(mode="json"), ensure_ascii=True),
        },
    )
