"""The Clausewise HTTP service (FastAPI): a thin adapter over ``ClausewiseService``, plus the Slack endpoint.

Run it with ``clausewise serve`` (uvicorn, ``server:create_app`` as a factory, one service per worker process).
Every ``/v1`` route needs ``Authorization: Bearer <key>``; the key's role decides what the caller may read
(clearance is enforced inside retrieval by the service) and whether it may upload or delete documents.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from assistant import checklist as checklist_render
from assistant import render
from assistant.auth import Action, KeyRing, allowed
from assistant.models import Answer, Asker, Checklist, GapItem, GapReport, PolicyDraft
from assistant.uploads import UploadStore
from ingestion.loaders import SUPPORTED_EXTENSIONS
from ingestion.metadata import DOC_TYPES
from ingestion.pipeline import validate_overrides
from ingestion.settings import CLASSIFICATION_ORDER, ApiKey, Settings

if TYPE_CHECKING:
    from slack_bolt import App as SlackApp

    from assistant.service import ClausewiseService

logger = logging.getLogger("clausewise.server")

T = TypeVar("T")

#: File types the ingestion pipeline reads; anything else is refused before it is stored.
ALLOWED_EXTENSIONS: frozenset[str] = SUPPORTED_EXTENSIONS
#: Fields of the ingest report returned for an upload.
_UPLOAD_REPORT_FIELDS = ("new", "changed", "unchanged", "unclassified", "warnings", "chunks_written",
                         "chunks_deleted", "documents_total", "chunks_total", "seconds")
#: Document-list fields that reveal the server's file layout.
_SERVER_ONLY_FIELDS = frozenset({"root", "path"})
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_READ_CHUNK = 1 << 20


# --- request bodies --------------------------------------------------------------------------------

#: "Holds a character that is not whitespace" (Python's whitespace: the Unicode set plus \x1c-\x1f), so the
#: schema and the services' ``strip()`` agree on what a blank text is.
_NON_BLANK = r"[^\s\x1c-\x1f]"


class AskRequest(BaseModel):
    """A question, optionally continuing an earlier conversation."""

    question: str = Field(min_length=1, max_length=2000, pattern=_NON_BLANK,
                          examples=["How often is the AI policy reviewed?"])
    conversation_id: str | None = Field(default=None, max_length=200)
    #: Optional: only evidence from these document types (e.g. ["policy", "procedure"]); another value is a 400.
    doc_types: list[str] = Field(default_factory=list, max_length=11,
                                 json_schema_extra={"items": {"type": "string", "enum": list(DOC_TYPES)}})


class GapsRequest(BaseModel):
    """Scope of a gap analysis: ``all``, ``clauses``, ``annex-a`` or an id prefix."""

    scope: str = Field(default="all", max_length=100, examples=["A.6"])


class TargetRequest(BaseModel):
    """Clause/control ids or a free-text topic (one of them)."""

    # The schema states what the validator below enforces: a non-empty ``ids`` or a non-blank ``topic``.
    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["ids"], "properties": {"ids": {"type": "array", "minItems": 1}}},
        {"required": ["topic"], "properties": {"topic": {"type": "string", "pattern": _NON_BLANK}}},
    ]})

    ids: list[str] | None = Field(default=None, max_length=100, examples=[["A.6.2.4", "8.2"]])
    topic: str | None = Field(default=None, max_length=500, examples=["AI system impact assessment"])

    @model_validator(mode="after")
    def _one_target(self) -> TargetRequest:
        if not self.ids and not (self.topic and self.topic.strip()):
            raise ValueError("give 'ids' (a list of clause/control ids) or 'topic' (text)")
        return self

    def target(self) -> str | list[str]:
        """What the service resolves: the ids when given, else the topic."""
        return list(self.ids) if self.ids else str(self.topic).strip()


class FeedbackRequest(BaseModel):
    """A helpful / not helpful vote on an earlier answer."""

    interaction_id: str = Field(min_length=1, max_length=64)
    helpful: bool
    comment: str | None = Field(default=None, max_length=2000)


class ClauseSummary(BaseModel):
    """One catalog entry in the clause list."""

    id: str
    title: str
    kind: str
    parent: str | None = None


class ClauseDetail(BaseModel):
    """A catalog entry (Clausewise's own words) with the caller's visible evidence for it."""

    entry: dict[str, Any]
    evidence: GapItem


# --- what the routes answer (OpenAPI) ---------------------------------------------------------------

class ErrorResponse(BaseModel):
    """Every error: one line that says what was wrong (it never carries document text)."""

    detail: str


class ValidationErrorResponse(BaseModel):
    """422: FastAPI's field-by-field validation errors, or (uploads) a file that could not be ingested."""

    detail: str | list[dict[str, Any]]


class ClauseNotFound(BaseModel):
    """404 for an unknown clause or control id, with the nearest real ids."""

    detail: str
    suggestions: list[str]


class ReadyStatus(BaseModel):
    """Readiness: ``ready`` is true when every check passed; ``index`` describes what is indexed."""

    ready: bool
    checks: dict[str, Any]


_ERRORS: dict[int, str] = {
    400: "Bad input: a value the service cannot use, or a body that cannot be parsed; `detail` names it.",
    401: "Missing or invalid API key (`Authorization: Bearer <key>`).",
    403: "The key's role may not do this (or may not create a document of that classification).",
    404: "Unknown id or scope, or a document the caller may not read (indistinguishable on purpose).",
    409: "The file name is taken by a document the caller may not read; choose another name.",
    413: "The upload is larger than CLAUSEWISE_MAX_UPLOAD_MB, or the document is over an ingest limit "
         "(CLAUSEWISE_MAX_UNZIPPED_MB, _ZIP_RATIO, _ROWS, _PARAGRAPHS, _PAGES, _CHARS, _CHUNKS; `detail` names it).",
    415: "The file type is not one the ingestion pipeline reads.",
    422: "The request does not match the schema (field errors).",
    503: "The service is not ready: still starting, or no documents are indexed (`detail` says which).",
}
_AUTH_HEADER = {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}}
_TEXT = {"schema": {"type": "string"}}
#: Media type of an XLSX download.
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for error ``codes``: JSON ``{"detail": ...}`` (422 also FastAPI's field errors)."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        entry: dict[str, Any] = {"model": ValidationErrorResponse if code == 422 else ErrorResponse,
                                 "description": _ERRORS[code]}
        if code == 401:
            entry["headers"] = _AUTH_HEADER
        out[code] = entry
    return out


