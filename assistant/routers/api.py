"""The JSON API (``/v1``) and the health checks: thin over ``ClausewiseService``.

Every ``/v1`` route needs ``Authorization: Bearer <key>``; the key's role decides what the caller may read
(clearance is enforced inside retrieval by the service) and whether it may upload or delete documents.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from assistant import checklist as checklist_render
from assistant import render
from assistant.models import Answer, Checklist, GapItem, GapReport, PolicyDraft
from assistant.routers.deps import (
    XLSX_MEDIA,
    Caller,
    State,
    asker_of,
    call,
    download,
    jsonable,
    logger,
    read_limited,
    require,
    sanitize_filename,
    scope_ids,
    service_of,
    slug,
)
from ingestion.loaders import SUPPORTED_EXTENSIONS
from ingestion.metadata import DOC_TYPES
from ingestion.pipeline import validate_overrides
from ingestion.settings import CLASSIFICATION_ORDER

#: File types the ingestion pipeline reads; anything else is refused before it is stored.
ALLOWED_EXTENSIONS: frozenset[str] = SUPPORTED_EXTENSIONS
#: Fields of the ingest report returned for an upload.
_UPLOAD_REPORT_FIELDS = ("new", "changed", "unchanged", "unclassified", "warnings", "chunks_written",
                         "chunks_deleted", "documents_total", "chunks_total", "seconds")
#: Document-list fields that reveal the server's file layout.
_SERVER_ONLY_FIELDS = frozenset({"root", "path"})

router = APIRouter()


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


# --- health ----------------------------------------------------------------------------------------

@router.get("/healthz", tags=["health"])
async def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", tags=["health"], response_model=None, responses={
    200: {"model": ReadyStatus, "description": "Ready."},
    503: {"model": ReadyStatus, "description": "Not ready: `checks` / `index` say why."},
})
async def readyz(state: State) -> JSONResponse:
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

@router.post("/v1/ask", tags=["answers"], responses=_responses(400, 401, 422, 503))
async def ask(body: AskRequest, key: Caller, state: State) -> dict[str, Any]:
    """A grounded answer with verified citations (the answer JSON contract); logged in the audit log."""
    answer: Answer = await call(
        service_of(state).ask, body.question, asker_of(key), body.conversation_id, body.doc_types
    )
    return answer.model_dump(mode="json", exclude={"retrieved_chunk_ids"})


@router.post("/v1/feedback", tags=["answers"], status_code=201, responses=_responses(400, 401, 404, 422, 503))
async def feedback(body: FeedbackRequest, key: Caller, state: State) -> dict[str, str]:
    """Record whether an earlier answer helped; stored against the interaction in the audit log."""
    await call(service_of(state).feedback, body.interaction_id, body.helpful, body.comment, key.name)
    return {"status": "recorded", "interaction_id": body.interaction_id}


# --- catalog -------------------------------------------------------------------------------------

@router.get("/v1/clauses", tags=["catalog"], responses=_responses(401, 404, 422, 503))
async def clauses(key: Caller, state: State, scope: str = Query("all", max_length=100)) -> list[ClauseSummary]:
    """The catalog's clauses and Annex A objectives/controls (``scope``: all, clauses, annex-a, a prefix)."""
    catalog = service_of(state).catalog
    ids = set(scope_ids(service_of(state), scope))
    return [ClauseSummary(id=e.id, title=e.title, kind=e.kind, parent=e.parent) for e in catalog
            if e.id in ids]


@router.get("/v1/clauses/{clause_id}", tags=["catalog"], responses={
    **_responses(401, 422, 503),
    404: {"model": ClauseNotFound, "description": "Unknown clause or control id; `suggestions` are the nearest."},
})
async def clause(clause_id: str, key: Caller, state: State) -> Any:
    """A catalog entry (own words) and the organization's evidence for it that the caller may read."""
    view = await call(service_of(state).clause, clause_id, asker_of(key))
    if view is None:
        suggestions = service_of(state).suggest_ids(clause_id)
        hint = f" (nearest: {', '.join(suggestions)})" if suggestions else ""
        return JSONResponse(
            status_code=404,
            content={"detail": f"unknown clause or control id {clause_id!r}{hint}", "suggestions": suggestions},
        )
    return ClauseDetail(entry=view.entry, evidence=view.evidence)


# --- gaps, checklists, drafts --------------------------------------------------------------------

