"""The JSON API (``/v1``) and the health checks: thin over ``ClausewiseService``.

Every ``/v1`` route needs ``Authorization: Bearer <key>``; the key's role decides what the caller may read
(clearance is enforced inside retrieval by the service) and whether it may upload or delete documents.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from assistant import checklist as checklist_render
from assistant import crosswalk_render, render
from assistant.crosswalk import CrosswalkView, FrameworkCoverage, UnknownRefError
from assistant.models import Answer, Checklist, GapItem, GapReport, PolicyDraft
from assistant.routers.deps import (
    XLSX_MEDIA,
    Caller,
    State,
    asker_of,
    call,
    download,
    scope_ids,
    service_of,
    slug,
)
from assistant.routers.documents import remove_document, upload_document
from ingestion.metadata import DOC_TYPES

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


class RefNotFound(BaseModel):
    """404 for a reference that names no framework requirement or 42001 id, with the nearest real ones."""

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


#: Media type of an OSCAL JSON document (the OSCAL project's ``application/oscal+json``).
OSCAL_MEDIA = "application/oscal+json"


def _with_oscal(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """``responses`` whose 200 also offers the OSCAL assessment-results (``format=oscal``)."""
    responses[200]["content"][OSCAL_MEDIA] = {"schema": {
        "type": "object", "required": ["assessment-results"],
        "description": "OSCAL 1.1 assessment-results (https://pages.nist.gov/OSCAL/)"}}  # fmt: skip
    return responses


@router.get("/v1/gaps", tags=["reports"], response_model=GapReport, responses={
    **_with_oscal(_downloads("text/csv", "text/markdown")), **_responses(401, 404, 422, 503)})
async def gaps_download(
    key: Caller,
    state: State,
    scope: str = Query("all", max_length=100),
    format: Literal["json", "csv", "md", "oscal"] = Query("json"),
) -> Any:
    """Gap analysis as JSON, or a CSV / Markdown download; ``format=oscal``: OSCAL 1.1 assessment-results (JSON)."""
    scope_ids(service_of(state), scope)
    report: GapReport = await call(service_of(state).gaps, scope, asker_of(key))
    name = f"gaps-{slug(scope)}"
    if format == "oscal":
        from assistant.oscal import assessment_results_json

        return download(assessment_results_json(report), OSCAL_MEDIA, f"{name}.oscal.json")
    if format == "csv":
        return download(render.gaps_to_csv(report), "text/csv; charset=utf-8", f"{name}.csv")
    if format == "md":
        return download(render.gaps_to_markdown(report), "text/markdown; charset=utf-8", f"{name}.md")
    return report


@router.get("/v1/oscal/catalog", tags=["catalog"], response_model=None, responses={
    200: {"content": {OSCAL_MEDIA: {"schema": {"type": "object", "required": ["catalog"],
                                               "description": "OSCAL 1.1 catalog (https://pages.nist.gov/OSCAL/)"}}}},
    **_responses(401, 503)})  # fmt: skip
async def oscal_catalog(key: Caller, state: State) -> Any:
    """The clause catalog as an OSCAL 1.1 catalog (our summaries; what `clausewise export oscal-catalog` writes)."""
    from assistant.oscal import catalog_json

    return download(catalog_json(service_of(state).catalog), OSCAL_MEDIA, "clausewise-catalog.oscal.json")


# --- crosswalks ------------------------------------------------------------------------------------

@router.get("/v1/crosswalk", tags=["crosswalks"], response_model=CrosswalkView, responses={
    **_responses(401, 422, 503),
    404: {"model": RefNotFound, "description": "The ref names nothing; `suggestions` are the nearest refs."},
})
async def crosswalk(
    key: Caller,
    state: State,
    ref: str = Query(min_length=1, max_length=200, pattern=_NON_BLANK,
                     examples=["GOVERN 1.1", "Art. 9", "A.6.2.4"]),
) -> Any:
    """A NIST AI RMF subcategory, EU AI Act article or 42001 id across the crosswalks, with the coverage derived
    from the caller's 42001 verdicts (weakest link over the mapped ids) and their evidence."""
    try:
        view: CrosswalkView = await call(service_of(state).crosswalk, ref, asker_of(key))
    except UnknownRefError as exc:
        return JSONResponse(status_code=404, content={"detail": exc.message, "suggestions": exc.suggestions})
    return view


@router.get("/v1/frameworks/{framework}/coverage", tags=["crosswalks"], response_model=FrameworkCoverage,
            responses={**_downloads("text/csv", "text/markdown"), **_responses(401, 404, 422, 503)})
async def framework_coverage(
    framework: Literal["nist-ai-rmf", "eu-ai-act"], key: Caller, state: State,
    format: Literal["json", "csv", "md"] = Query("json"),
) -> Any:
    """Every requirement of a framework with its coverage derived from the caller's 42001 gap report (the
    weakest verdict of its mapped ids, the mapping shown); ``format`` csv or md downloads a file."""
    coverage: FrameworkCoverage = await call(service_of(state).framework_coverage, framework, asker_of(key))
    name = f"coverage-{framework}"
    if format == "csv":
        return download(crosswalk_render.coverage_to_csv(coverage), "text/csv; charset=utf-8", f"{name}.csv")
    if format == "md":
        return download(crosswalk_render.coverage_to_markdown(coverage), "text/markdown; charset=utf-8", f"{name}.md")
    return coverage


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
    values = {"title": title, "doc_type": doc_type, "owner": owner, "version": version,
              "effective_date": effective_date, "classification": classification, "status": status}
    return await upload_document(state, key, file, values, request.headers.get("content-length"))


@router.delete("/v1/documents/{doc_id:path}", tags=["documents"], responses=_responses(401, 403, 404, 422, 503))
async def delete_document(doc_id: str, key: Caller, state: State) -> dict[str, Any]:
    """Remove a document and its chunks from the index (and its uploaded file)."""
    if not await run_in_threadpool(remove_document, state, key, doc_id):
        raise HTTPException(404, f"no document {doc_id!r} that you can access")
    return {"doc_id": doc_id, "deleted": True}