def _downloads(*media: str) -> dict[int | str, dict[str, Any]]:
    """The 200 response's extra media types (``format=csv|md|xlsx`` downloads beside the JSON)."""
    content: dict[str, Any] = {m: ({"schema": {"type": "string", "format": "binary"}} if m == XLSX_MEDIA else _TEXT)
                               for m in media}
    return {200: {"description": "JSON, or a file download when `format` asks for one.", "content": content}}


# --- helpers ---------------------------------------------------------------------------------------

def sanitize_filename(name: str) -> str:
    """A safe file name: the last path component only, unusual characters replaced; ValueError if empty."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    base = _SAFE_NAME.sub("_", base).strip("._")
    if not base:
        raise ValueError(f"file name {name!r} is empty after removing unsafe characters")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    return (stem[:120] + ("." + ext[:10].lower() if ext else "")) or base[:120]


def _download(content: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=content, media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "report"


class AppState:
    """What one worker process holds: settings, key ring, the service and the Slack app (built once)."""

    def __init__(self, settings: Settings, service: ClausewiseService | None) -> None:
        """State over ``settings``; ``service`` is built at start-up when not given."""
        self.settings = settings
        self.keys = KeyRing(settings)
        self.service = service
        self.slack: SlackApp | None = None
        self.slack_error: str | None = None
        self.write_lock = threading.Lock()
        self.uploads = UploadStore(settings)
        self._build_lock = threading.Lock()
        self._warmed = False
        self._uploads_reconciled = False

    def ensure_service(self) -> ClausewiseService:
        """The service, built on first use (model and store load once per process)."""
        with self._build_lock:
            if self.service is None:
                from assistant.service import ClausewiseService

                self.service = ClausewiseService.from_settings(self.settings)
            if not self._warmed:
                # The gap judge's index baseline per role, before the first request: otherwise the first
                # single-control question of a worker pays for a scan of the whole catalog.
                self._warmed = True
                self.service.warm()
            if not self._uploads_reconciled:
                # An upload cut short by a killed server left files the manifest does not list (see
                # assistant.uploads); without this, every later upload of such a name was refused with 409.
                self.uploads.reconcile()
                self._uploads_reconciled = True
            if self.slack is None and self.slack_error is None:
                self._build_slack(self.service)
            return self.service

    def _build_slack(self, service: ClausewiseService) -> None:
        s = self.settings
        if not (s.slack_bot_token and s.slack_signing_secret):
            self.slack_error = (
                "Slack is not configured: set CLAUSEWISE_SLACK_BOT_TOKEN and CLAUSEWISE_SLACK_SIGNING_SECRET"
            )
            return
        from assistant.slack_app import build_slack_app

        self.slack = build_slack_app(s, service)


_bearer = HTTPBearer(auto_error=False, description="An API key created with `clausewise keys create`.")


def _caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> ApiKey:
    """The API key presenting this request; 401 when absent or unknown."""
    state: AppState = request.app.state.clausewise
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(
            401, "missing API key: send 'Authorization: Bearer <key>'", headers={"WWW-Authenticate": "Bearer"}
        )
    key = state.keys.authenticate(credentials.credentials.strip())
    if key is None:
        raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "Bearer"})
    return key


#: Route parameter type: the authenticated caller's key (module level, so FastAPI can resolve it).
Caller = Annotated[ApiKey, Depends(_caller)]


def create_app(settings: Settings | None = None, service: ClausewiseService | None = None) -> FastAPI:
    """The FastAPI app; with no arguments it reads ``Settings()`` (this is uvicorn's factory)."""
    state = AppState(settings or Settings(), service)
    if service is not None:
        state.ensure_service()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.ensure_service)
        yield

    app = FastAPI(
        title="Clausewise",
        version="0.1.0",
        description="Grounded ISO/IEC 42001 answers, gap analysis and audit checklists over your documents.",
        lifespan=lifespan,
    )
    app.state.clausewise = state
    def asker_of(key: ApiKey) -> Asker:
        return Asker(user=key.name, role=key.role, channel="http")

    def require(key: ApiKey, action: Action) -> None:
        if not allowed(key.role, action):
            raise HTTPException(403, f"role '{key.role}' may not {action} documents (compliance or auditor only)")

    async def call(fn: Callable[..., T], *args: Any) -> T:
        # The service may block for seconds (an LLM); a worker thread keeps the event loop serving others.
        return await run_in_threadpool(fn, *args)

    def svc() -> ClausewiseService:
        if state.service is None:
            raise HTTPException(503, "the service is still starting")
        return state.service

    def scope_ids(scope: str) -> list[str]:
        # An unknown scope names nothing, like an unknown clause id: 404 (a 400 would tell a well-formed
        # request from the schema's point of view that it is malformed).
        try:
            return list(svc().catalog.ids_in_scope(scope or "all"))
        except ValueError as exc:
            raise HTTPException(404, str(exc)) from exc

    # --- errors as JSON ------------------------------------------------------------------------------

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            # Starlette's Allow names the methods of the first route on the path only (GET /v1/gaps hid POST).
            path = request.scope.get("path", "")
            methods = sorted({m for r in app.router.routes if isinstance(r, Route) and r.methods
                              and r.path_regex.match(path) for m in r.methods})
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

    # --- health ----------------------------------------------------------------------------------------

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], response_model=None, responses={
        200: {"model": ReadyStatus, "description": "Ready."},
        503: {"model": ReadyStatus, "description": "Not ready: `checks` / `index` say why."},
    })
    async def readyz() -> JSONResponse:
        """Readiness: the model is loaded, the store reachable, the catalog loaded and the index not empty.

        ``index`` gives the counts, why the index is unusable (``reason``) and the last ingest's failed files
        (names only: the reasons are for ``clausewise status`` on the server).
        """
        service = state.service
        if service is None:
            return JSONResponse(status_code=503, content={"ready": False, "checks": {"service": False}})
        checks, status = await run_in_threadpool(lambda: (service.readiness(), service.index_status()))
        ready = all(checks.values())
        index: dict[str, Any] = {"documents": status.documents, "chunks": status.chunks_in_store}
        if (reason := status.empty_reason()) is not None:
            index["reason"] = reason
        if status.last_ingest is not None:
            index["last_ingest"] = {
                "finished_at": status.last_ingest.get("finished_at"),
                "failed": len(status.failed_files),
                "failed_files": [f.get("path", "") for f in status.failed_files],
            }
        return JSONResponse(
            status_code=200 if ready else 503, content={"ready": ready, "checks": checks, "index": index}
        )

    # --- answers -------------------------------------------------------------------------------------

    @app.post("/v1/ask", tags=["answers"], responses=_responses(400, 401, 422, 503))
    async def ask(body: AskRequest, key: Caller) -> dict[str, Any]:
        """A grounded answer with verified citations (the answer JSON contract); logged in the audit log."""
        answer: Answer = await call(svc().ask, body.question, asker_of(key), body.conversation_id, body.doc_types)
        return answer.model_dump(mode="json", exclude={"retrieved_chunk_ids"})

    @app.post("/v1/feedback", tags=["answers"], status_code=201, responses=_responses(400, 401, 404, 422, 503))
    async def feedback(body: FeedbackRequest, key: Caller) -> dict[str, str]:
        """Record whether an earlier answer helped; stored against the interaction in the audit log."""
        await call(svc().feedback, body.interaction_id, body.helpful, body.comment, key.name)
        return {"status": "recorded", "interaction_id": body.interaction_id}

    # --- catalog -------------------------------------------------------------------------------------

    @app.get("/v1/clauses", tags=["catalog"], responses=_responses(401, 404, 422, 503))
    async def clauses(key: Caller, scope: str = Query("all", max_length=100)) -> list[ClauseSummary]:
        """The catalog's clauses and Annex A objectives/controls (``scope``: all, clauses, annex-a, a prefix)."""
        catalog = svc().catalog
        ids = set(scope_ids(scope))
        return [ClauseSummary(id=e.id, title=e.title, kind=e.kind, parent=e.parent) for e in catalog
                if e.id in ids]

    @app.get("/v1/clauses/{clause_id}", tags=["catalog"], responses={
        **_responses(401, 422, 503),
        404: {"model": ClauseNotFound, "description": "Unknown clause or control id; `suggestions` are the nearest."},
    })
    async def clause(clause_id: str, key: Caller) -> Any:
        """A catalog entry (own words) and the organization's evidence for it that the caller may read."""
        view = await call(svc().clause, clause_id, asker_of(key))
        if view is None:
            suggestions = svc().suggest_ids(clause_id)
            hint = f" (nearest: {', '.join(suggestions)})" if suggestions else ""
            return JSONResponse(
                status_code=404,
                content={"detail": f"unknown clause or control id {clause_id!r}{hint}", "suggestions": suggestions},
            )
        return ClauseDetail(entry=view.entry, evidence=view.evidence)

    # --- gaps, checklists, drafts --------------------------------------------------------------------

    @app.post("/v1/gaps", tags=["reports"], responses=_responses(400, 401, 404, 422, 503))
    async def gaps_json(key: Caller, body: GapsRequest | None = None) -> GapReport:
        """Gap analysis over a scope, as JSON."""
        scope = body.scope if body else "all"
        scope_ids(scope)
        report: GapReport = await call(svc().gaps, scope, asker_of(key))
        return report

    @app.get("/v1/gaps", tags=["reports"], response_model=GapReport, responses={
        **_downloads("text/csv", "text/markdown"), **_responses(401, 404, 422, 503)})
    async def gaps_download(
        key: Caller,
        scope: str = Query("all", max_length=100),
        format: Literal["json", "csv", "md"] = Query("json"),
    ) -> Any:
        """Gap analysis as JSON, or a CSV / Markdown download."""
        scope_ids(scope)
        report: GapReport = await call(svc().gaps, scope, asker_of(key))
        name = f"gaps-{_slug(scope)}"
        if format == "csv":
            return _download(render.gaps_to_csv(report), "text/csv; charset=utf-8", f"{name}.csv")
        if format == "md":
            return _download(render.gaps_to_markdown(report), "text/markdown; charset=utf-8", f"{name}.md")
        return report

    @app.post("/v1/checklists", tags=["reports"], response_model=Checklist, responses={
        **_downloads("text/csv", "text/markdown", XLSX_MEDIA), **_responses(400, 401, 404, 422, 503)})
    async def checklists(
        body: TargetRequest, key: Caller, format: Literal["json", "csv", "md", "xlsx"] = Query("json")
    ) -> Any:
        """An audit checklist for clause/control ids or a topic; ``format`` csv, md or xlsx downloads a file."""
        checklist: Checklist = await call(svc().checklist, body.target(), asker_of(key))
        name = f"checklist-{_slug(' '.join(checklist.clauses))}"
        if format == "csv":
            return _download(checklist_render.to_csv(checklist), "text/csv; charset=utf-8", f"{name}.csv")
        if format == "md":
            return _download(checklist_render.to_markdown(checklist), "text/markdown; charset=utf-8", f"{name}.md")
        if format == "xlsx":
            xlsx = await run_in_threadpool(checklist_render.to_xlsx, checklist)
            return _download(xlsx, XLSX_MEDIA, f"{name}.xlsx")
        return checklist

    @app.post("/v1/policy-drafts", tags=["reports"], response_model=PolicyDraft, responses={
        **_downloads("text/markdown"), **_responses(400, 401, 404, 422, 503)})
    async def policy_drafts(body: TargetRequest, key: Caller, format: Literal["json", "md"] = Query("json")) -> Any:
        """A Markdown policy skeleton for a topic or ids, citing what the documents already say."""
        target = body.target()
        text = target if isinstance(target, str) else " ".join(target)
        draft: PolicyDraft = await call(svc().draft_policy, text, asker_of(key))
        if format == "md":
            return PlainTextResponse(draft.markdown, media_type="text/markdown; charset=utf-8")
        return draft

    # --- documents -----------------------------------------------------------------------------------

    @app.get("/v1/documents", tags=["documents"], responses=_responses(401, 503))
    async def documents(key: Caller) -> dict[str, list[dict[str, Any]]]:
        """Metadata of the documents the caller may read."""
        docs: list[dict[str, Any]] = await call(svc().documents, asker_of(key))
        # Where files sit on the server is nobody's business but the operator's.
        return {"documents": [{k: v for k, v in d.items() if k not in _SERVER_ONLY_FIELDS} for d in docs]}

    @app.post("/v1/documents", tags=["documents"], status_code=201,
              responses=_responses(400, 401, 403, 409, 413, 415, 422, 503))
    async def upload(
        request: Request,
        key: Caller,
        file: Annotated[UploadFile, File(description="The document (md, txt, pdf, docx, html, csv, xlsx).")],
        title: Annotated[str | None, Form(max_length=300)] = None,
        doc_type: Annotated[str | None, Form(max_length=60)] = None,
        owner: Annotated[str | None, Form(max_length=200)] = None,
        version: Annotated[str | None, Form(max_length=60)] = None,
        effective_date: Annotated[str | None, Form(max_length=10)] = None,
        classification: Annotated[str | None, Form(max_length=20)] = None,
        status: Annotated[str | None, Form(max_length=20)] = None,
    ) -> dict[str, Any]:
        """Upload one document: stored under the data dir's uploads folder and ingested with its metadata."""
        require(key, "upload")
        settings = state.settings
        limit = int(settings.max_upload_mb * 1024 * 1024)
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
            raise HTTPException(413, f"upload larger than the {settings.max_upload_mb:g} MB limit")
        try:
            name = sanitize_filename(file.filename or "")
        except ValueError as exc:
            raise HTTPException(400, f"file: {exc}") from exc
        ext = Path(name).suffix.lower()
        if ext not in ALLOWED_EXTENSIONS:
            allowed_list = ", ".join(sorted(ALLOWED_EXTENSIONS))
            raise HTTPException(415, f"file {name!r}: type {ext or '(none)'} not accepted (allowed: {allowed_list})")
        values = {"title": title, "doc_type": doc_type, "owner": owner, "version": version,
                  "effective_date": effective_date, "classification": classification, "status": status}
        overrides = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
        asker = asker_of(key)
        service = svc()
        clearance = service.clearance(asker)
        validate_overrides(overrides)  # a bad value fails here, before anything is stored
        if "classification" in overrides:
            level = overrides["classification"]
            if level not in CLASSIFICATION_ORDER:
                raise HTTPException(400, f"classification: {level!r} is not one of {', '.join(CLASSIFICATION_ORDER)}")
            if level not in clearance:
                raise HTTPException(403, f"classification: role '{key.role}' may not upload {level} documents")
        uploads = state.uploads
        target = uploads.path_for(name)
        root = settings.data_dir
        doc_id = uploads.doc_id_for(name)
        content = await _read_limited(file, limit, name)
        if not content:
            raise HTTPException(400, f"file {name!r} is empty")

        def check_name(indexed: Mapping[str, str]) -> None:
            # Taken means: indexed, and not readable by this caller. A file without an index entry is
            # the leftover of an upload that never finished; it does not hold the name.
            if doc_id in indexed and doc_id not in {d.get("doc_id") for d in service.documents(asker)}:
                raise HTTPException(409, f"file name {name!r} is taken; choose another name")

        def refusal(failed: Sequence[Any]) -> HTTPException:
            reasons = "; ".join(f.error for f in failed)
            if any(f.forbidden for f in failed):
                return HTTPException(403, f"file {name!r}: {reasons}; role '{key.role}' may not upload such documents")
            if any(f.limit for f in failed):
                # Over a size limit (CLAUSEWISE_MAX_ROWS, ..._PAGES, ...): the reason names the limit.
                return HTTPException(413, f"file {name!r} is too large to ingest: {reasons}")
            return HTTPException(422, f"file {name!r} could not be ingested: {reasons}")

        def progress(event: Any) -> None:
            logger.debug("upload %s: %d of %d chunks embedded", name, event.chunks_embedded, event.chunks_total)

        def store_and_ingest() -> Any:
            started = time.perf_counter()
            check_name(uploads.indexed())  # cheap, and checked again under the lock
            # The expensive part (read, load, chunk, embed) holds no lock, so other uploads and asks proceed
            # meanwhile. The classification the document resolves to (front matter, sidecar, _meta.yaml,
            # properties, form) is checked here too: a refused file is never stored.
            preparation = service.prepare_files(
                [target], root, overrides, uploader=asker, contents={target: content}, progress=progress
            )
            if preparation.report.failed:
                raise refusal(preparation.report.failed)
            # The thread lock orders this worker's requests, the file lock those of every worker; both are held for
            # the writes only (the pipeline prepares the file again if its metadata sources changed meanwhile).
            with state.write_lock, uploads.lock():
                indexed = uploads.indexed()
                check_name(indexed)
                staged = uploads.stage(name, content, replaces_indexed=doc_id in indexed)
                try:
                    report = service.ingest_files([target], root, overrides, uploader=asker,
                                                  prepared=preparation.files)
                except BaseException:
                    staged.rollback()
                    raise
                if report.failed:
                    # A file that could not be ingested must not linger; the indexed version stays as it was.
                    staged.rollback()
                    raise refusal(report.failed)
                staged.commit()
            # The file's warnings are in the report either way (replayed from the preparation, or found again).
            report.seconds = round(time.perf_counter() - started, 3)
            return report

        report = _jsonable(await run_in_threadpool(store_and_ingest))
        # The full report also names server paths (its roots); the caller gets what concerns its upload.
        summary = {k: report.get(k) for k in _UPLOAD_REPORT_FIELDS if isinstance(report, dict) and k in report}
        return {"doc_id": doc_id, "filename": name, "report": summary}

    @app.delete("/v1/documents/{doc_id:path}", tags=["documents"], responses=_responses(401, 403, 404, 422, 503))
    async def delete_document(doc_id: str, key: Caller) -> dict[str, Any]:
        """Remove a document and its chunks from the index (and its uploaded file)."""
        require(key, "delete")
        asker = asker_of(key)
        service = svc()

        def remove() -> bool:
            with state.write_lock, state.uploads.lock():
                # A document the caller cannot read is reported exactly like one that does not exist.
                if doc_id not in {d.get("doc_id") for d in service.documents(asker)}:
                    return False
                removed = service.delete_document(doc_id)
                if removed:
                    state.uploads.remove(doc_id)
                return removed

        if not await run_in_threadpool(remove):
            raise HTTPException(404, f"no document {doc_id!r} that you can access")
        return {"doc_id": doc_id, "deleted": True}

    # --- Slack -----------------------------------------------------------------------------------------

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
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

    return app


async def _read_limited(file: UploadFile, limit: int, name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await file.read(_READ_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"file {name!r} is larger than the {limit // (1024 * 1024)} MB upload limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return _jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    return value
