"""The web app: server-rendered pages (Jinja2) over ``ClausewiseService``, signed in with an API key.

Every page builds the signed-in key's ``Asker`` and calls the same service methods as the JSON API, so a page
shows exactly what ``/v1`` would return to that key: the clearance is applied inside the service, never here.
State-changing forms (sign-in, sign-out, ask, upload, delete) carry a CSRF token; a POST without the right one is
refused with 403. None of these routes is part of the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterator, Mapping
from typing import Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from assistant import checklist as checklist_render
from assistant import render
from assistant.auth import allowed
from assistant.models import Answer, Asker, Citation, GapReport
from assistant.routers.deps import XLSX_MEDIA, AppState, app_state, asker_of, download, logger, service_of, slug
from assistant.routers.documents import remove_document, upload_document
from assistant.web import TEMPLATES_DIR
from assistant.web.conversations import ConversationStore, new_conversation_id, valid_conversation_id
from assistant.web.session import COOKIE_NAME, LOGIN_COOKIE_NAME, SessionStore, WebSession, csrf_ok
from ingestion.metadata import DOC_TYPES
from ingestion.settings import CLASSIFICATION_ORDER

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

#: Heat-map statuses; "stale" is a covered/partial entry whose only evidence is past its review date.
STATUSES = ("covered", "partial", "missing", "stale")
SCOPES = {"all": "Everything", "clauses": "Clauses 4–10", "annex-a": "Annex A"}
_CITE_MARK = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


class WebState:
    """What the pages keep per worker: sessions, conversations, and gap reports for the current index state."""

    def __init__(self, state: AppState) -> None:
        """Web state over the worker's ``AppState``."""
        self.sessions = SessionStore(state.settings)
        self.conversations = ConversationStore(state.settings)
        self._lock = threading.Lock()
        self._gaps: dict[tuple[Any, ...], GapReport] = {}

    def gaps(self, state: AppState, asker: Asker) -> GapReport:
        """``service.gaps("all", asker)``, reused while the index, the clearance and the date are unchanged."""
        from assistant.freshness import today
        from ingestion.manifest import read_generation

        service = service_of(state)
        key = (tuple(service.clearance(asker)), asker.role, read_generation(state.settings),
               service.retriever.lexical_stamp(), today(state.settings))  # fmt: skip
        with self._lock:
            cached = self._gaps.get(key)
        if cached is not None:
            return cached
        report = service.gaps("all", asker)
        with self._lock:
            self._gaps = {k: v for k, v in self._gaps.items() if k[2:] == key[2:]}
            self._gaps[key] = report
        return report


_web_lock = threading.Lock()


def web_state(state: AppState) -> WebState:
    """The worker's web state, made on first use."""
    with _web_lock:
        existing = getattr(state, "web", None)
        if existing is None:
            existing = WebState(state)
            state.web = existing  # type: ignore[attr-defined]
        return existing


# --- rendering helpers ----------------------------------------------------------------------------

def viewer_url(c: Citation) -> str:
    """Where a citation opens: the document viewer at the cited chunk, the quote highlighted."""
    return f"/documents/view/{quote(c.doc_id)}?" + urlencode({"chunk": c.chunk_id, "q": c.quote}) + "#hl"


def answer_html(answer: Answer, turn: int) -> Markup:
    """The answer text, escaped, with ``**bold**`` and ``[n]`` markers linked to its numbered citations."""
    known = {c.n for c in answer.citations}
    out: list[str] = []
    for para in answer.answer.strip().split("\n"):
        text = str(escape(para))
        text = _BOLD.sub(r"<strong>\1</strong>", text)

        def link(m: re.Match[str]) -> str:
            n = int(m.group(1))
            if n not in known:
                return m.group(0)
            return f'<a class="cite" href="#t{turn}-c{n}" aria-label="citation {n}">[{n}]</a>'

        out.append(_CITE_MARK.sub(link, text))
    return Markup("<br>".join(out))  # every piece was escaped above




