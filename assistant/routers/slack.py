"""The Slack endpoint (``/slack/events``): events, slash commands and interactivity, verified, then bolt."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from assistant.routers.deps import State, logger

router = APIRouter()


@router.post("/slack/events", include_in_schema=False)
async def slack_events(request: Request, state: State) -> Response:
    """Slack events, slash commands and interactivity (bolt verifies the signature)."""
    if state.slack is None:
        return JSONResponse(status_code=404, content={"detail": state.slack_error or "Slack is not ready"})
    body = await request.body()
    from assistant.slack_app import signature_problem

    # Checked on the raw bytes before bolt parses them: a bad timestamp or body is a 401/400, never a 500.
    problem = signature_problem(state.settings.slack_signing_secret, body, request.headers)
    if problem is not None:
        logger.info("rejected a Slack request: %s", problem)
        return JSONResponse(status_code=401, content={"error": "invalid request"})
    try:
        bolt_request = to_bolt_request(request, body)
    except ValueError:  # signed, yet not UTF-8 / JSON / form data (UnicodeDecodeError, JSONDecodeError)
        return JSONResponse(status_code=400, content={"error": "unreadable Slack request body"})
    # bolt's FastAPI adapter (SlackRequestHandler) dispatches on the event loop; the same conversion
    # helpers with the dispatch in a worker thread keep the loop free while bolt calls Slack.
    bolt_response = await run_in_threadpool(state.slack.dispatch, bolt_request)
    return to_starlette_response(bolt_response)
