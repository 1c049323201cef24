"""The Clausewise HTTP service (FastAPI): the app factory over ``ClausewiseService``.

Run it with ``clausewise serve`` (uvicorn, ``server:create_app`` as a factory, one service per worker process).
The routes live in ``assistant/routers/`` (``api``: ``/v1`` and health, ``slack``: ``/slack/events``, ``web``: the
browser app at ``/``, ``mcp_http``: the MCP server at ``/mcp``), each thin over the service; this module builds the
per-process state, maps errors to JSON and includes the routers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Route, compile_path

from assistant.routers import api, evidence, questionnaires, slack, web
from assistant.routers.deps import AppState, Caller, logger, sanitize_filename
from assistant.routers.mcp_http import MCP_PATH, McpEndpoint
from assistant.web import STATIC_DIR
from ingestion.settings import Settings

if TYPE_CHECKING:
    from assistant.service import ClausewiseService

__all__ = ["AppState", "Caller", "create_app", "sanitize_filename"]


def create_app(settings: Settings | None = None, service: ClausewiseService | None = None) -> FastAPI:
    """The FastAPI app; with no arguments it reads ``Settings()`` (this is uvicorn's factory)."""
    state = AppState(settings or Settings(), service)
    if service is not None:
        state.ensure_service()

    mcp = McpEndpoint(state)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.ensure_service)
        async with mcp.running():
            yield

    # FastAPIOffline: the same app, with /docs and /redoc served from the package's own Swagger UI / ReDoc assets
    # (no CDN: the docs work on a machine without network access).
    app = FastAPIOffline(
        title="Clausewise",
        version="0.1.0",
        description="Grounded ISO/IEC 42001 answers, gap analysis and audit checklists over your documents.",
        lifespan=lifespan,
    )
    app.state.clausewise = state
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(questionnaires.router)
    app.include_router(evidence.router)
    app.include_router(slack.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    # The MCP server over streamable HTTP (docs/mcp.md); a plain route, so /mcp needs no trailing slash.
    app.router.routes.append(Route(MCP_PATH, endpoint=mcp, name="mcp"))
    return app


def _install_error_handlers(app: FastAPI) -> None:
    """Errors as JSON ``{"detail": ...}`` that never carry document text."""

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            # Starlette's Allow names the methods of the first route on the path only (GET /v1/gaps hid POST).
            methods = sorted(set(_methods_for(request.scope.get("path", ""), app.router.routes)))
            exc = StarletteHTTPException(405, exc.detail, headers={**(exc.headers or {}), "Allow": ", ".join(methods)})
        return await http_exception_handler(request, exc)

    @app.exception_handler(ValueError)
    async def _bad_input(_req: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(LookupError)
    async def _not_found(_req: Request, exc: LookupError) -> JSONResponse:
        message = exc.args[0] if exc.args else "not found"
        return JSONResponse(status_code=404, content={"detail": str(message)})

    from assistant.service import IndexEmptyError

    @app.exception_handler(IndexEmptyError)
    async def _index_empty(_req: Request, exc: IndexEmptyError) -> JSONResponse:
        # Not a verdict: answers, gaps and checklists over an empty index would say "missing" for everything.
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def _internal(_req: Request, exc: Exception) -> JSONResponse:
        # The message could carry document text; the client gets a generic line, the log gets the detail.
        logger.exception("unhandled error", exc_info=exc)
        return JSONResponse(status_code=500, content={"detail": "internal error; see the server log"})


def _methods_for(path: str, routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[str]:
    """The HTTP methods of every route matching ``path``, looking inside included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)  # FastAPI keeps an included router as one entry
        if inner is not None:
            context = getattr(route, "include_context", None)
            yield from _methods_for(path, inner.routes, prefix + str(getattr(context, "prefix", "") or ""))
        elif isinstance(route, Route) and route.methods:
            regex = compile_path(prefix + route.path)[0] if prefix else route.path_regex
            if regex.match(path):
                yield from route.methods