def _render(request: Request, name: str, session: WebSession | None, status_code: int = 200,
            **context: Any) -> HTMLResponse:
    role = session.key.role if session else None
    nav = {
        "user": session.key.name if session else None,
        "role": role,
        "csrf": session.csrf if session else "",
        "is_auditor": role == "auditor",
        "active": context.pop("active", ""),
    }
    return templates.TemplateResponse(request, name, {"nav": nav, **context}, status_code=status_code)


def _error(request: Request, session: WebSession | None, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", session, status_code=status, status=status, message=message)


def _safe_next(value: str | None) -> str:
    # Only a path on this site: "//evil.example" or "https://…" would make sign-in an open redirect.
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/coverage"


def _session(request: Request) -> WebSession | None:
    return web_state(app_state(request)).sessions.read(request.cookies.get(COOKIE_NAME))


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


def _service_error(request: Request, session: WebSession, exc: Exception) -> HTMLResponse:
    from assistant.service import IndexEmptyError

    if isinstance(exc, IndexEmptyError):
        return _error(request, session, 503, str(exc))
    if isinstance(exc, HTTPException):
        return _error(request, session, exc.status_code, str(exc.detail))
    if isinstance(exc, LookupError | ValueError):
        return _error(request, session, 404 if isinstance(exc, LookupError) else 400,
                      str(exc.args[0] if exc.args else exc))
    logger.exception("web page failed", exc_info=exc)
    return _error(request, session, 500, "internal error; see the server log")


# --- sign-in ---------------------------------------------------------------------------------------

@router.get("/", response_model=None)
async def home(request: Request) -> Response:
    """The coverage page when signed in, else the sign-in form."""
    return RedirectResponse("/coverage" if _session(request) else "/login", status_code=303)


def _login_page(request: Request, message: str = "", status_code: int = 200, next_: str = "/coverage") -> Response:
    cookie, token = web_state(app_state(request)).sessions.login_token()
    response = _render(request, "login.html", None, status_code=status_code, login_csrf=token, message=message,
                       next=_safe_next(next_))
    response.set_cookie(LOGIN_COOKIE_NAME, cookie, max_age=3600, httponly=True, samesite="strict",
                        secure=app_state(request).settings.web_cookie_secure, path="/login")
    return response


@router.get("/login", response_model=None)
async def login_form(request: Request, next: str = "/coverage") -> Response:
    """The sign-in form: paste an API key."""
    if _session(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, next_=next)


@router.post("/login", response_model=None)
async def login(
    request: Request,
    api_key: str = Form("", max_length=200),
    csrf_token: str = Form("", max_length=200),
    next: str = Form("/coverage", max_length=500),
) -> Response:
    """Check the key; on success set the signed session cookie and go on."""
    state = app_state(request)
    web = web_state(state)
    if not web.sessions.login_token_ok(request.cookies.get(LOGIN_COOKIE_NAME), csrf_token):
        return _login_page(request, "The sign-in form expired or was not sent by this site; please try again.",
                           403, next)
    key = state.keys.authenticate(api_key.strip())
    if key is None:
        return _login_page(request, "That API key is not valid.", 401, next)
    cookie, _ = web.sessions.issue(key)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE_NAME, cookie, max_age=web.sessions.max_age, httponly=True, samesite="lax",
                        secure=state.settings.web_cookie_secure, path="/")
    response.delete_cookie(LOGIN_COOKIE_NAME, path="/login")
    return response