@router.post("/v1/gaps", tags=["reports"], responses=_responses(400, 401, 404, 422, 503))
async def gaps_json(key: Caller, state: State, body: GapsRequest | None = None) -> GapReport:
    """Gap analysis over a scope, as JSON."""
    scope = body.scope if body else "all"
    scope_ids(service_of(state), scope)
    report: GapReport = await call(service_of(state).gaps, scope, asker_of(key))
    return report


@router.get("/v1/gaps", tags=["reports"], response_model=GapReport, responses={
    **_downloads("text/csv", "text/markdown"), **_responses(401, 404, 422, 503)})
async def gaps_download(
    key: Caller,
    state: State,
    scope: str = Query("all", max_length=100),
    format: Literal["json", "csv", "md"] = Query("json"),
) -> Any:
    """Gap analysis as JSON, or a CSV / Markdown download."""
    scope_ids(service_of(state), scope)
    report: GapReport = await call(service_of(state).gaps, scope, asker_of(key))
    name = f"gaps-{slug(scope)}"
    if format == "csv":
        return download(render.gaps_to_csv(report), "text/csv; charset=utf-8", f"{name}.csv")
    if format == "md":
        return download(render.gaps_to_markdown(report), "text/markdown; charset=utf-8", f"{name}.md")
    return report


@router.post("/v1/checklists", tags=["reports"], response_model=Checklist, responses={
    **_downloads("text/csv", "text/markdown", XLSX_MEDIA), **_responses(400, 401, 404, 422, 503)})
async def checklists(
    body: TargetRequest, key: Caller, state: State, format: Literal["json", "csv", "md", "xlsx"] = Query("json")
) -> Any:
    """An audit checklist for clause/control ids or a topic; ``format`` csv, md or xlsx downloads a file."""
    checklist: Checklist = await call(service_of(state).checklist, body.target(), asker_of(key))
    name = f"checklist-{slug(' '.join(checklist.clauses))}"
    if format == "csv":
        return download(checklist_render.to_csv(checklist), "text/csv; charset=utf-8", f"{name}.csv")
    if format == "md":
        return download(checklist_render.to_markdown(checklist), "text/markdown; charset=utf-8", f"{name}.md")
    if format == "xlsx":
        xlsx = await run_in_threadpool(checklist_render.to_xlsx, checklist)
        return download(xlsx, XLSX_MEDIA, f"{name}.xlsx")
    return checklist


@router.post("/v1/policy-drafts", tags=["reports"], response_model=PolicyDraft, responses={
    **_downloads("text/markdown"), **_responses(400, 401, 404, 422, 503)})
async def policy_drafts(
    body: TargetRequest, key: Caller, state: State, format: Literal["json", "md"] = Query("json")
) -> Any:
    """A Markdown policy skeleton for a topic or ids, citing what the documents already say."""
    target = body.target()
    text = target if isinstance(target, str) else " ".join(target)
    draft: PolicyDraft = await call(service_of(state).draft_policy, text, asker_of(key))
    if format == "md":
        return PlainTextResponse(draft.markdown, media_type="text/markdown; charset=utf-8")
    return draft


# --- documents -----------------------------------------------------------------------------------

@router.get("/v1/documents", tags=["documents"], responses=_responses(401, 503))
async def documents(key: Caller, state: State) -> dict[str, list[dict[str, Any]]]:
    """Metadata of the documents the caller may read."""
    docs: list[dict[str, Any]] = await call(service_of(state).documents, asker_of(key))
    # Where files sit on the server is nobody's business but the operator's.
    return {"documents": [{k: v for k, v in d.items() if k not in _SERVER_ONLY_FIELDS} for d in docs]}


@router.post("/v1/documents", tags=["documents"], status_code=201,
          responses=_responses(400, 401, 403, 409, 413, 415, 422, 503))
async def upload(
    request: Request,
    key: Caller,
    state: State,
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
    service = service_of(state)
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
    content = await read_limited(file, limit, name)
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

    report = jsonable(await run_in_threadpool(store_and_ingest))
    # The full report also names server paths (its roots); the caller gets what concerns its upload.
    summary = {k: report.get(k) for k in _UPLOAD_REPORT_FIELDS if isinstance(report, dict) and k in report}
    return {"doc_id": doc_id, "filename": name, "report": summary}


@router.delete("/v1/documents/{doc_id:path}", tags=["documents"], responses=_responses(401, 403, 404, 422, 503))
async def delete_document(doc_id: str, key: Caller, state: State) -> dict[str, Any]:
    """Remove a document and its chunks from the index (and its uploaded file)."""
    require(key, "delete")
    asker = asker_of(key)
    service = service_of(state)

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
