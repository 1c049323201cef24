"""Web app over a TestClient: sign-in, sessions, CSRF, and what each role's pages show (real index, real service)."""

from __future__ import annotations

import re
import time
from html import unescape
from typing import Any

import pytest
from web_rig import ROLES, Web, csrf_of, sign_in

from assistant.models import Asker

PAGES = ["/coverage", "/controls/A.6.2.6", "/ask", "/documents", "/conflicts"]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- sign-in and sessions ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", [*PAGES, "/audit", "/documents/view/x.md", "/controls/A.6.2.6/checklist.csv"])
def test_pages_need_a_session(web: Web, path: str) -> None:
    r = web.client().get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_sign_in_cookie_is_signed_httponly_samesite_with_expiry(web: Web) -> None:
    client = web.client()
    r = sign_in(client, web.keys["staff"])
    assert r.status_code == 303 and r.headers["location"] == "/coverage"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("clausewise_session="))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=lax" in lowered and "path=/" in lowered
    assert f"max-age={int(web.settings.web_session_hours * 3600)}" in lowered
    # The key itself never goes into the cookie.
    assert web.keys["staff"] not in cookie
    assert client.get("/", follow_redirects=False).headers["location"] == "/coverage"


def test_bad_key_and_forged_or_missing_tokens_are_refused(web: Web) -> None:
    client = web.client()
    assert sign_in(client, "cwk_not-a-key").status_code == 401
    form = client.get("/login")
    r = client.post("/login", data={"api_key": web.keys["staff"], "csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403 and "clausewise_session" not in r.headers.get("set-cookie", "")
    # A form token from another client does not match this client's cookie.
    other = web.client().get("/login")
    r = client.post("/login", data={"api_key": web.keys["staff"], "csrf_token": csrf_of(other.text)},
                    follow_redirects=False)
    assert r.status_code == 403
    assert csrf_of(form.text)
    # A tampered session cookie is no session.
    client.cookies.set("clausewise_session", "eyJuIjoiYXVkaXRvci13ZWIifQ.forged.sig")
    assert client.get("/coverage", follow_redirects=False).status_code == 303


def test_next_is_never_an_open_redirect(web: Web) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        r = sign_in(web.client(), web.keys["staff"], next_=target)
        assert r.headers["location"] == "/coverage", target
    assert sign_in(web.client(), web.keys["staff"], next_="/documents").headers["location"] == "/documents"


def test_sign_out_revokes_the_session_even_for_a_copied_cookie(web: Web) -> None:
    client = web.client("compliance")
    stolen = client.cookies.get("clausewise_session")
    page = client.get("/documents")
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403  # no CSRF token
    r = client.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/documents", follow_redirects=False).status_code == 303
    thief = web.client()
    thief.cookies.set("clausewise_session", stolen)
    assert thief.get("/documents", follow_redirects=False).status_code == 303


def test_session_expires(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    client = web.client("staff")
    assert client.get("/documents", follow_redirects=False).status_code == 200
    later = time.time() + web.settings.web_session_hours * 3600 + 5
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert client.get("/documents", follow_redirects=False).status_code == 303


def test_revoked_key_ends_its_sessions(web: Web) -> None:
    from assistant.auth import create_key, revoke_key

    key = create_key(web.settings, "short-lived", "compliance")
    client = web.client()
    assert sign_in(client, key).status_code == 303
    assert client.get("/documents", follow_redirects=False).status_code == 200
    assert revoke_key(web.settings, "short-lived")
    assert client.get("/documents", follow_redirects=False).status_code == 303


# --- CSRF on every state-changing form ---------------------------------------------------------------

@pytest.mark.parametrize("path,data", [
    ("/ask", {"question": "How often is the AI policy reviewed?"}),
    ("/documents/delete", {"doc_id": "org/policies/ai_policy.md"}),
    ("/logout", {}),
])
@pytest.mark.parametrize("token", [None, "wrong"])
def test_posts_without_the_session_csrf_token_are_refused(web: Web, path: str, data: dict[str, str],
                                                          token: str | None) -> None:
    client = web.client("auditor")
    before = web.service.audit.count()
    body = dict(data, **({"csrf_token": token} if token else {}))
    r = client.post(path, data=body, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    assert web.service.audit.count() == before
    assert "org/policies/ai_policy.md" in {d["doc_id"] for d in web.service.documents(Asker(role="auditor"))}


def test_upload_without_csrf_token_is_refused(web: Web) -> None:
    client = web.client("compliance")
    r = client.post("/documents/upload", files={"file": ("csrf.md", b"# Note\nA note.", "text/markdown")},
                    follow_redirects=False)
    assert r.status_code == 403
    assert "uploads/csrf.md" not in {d["doc_id"] for d in web.service.documents(Asker(role="compliance"))}


# --- what each role sees -----------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role(web: Web, role: str) -> None:
    client = web.client(role)
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert f'data-role="{role}"' in r.text
    audit = client.get("/audit")
    assert audit.status_code == (200 if role == "auditor" else 403)
    assert ('href="/audit"' in client.get("/coverage").text) is (role == "auditor")
    export = client.get("/audit/export.csv")
    assert export.status_code == (200 if role == "auditor" else 403)


@pytest.mark.parametrize("role", ["staff", "compliance"])
def test_heat_map_has_every_entry_with_the_service_verdict(web: Web, role: str) -> None:
    html = web.client(role).get("/coverage").text
    cells = {m[0]: (m[1], m[2]) for m in re.findall(r'data-id="([^"]+)"\s+data-status="(\w+)"\s+data-stale="(\w+)"',
                                                     html)}
    report = web.service.gaps("all", Asker(role=role, channel="http"))
    assert set(cells) == {it.id for it in report.items}
    assert len([i for i in report.items if i.kind == "annex_a_control"]) == 38
    for it in report.items:
        assert cells[it.id] == (it.status, "true" if it.stale else "false"), it.id
    for status in ("covered", "partial", "missing"):
        assert f'data-count="{status}">{report.counts[status]}<' in html
    assert f'data-count="stale">{sum(i.stale for i in report.items)}<' in html


def test_heat_map_filters(web: Web) -> None:
    client = web.client("compliance")
    report = web.service.gaps("all", Asker(role="compliance", channel="http"))
    html = client.get("/coverage?scope=annex-a&status=missing").text
    shown = set(re.findall(r'class="cell s-\w+" href="/controls/([^"]+)"', html))
    expected = {i.id for i in report.items if i.id.startswith("A.") and i.status == "missing" and not i.stale
                and i.kind == "annex_a_control"}
    assert shown <= {i.id for i in report.items if i.id.startswith("A.")}
    assert expected <= shown | set(re.findall(r'class="cell head s-\w+" href="/controls/([^"]+)"', html))
    assert 'href="/controls/4"' not in html


def test_control_page_obligations_evidence_and_downloads(web: Web) -> None:
    client = web.client("compliance")
    view = web.service.clause("A.6.2.6", Asker(role="compliance", channel="http"))
    html = client.get("/controls/A.6.2.6").text
    text = _text(html)
    assert view.entry["summary"].split(".")[0] in text
    for c in view.evidence.citations:
        assert " ".join(c.quote.split()) in text
    for o in view.evidence.missing_obligations:
        assert o in text
    if view.evidence.missing_obligations:
        assert "No evidence" in text
    for rid in view.entry["related"]:
        assert f'href="/controls/{rid}"' in html
    csv_ = client.get("/controls/A.6.2.6/checklist.csv")
    assert csv_.status_code == 200 and csv_.text.startswith("id,clause_id,check")
    xlsx = client.get("/controls/A.6.2.6/checklist.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    md = client.get("/controls/A.6.2.6/checklist.md")
    assert md.status_code == 200 and "A.6.2.6" in md.text
    assert client.get("/controls/A.99.9").status_code == 404


def test_ask_follow_up_keeps_the_conversation_per_user(web: Web) -> None:
    client = web.client("compliance")
    csrf = csrf_of(client.get("/ask").text)
    r = client.post("/ask", data={"question": "How often is the AI policy reviewed?", "csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    conversation = re.search(r"c=([\w-]+)", r.headers["location"]).group(1)  # type: ignore[union-attr]
    first = client.get(f"/ask?c={conversation}").text
    assert first.count('class="turn"') == 1 and 'class="citation"' in first
    client.post("/ask", data={"question": "who approves it?", "csrf_token": csrf, "conversation_id": conversation})
    page = client.get(f"/ask?c={conversation}").text
    assert page.count('class="turn"') == 2
    # The service saw a follow-up in the same conversation (audit log: same id, channel, user).
    turns = web.service.audit.conversation(conversation, channel="http", user="compliance-web")
    assert [t.question for t in turns] == ["How often is the AI policy reviewed?", "who approves it?"]
    # Another user opening the same conversation id sees nothing of it.
    assert web.client("auditor").get(f"/ask?c={conversation}").text.count('class="turn"') == 0
    # Each numbered citation links to the viewer at its chunk, and the viewer highlights that quote.
    link = unescape(re.search(r'href="(/documents/view/[^"]+)" class="open-doc"', page).group(1))  # type: ignore[union-attr]
    viewer = client.get(link)
    assert viewer.status_code == 200
    quote = re.search(r'<mark id="hl">(.*?)</mark>', viewer.text, re.S)
    assert quote and " ".join(unescape(quote.group(1)).split())


def test_documents_page_columns_upload_and_delete_by_role(web: Web, restricted: dict[str, Any]) -> None:
    staff = web.client("staff").get("/documents").text
    assert 'id="upload-form"' not in staff and "/documents/delete" not in staff
    compliance = web.client("compliance")
    page = compliance.get("/documents").text
    assert 'id="upload-form"' in page and "Review due" in page and "Freshness" in page
    rows = web.service.documents(Asker(role="compliance"))
    assert page.count("<tr data-doc=") == len(rows)
    # The upload form offers only levels this role may create.
    form = page[page.index('id="upload-form"'):]
    assert "<option>confidential</option>" in form and "<option>restricted</option>" not in form
    csrf = csrf_of(page)
    r = compliance.post("/documents/upload", data={"csrf_token": csrf, "title": "Web upload note",
                                                   "doc_type": "record", "classification": "internal"},
                        files={"file": ("web-note.md", b"# Web note\nThe web upload note is kept for tests.\n",
                                        "text/markdown")}, follow_redirects=False)
    assert r.status_code == 303 and "flash=" in r.headers["location"], r.headers["location"]
    assert "Uploaded web-note.md" in compliance.get(r.headers["location"]).text
    # The message is signed for this session: a crafted or another session's link shows nothing.
    assert "Uploaded" not in web.client("compliance").get(r.headers["location"]).text
    assert "crafted" not in compliance.get("/documents?flash=crafted&message=crafted&error=crafted").text
    listed = {d["doc_id"]: d for d in web.service.documents(Asker(role="staff"))}
    doc_id = next(d for d, row in listed.items() if row["title"] == "Web upload note")
    # The API's rules: a classification above the role's clearance is refused with the reason shown.
    r = compliance.post("/documents/upload", data={"csrf_token": csrf, "classification": "restricted"},
                        files={"file": ("secret.md", b"# S\nText.\n", "text/markdown")})
    assert r.status_code == 200 and "may not upload restricted" in r.text, r.text[:300]
    # Staff may not delete; compliance may.
    staff_client = web.client("staff")
    staff_csrf = csrf_of(staff_client.get("/documents").text)
    r = staff_client.post("/documents/delete", data={"csrf_token": staff_csrf, "doc_id": doc_id})
    assert r.status_code == 403
    r = compliance.post("/documents/delete", data={"csrf_token": csrf, "doc_id": doc_id}, follow_redirects=False)
    assert r.status_code == 303
    assert doc_id not in {d["doc_id"] for d in web.service.documents(Asker(role="compliance"))}
    # Deleting a restricted document the role cannot read looks like deleting nothing.
    r = compliance.post("/documents/delete", data={"csrf_token": csrf, "doc_id": restricted["docs"][0]["doc_id"]})
    assert r.status_code == 404


def test_staff_never_sees_restricted_titles_quotes_or_counts(web: Web, restricted: dict[str, Any],
                                                              restricted_probes: tuple[list[str], list[str]]) -> None:
    questions, secret = restricted_probes
    assert restricted["titles"] and secret
    staff = web.client("staff")
    seen = []
    for path in [*PAGES, "/controls/9.2", "/controls/10.2", "/coverage/report.md"]:
        seen.append(staff.get(path).text)
    csrf = csrf_of(seen[0])
    for q in questions[:3]:
        r = staff.post("/ask", data={"question": q, "csrf_token": csrf})
        seen.append(r.text)
    for doc in restricted["docs"]:
        view = staff.get(f"/documents/view/{doc['doc_id']}")
        assert view.status_code == 404
        unknown = staff.get("/documents/view/no/such/file.md")
        assert view.text.replace(doc["doc_id"], "") == unknown.text.replace("no/such/file.md", "")
        seen.append(view.text)
    blob = _text(" ".join(seen))
    for q in questions[:3]:
        # Some probes are restricted sentences themselves; the page repeats what the user typed, nothing more.
        blob = blob.replace(f"You: {' '.join(q.split())}", "")
    for title in restricted["titles"]:
        assert title not in blob
    for doc in restricted["docs"]:
        assert doc["doc_id"] not in blob
    for sentence in secret:
        assert sentence not in blob
    # Counts: the documents page lists only readable rows.
    assert seen[3].count("<tr data-doc=") == len(web.service.documents(Asker(role="staff")))


def test_viewer_highlights_only_a_verbatim_quote_of_that_chunk(web: Web) -> None:
    client = web.client("staff")
    doc = next(d for d in web.service.documents(Asker(role="staff")) if d["chunk_count"] > 1)
    view = web.service.document(doc["doc_id"], Asker(role="staff"))
    chunk = view.chunks[1]
    quote = chunk.text.strip().split("\n")[0][:80].strip()
    r = client.get(f"/documents/view/{doc['doc_id']}", params={"chunk": chunk.chunk_id, "q": quote})
    assert r.status_code == 200
    marked = re.search(r'<mark id="hl">(.*?)</mark>', r.text, re.S)
    assert marked and unescape(marked.group(1)) == quote
    # A passage that is not in the chunk is not "found": no highlight, and the page says so.
    r = client.get(f"/documents/view/{doc['doc_id']}", params={"chunk": chunk.chunk_id, "q": "not in this text"})
    assert '<mark id="hl">' not in r.text and 'id="not-found"' in r.text


def test_conflicts_page_cites_both_sides(web: Web) -> None:
    items = web.service.conflicts(Asker(role="compliance"))
    html = web.client("compliance").get("/conflicts").text
    assert html.count('class="conflict"') == len(items) > 0
    text = _text(html)
    for it in items:
        for side in (it.first, it.second):
            assert " ".join(side.citation.quote.split()) in text and side.citation.title in text


def test_audit_page_chain_status_and_export(web: Web) -> None:
    client = web.client("auditor")
    html = client.get("/audit").text
    result = web.service.audit.verify()
    assert f'data-ok="{"true" if result.ok else "false"}"' in html and f"{result.rows} rows" in html
    export = client.get("/audit/export.jsonl")
    assert export.status_code == 200 and len(export.text.splitlines()) == web.service.audit.count()


def test_swagger_docs_are_served_offline(web: Web) -> None:
    client = web.client()
    html = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/static/app.css").status_code == 200