@router.post("/logout", response_model=None)
async def logout(request: Request, csrf_token: str = Form("", max_length=200)) -> Response:
    """Sign out: the session is revoked (a copied cookie stops working too) and the cookie removed."""
    session = _session(request)
    if session is None:
        return RedirectResponse("/login", status_code=303)
    if not csrf_ok(session, csrf_token):
        return _error(request, session, 403, "missing or wrong CSRF token: reload the page and try again")
    await run_in_threadpool(web_state(app_state(request)).sessions.revoke, session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


# --- coverage --------------------------------------------------------------------------------------

def _display_status(item: Any) -> str:
    return "stale" if item.stale else str(item.status)


def _heatmap(report: GapReport, catalog: Any, scope: str, wanted: str) -> list[dict[str, Any]]:
    """A row per top-level entry (clauses 4–10, Annex A objectives A.2–A.10), its descendants as the cells."""
    items = {it.id: it for it in report.items}
    groups: list[dict[str, Any]] = []
    for entry in catalog:
        if entry.parent is not None or entry.id not in items:
            continue
        is_annex = entry.kind != "clause"
        if (scope == "clauses" and is_annex) or (scope == "annex-a" and not is_annex):
            continue
        cells = [items[d.id] for d in catalog.descendants(entry.id) if d.id in items]
        shown = [c for c in cells if wanted == "all" or _display_status(c) == wanted]
        groups.append({"head": items[entry.id], "annex": is_annex, "cells": cells, "shown": shown})
    return groups


templates.env.globals.update(viewer_url=viewer_url, answer_html=answer_html, display_status=_display_status)


@router.get("/coverage", response_model=None)
async def coverage(request: Request, scope: str = "all", status: str = "all") -> Response:
    """The heat map: every clause (4–10) and Annex A control with its verdict for this key's role."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    scope = scope if scope in SCOPES else "all"
    status = status if status in (*STATUSES, "all") else "all"
    state = app_state(request)
    try:
        report = await run_in_threadpool(web_state(state).gaps, state, asker_of(session.key))
    except Exception as exc:
        return _service_error(request, session, exc)
    catalog = service_of(state).catalog
    groups = _heatmap(report, catalog, scope, status)
    in_scope = [c for g in groups for c in [g["head"], *g["cells"]]]
    counts = {s: sum(1 for c in in_scope if c.status == s) for s in ("covered", "partial", "missing")}
    counts["stale"] = sum(1 for c in in_scope if c.stale)
    return _render(request, "coverage.html", session, active="coverage", groups=groups, counts=counts,
                   total=len(in_scope), scope=scope, status=status, scopes=SCOPES, statuses=STATUSES,
                   role=session.key.role)


@router.get("/coverage/report.{fmt}", response_model=None)
async def coverage_report(request: Request, fmt: str) -> Response:
    """The gap report behind the heat map as CSV or Markdown (``clausewise gaps --format csv|md``)."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    if fmt not in ("csv", "md"):
        return _error(request, session, 404, f"no report format {fmt!r} (csv or md)")
    state = app_state(request)
    try:
        report = await run_in_threadpool(web_state(state).gaps, state, asker_of(session.key))
    except Exception as exc:
        return _service_error(request, session, exc)
    if fmt == "csv":
        return download(render.gaps_to_csv(report), "text/csv; charset=utf-8", "gaps-all.csv")
    return download(render.gaps_to_markdown(report), "text/markdown; charset=utf-8", "gaps-all.md")


# --- control ---------------------------------------------------------------------------------------

@router.get("/controls/{clause_id}", response_model=None)
async def control(request: Request, clause_id: str) -> Response:
    """One clause or control: our summary, each obligation with its evidence, what is missing, related ids."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    state = app_state(request)
    service = service_of(state)
    asker = asker_of(session.key)
    try:
        view = await run_in_threadpool(service.clause, clause_id, asker)
        if view is None:
            hint = ", ".join(service.suggest_ids(clause_id))
            return _error(request, session, 404, f"unknown clause or control id {clause_id!r}"
                          + (f" (nearest: {hint})" if hint else ""))
        checklist = await run_in_threadpool(service.checklist, [view.entry["id"]], asker)
    except Exception as exc:
        return _service_error(request, session, exc)
    related = [(r, service.catalog[r].title) for r in view.entry.get("related", []) if r in service.catalog]
    children = [(c.id, c.title) for c in service.catalog.children(view.entry["id"])]
    return _render(request, "control.html", session, active="coverage", entry=view.entry, item=view.evidence,
                   checklist=checklist, related=related, children=children)


@router.get("/controls/{clause_id}/checklist.{fmt}", response_model=None)
async def control_checklist(request: Request, clause_id: str, fmt: str) -> Response:
    """The control's audit checklist as CSV, XLSX or Markdown (the same rendering as the API and the CLI)."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    if fmt not in ("csv", "xlsx", "md"):
        return _error(request, session, 404, f"no checklist format {fmt!r} (csv, xlsx or md)")
    service = service_of(app_state(request))
    found = service.resolver.lookup(clause_id)
    if found is None:
        return _error(request, session, 404, f"unknown clause or control id {clause_id!r}")
    try:
        checklist = await run_in_threadpool(service.checklist, [found], asker_of(session.key))
    except Exception as exc:
        return _service_error(request, session, exc)
    name = f"checklist-{slug(found)}"
    if fmt == "csv":
        return download(checklist_render.to_csv(checklist), "text/csv; charset=utf-8", f"{name}.csv")
    if fmt == "md":
        return download(checklist_render.to_markdown(checklist), "text/markdown; charset=utf-8", f"{name}.md")
    return download(await run_in_threadpool(checklist_render.to_xlsx, checklist), XLSX_MEDIA, f"{name}.xlsx")


# --- ask -------------------------------------------------------------------------------------------

@router.get("/ask", response_model=None)
async def ask_page(request: Request, c: str | None = None) -> Response:
    """A conversation: earlier turns with their citations, and the question box."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    state = app_state(request)
    web = web_state(state)
    service = service_of(state)
    mine = set(service.clearance(asker_of(session.key)))

    def visible(role: str) -> bool:
        return set(service.clearance(Asker(role=role, channel="http"))) <= mine

    conversation = c if valid_conversation_id(c) else None
    turns = await run_in_threadpool(web.conversations.turns, conversation, session.key.name, visible) \
        if conversation else []
    recent = await run_in_threadpool(web.conversations.recent, session.key.name)
    return _render(request, "ask.html", session, active="ask", turns=turns, conversation_id=conversation or "",
                   recent=recent)


@router.post("/ask", response_model=None)
async def ask(
    request: Request,
    question: str = Form("", max_length=2000),
    conversation_id: str = Form("", max_length=64),
    csrf_token: str = Form("", max_length=200),
) -> Response:
    """Ask (a follow-up keeps the conversation's context); the answer is added to the conversation."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    if not csrf_ok(session, csrf_token):
        return _error(request, session, 403, "missing or wrong CSRF token: reload the page and try again")
    if not question.strip():
        return _error(request, session, 400, "question: must not be empty")
    state = app_state(request)
    conversation = conversation_id if valid_conversation_id(conversation_id) else new_conversation_id()
    asker = asker_of(session.key)
    try:
        answer: Answer = await run_in_threadpool(service_of(state).ask, question, asker, conversation)
    except Exception as exc:
        return _service_error(request, session, exc)
    seq = await run_in_threadpool(web_state(state).conversations.add, conversation, session.key.name,
                                  session.key.role, question.strip(), answer)
    return RedirectResponse(f"/ask?c={conversation}#t{seq}", status_code=303)


# --- documents -------------------------------------------------------------------------------------

def _failed_files(state: AppState) -> list[dict[str, str]]:
    status = service_of(state).index_status()
    root_free = []
    for f in status.failed_files:
        path = str(f.get("path", ""))
        # Only the file's name: where the operator keeps the corpus on the server is not the page's business.
        root_free.append({"name": re.split(r"[\\/]", path)[-1] or path, "error": str(f.get("error", ""))})
    return root_free


@router.get("/documents", response_model=None)
async def documents(request: Request, flash: str = "") -> Response:
    """Every document this key may read, with its metadata and freshness; upload and delete where allowed."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    state = app_state(request)
    service = service_of(state)
    asker = asker_of(session.key)
    try:
        rows = await run_in_threadpool(service.documents, asker)
        failed = await run_in_threadpool(_failed_files, state)
    except Exception as exc:
        return _service_error(request, session, exc)
    rows.sort(key=lambda d: (str(d.get("doc_type", "")), str(d.get("title", "")).lower()))
    note = web_state(state).sessions.read_flash(session, flash)
    message, error = (note[1], "") if note and note[0] == "ok" else ("", note[1] if note else "")
    may_upload = allowed(session.key.role, "upload")
    return _render(request, "documents.html", session, active="documents", rows=rows, failed=failed,
                   may_upload=may_upload, may_delete=allowed(session.key.role, "delete"),
                   # What the upload form offers: the levels this role may create, the known types.
                   levels=[c for c in CLASSIFICATION_ORDER if c in service.clearance(asker)],
                   doc_types=DOC_TYPES, statuses=("current", "draft", "superseded"),
                   message=message, error=error,
                   has_freshness=any("review_due" in d for d in rows))


def _back_to_documents(request: Request, session: WebSession, message: str = "", error: str = "") -> RedirectResponse:
    flash = web_state(app_state(request)).sessions.flash(session, "error" if error else "ok", error or message)
    return RedirectResponse("/documents?" + urlencode({"flash": flash}), status_code=303)


@router.post("/documents/upload", response_model=None)
async def upload(
    request: Request,
    file: UploadFile = File(...),
    csrf_token: str = Form("", max_length=200),
    title: str = Form("", max_length=300),
    doc_type: str = Form("", max_length=60),
    owner: str = Form("", max_length=200),
    version: str = Form("", max_length=60),
    effective_date: str = Form("", max_length=10),
    classification: str = Form("", max_length=20),
    status: str = Form("", max_length=20),
) -> Response:
    """Upload a document with the API's rules (role, classification, size, type, name)."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    if not csrf_ok(session, csrf_token):
        return _error(request, session, 403, "missing or wrong CSRF token: reload the page and try again")
    values: Mapping[str, str | None] = {
        "title": title, "doc_type": doc_type, "owner": owner, "version": version,
        "effective_date": effective_date, "classification": classification, "status": status,
    }
    try:
        result = await upload_document(app_state(request), session.key, file, values,
                                       request.headers.get("content-length"))
    except HTTPException as exc:
        if exc.status_code == 403 and not allowed(session.key.role, "upload"):
            return _error(request, session, 403, str(exc.detail))
        return _back_to_documents(request, session, error=f"Upload refused ({exc.status_code}): {exc.detail}")
    except ValueError as exc:
        return _back_to_documents(request, session, error=f"Upload refused (400): {exc}")
    return _back_to_documents(request, session, message=f"Uploaded {result['filename']} as {result['doc_id']}.")


@router.post("/documents/delete", response_model=None)
async def delete(
    request: Request, doc_id: str = Form("", max_length=500), csrf_token: str = Form("", max_length=200)
) -> Response:
    """Delete a document (compliance and auditor roles; only one the key may read)."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    if not csrf_ok(session, csrf_token):
        return _error(request, session, 403, "missing or wrong CSRF token: reload the page and try again")
    try:
        removed = await run_in_threadpool(remove_document, app_state(request), session.key, doc_id)
    except HTTPException as exc:
        return _error(request, session, exc.status_code, str(exc.detail))
    if not removed:
        return _error(request, session, 404, f"no document {doc_id!r} that you can access")
    return _back_to_documents(request, session, message=f"Deleted {doc_id}.")


def _highlight(text: str, needle: str) -> tuple[str, str, str] | None:
    """(before, quote, after) of the quote's first verbatim occurrence; whitespace may differ (line wraps)."""
    if not needle:
        return None
    at = text.find(needle)
    if at >= 0:
        return text[:at], text[at:at + len(needle)], text[at + len(needle):]
    words = needle.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if m is None:
        return None
    return text[:m.start()], m.group(0), text[m.end():]


@router.get("/documents/view/{doc_id:path}", response_model=None)
async def view_document(request: Request, doc_id: str, chunk: str = "", q: str = "") -> Response:
    """The document viewer: its stored text, the cited passage highlighted; 404 for a document the key may not read."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    service = service_of(app_state(request))
    try:
        view = await run_in_threadpool(service.document, doc_id, asker_of(session.key))
    except Exception as exc:
        return _service_error(request, session, exc)
    if view is None:
        # The same answer as for a document that does not exist: a title or an id is not confirmed.
        return _error(request, session, 404, "no document with that id that you can access")
    parts = []
    highlighted = False
    for c in view.chunks:
        found = _highlight(c.text, q[:5000]) if (q and c.chunk_id == chunk and not highlighted) else None
        highlighted = highlighted or found is not None
        parts.append({"chunk": c, "split": found})
    return _render(request, "viewer.html", session, active="documents", view=view, parts=parts,
                   highlighted=highlighted, wanted=bool(q))


# --- conflicts -------------------------------------------------------------------------------------

@router.get("/conflicts", response_model=None)
async def conflicts(request: Request) -> Response:
    """Contradictions between current documents this key may read, each side cited."""
    session = _session(request)
    if session is None:
        return _login_redirect(request)
    try:
        items = await run_in_threadpool(service_of(app_state(request)).conflicts, asker_of(session.key))
    except Exception as exc:
        return _service_error(request, session, exc)
    return _render(request, "conflicts.html", session, active="conflicts", items=items)


# --- audit -----------------------------------------------------------------------------------------

def _recent_interactions(state: AppState, limit: int = 50) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from assistant.audit import audit_rows

    audit = service_of(state).audit
    if audit is None:
        return []
    query = (select(audit_rows.c.ts, audit_rows.c.kind, audit_rows.c.channel, audit_rows.c.user, audit_rows.c.role,
                    audit_rows.c.question, audit_rows.c.intent, audit_rows.c.verdict, audit_rows.c.abstained,
                    audit_rows.c.cited, audit_rows.c.seq, audit_rows.c.interaction_id)
             .order_by(audit_rows.c.seq.desc()).limit(limit))
    with audit.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for r in rows:
        cited = json.loads(r.get("cited") or "[]")
        r["cited_docs"] = list(dict.fromkeys(str(c.get("doc_id", "")) for c in cited))
    return rows


def _auditor_only(request: Request) -> tuple[WebSession | None, Response | None]:
    session = _session(request)
    if session is None:
        return None, _login_redirect(request)
    if session.key.role != "auditor":
        return session, _error(request, session, 403, "the audit log is for the auditor role only")
    return session, None


@router.get("/audit", response_model=None)
async def audit(request: Request) -> Response:
    """Recent interactions from every channel and the chain's status (as ``clausewise audit verify``)."""
    session, refused = _auditor_only(request)
    if refused is not None or session is None:
        return refused or _login_redirect(request)
    state = app_state(request)
    log = service_of(state).audit
    if log is None:
        return _error(request, session, 404, "the audit log is disabled")
    result = await run_in_threadpool(log.verify)
    rows = await run_in_threadpool(_recent_interactions, state)
    return _render(request, "audit.html", session, active="audit", result=result, rows=rows)


@router.get("/audit/export.{fmt}", response_model=None)
async def audit_export(request: Request, fmt: str) -> Response:
    """The whole log as CSV or JSON Lines (as ``clausewise audit export``)."""
    session, refused = _auditor_only(request)
    if refused is not None or session is None:
        return refused or _login_redirect(request)
    if fmt not in ("csv", "jsonl"):
        return _error(request, session, 404, f"no export format {fmt!r} (csv or jsonl)")
    log = service_of(app_state(request)).audit
    if log is None:
        return _error(request, session, 404, "the audit log is disabled")
    kind: Literal["csv", "jsonl"] = "csv" if fmt == "csv" else "jsonl"
    lines: Iterator[str] = log.export(kind)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    media = "text/csv; charset=utf-8" if kind == "csv" else "application/x-ndjson"
    return StreamingResponse(lines, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.{fmt}"'})
