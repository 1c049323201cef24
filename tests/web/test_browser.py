"""The web app in a real headless Chromium (Debian's, driven by Playwright) against a real ``clausewise serve``.

One server for the module, on a free loopback port, over a private copy of the ingested sample index. Without
Chromium the module is skipped locally and fails in CI (``CI=true``), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_rig import live_server

from ingestion.settings import Settings

CHROMIUM = os.environ.get("CLAUSEWISE_CHROMIUM", "/usr/bin/chromium")
ROLES = ("staff", "compliance", "auditor")

if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium); CI must run them")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(clone_ingested: Callable[..., Settings]) -> Iterator[dict[str, Any]]:
    from assistant.auth import create_key

    settings = clone_ingested("browser")
    keys = {role: create_key(settings, f"{role}-browser", role) for role in ROLES}
    with live_server(settings.data_dir) as base:
        yield {"base": base, "keys": keys, "settings": settings}


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def _api(site: dict[str, Any], role: str, path: str) -> Any:
    r = httpx.get(site["base"] + path, headers={"Authorization": f"Bearer {site['keys'][role]}"}, timeout=120)
    assert r.status_code == 200, r.text
    return r.json()


def _signed_in(browser: Any, site: dict[str, Any], role: str) -> Any:
    page = browser.new_context().new_page()
    page.set_default_timeout(120_000)
    page.goto(site["base"] + "/")
    assert page.url.startswith(site["base"] + "/login")
    page.fill("#api_key", site["keys"][role])
    page.click("#login-form button[type=submit]")
    page.wait_for_url(site["base"] + "/coverage")
    assert page.get_attribute("#who", "data-role") == role
    return page


@pytest.mark.parametrize("role", ["staff", "auditor"])
def test_heat_map_shows_every_entry_with_the_api_verdict(browser: Any, site: dict[str, Any], role: str) -> None:
    page = _signed_in(browser, site, role)
    cells = page.eval_on_selector_all(
        "#heatmap [data-id]", "els => els.map(e => [e.dataset.id, e.dataset.status, e.dataset.stale])")
    report = _api(site, role, "/v1/gaps")  # the service's verdicts for this key (= clausewise gaps --role)
    assert sorted(c[0] for c in cells) == sorted(i["id"] for i in report["items"])
    shown = {c[0]: (c[1], c[2] == "true") for c in cells}
    assert shown == {i["id"]: (i["status"], i["stale"]) for i in report["items"]}
    assert sum(1 for i in report["items"] if i["kind"] == "annex_a_control") == 38
    # Every cell says its status in words (colour is never the only cue).
    labels = page.eval_on_selector_all("#heatmap .cell .st", "els => els.map(e => e.textContent.trim())")
    assert len(labels) == len(cells) and all(labels)
    page.context.close()


def test_control_page_shows_evidence(browser: Any, site: dict[str, Any]) -> None:
    report = _api(site, "compliance", "/v1/gaps")
    control = next(i["id"] for i in report["items"] if i["kind"] == "annex_a_control" and i["citations"])
    page = _signed_in(browser, site, "compliance")
    page.click(f'#heatmap a.cell[data-id="{control}"]')
    page.wait_for_selector("#control-title")
    assert page.url.endswith(f"/controls/{control}")
    detail = _api(site, "compliance", f"/v1/clauses/{control}")
    quotes = [" ".join(c["quote"].split()) for c in detail["evidence"]["citations"]]
    assert quotes
    shown = " ".join(page.inner_text("#citations").split())
    assert all(q in shown for q in quotes)
    assert page.locator("#checklist-downloads a").count() == 3
    with page.expect_download() as download:
        page.click('#checklist-downloads a[href$=".xlsx"]')
    assert download.value.suggested_filename.endswith(".xlsx")
    page.context.close()


def test_ask_round_trip_with_citations_and_the_viewer_highlights_the_quote(browser: Any, site: dict[str, Any]) -> None:
    page = _signed_in(browser, site, "compliance")
    page.goto(site["base"] + "/ask")
    page.fill("#question", "How often is the AI policy reviewed?")
    page.click("#ask-button")
    page.wait_for_selector("article.turn .sources li")
    assert page.locator("article.turn").count() == 1
    assert page.locator("article.turn .answer-text a.cite").count() >= 1
    page.fill("#question", "And who approves it?")
    page.click("#ask-button")
    page.wait_for_selector("article.turn >> nth=1")
    assert page.locator("article.turn").count() == 2  # the follow-up stayed in the conversation
    first = page.locator("article.turn >> nth=0")
    quote = " ".join(first.locator(".sources li q").first.inner_text().split())
    first.locator(".sources li a.open-doc").first.click()
    page.wait_for_selector("mark#hl")
    assert " ".join(page.inner_text("mark#hl").split()) == quote
    assert page.evaluate("() => { const r = document.getElementById('hl').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    page.context.close()


def test_staff_cannot_reach_a_restricted_document_by_url(browser: Any, site: dict[str, Any]) -> None:
    docs = _api(site, "auditor", "/v1/documents")["documents"]
    secret = next(d for d in docs if d["classification"] == "restricted")
    page = _signed_in(browser, site, "staff")
    response = page.goto(f"{site['base']}/documents/view/{secret['doc_id']}")
    assert response is not None and response.status == 404
    assert secret["title"] not in page.content()
    page.goto(site["base"] + "/documents")
    assert secret["title"] not in page.content()
    assert page.locator("#upload-form").count() == 0
    page.context.close()


def test_post_without_csrf_token_is_refused(browser: Any, site: dict[str, Any]) -> None:
    page = _signed_in(browser, site, "auditor")
    # The session cookie goes along (same browser context); only the form's token is missing or wrong.
    for form in ({"question": "How often is the AI policy reviewed?"},
                 {"question": "How often is the AI policy reviewed?", "csrf_token": "guessed"}):
        r = page.request.post(site["base"] + "/ask", form=form, max_redirects=0)
        assert r.status == 403
    doc = _api(site, "auditor", "/v1/documents")["documents"][0]["doc_id"]
    r = page.request.post(site["base"] + "/documents/delete", form={"doc_id": doc}, max_redirects=0)
    assert r.status == 403
    assert doc in {d["doc_id"] for d in _api(site, "auditor", "/v1/documents")["documents"]}
    page.context.close()


def test_sign_out(browser: Any, site: dict[str, Any]) -> None:
    page = _signed_in(browser, site, "auditor")
    page.goto(site["base"] + "/audit")
    assert re.search(r"\d+ rows", page.inner_text("#chain-status"))
    cookies = page.context.cookies()
    session = next(c for c in cookies if c["name"] == "clausewise_session")
    assert session["httpOnly"] and session["sameSite"] == "Lax" and session["expires"] > 0
    page.click("#sign-out")
    page.wait_for_url(site["base"] + "/login")
    page.goto(site["base"] + "/audit")
    assert page.url.startswith(site["base"] + "/login")
    # The cookie from before sign-out, replayed in another browser, no longer opens anything.
    other = browser.new_context()
    other.add_cookies([session])
    replay = other.new_page()
    replay.goto(site["base"] + "/audit")
    assert replay.url.startswith(site["base"] + "/login")
    other.close()
    page.context.close()
