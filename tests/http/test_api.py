"""The HTTP API through TestClient on the real service over the ingested sample corpus."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

from api_rig import Api
from openpyxl import load_workbook

from assistant.audit import AuditLog

AUDIT_REPORT = "org/audit/internal_audit_report_2025.pdf"
CONTRACT_KEYS = {
    "answer", "intent", "verdict", "abstained", "clauses", "citations", "warnings", "answerer", "config_hash",
    "prompt_hash", "latency_ms",
}
CITATION_KEYS = {
    "n", "doc_id", "title", "doc_type", "source", "section", "page", "quote", "chunk_id", "classification",
    "effective_date", "status", "score",
}


def test_health_docs_and_auth_failures(api: Api) -> None:
    c = api.client
    assert c.get("/healthz").json() == {"status": "ok"}
    ready = c.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["ready"] is True
    assert ready.json()["checks"] == {"model": True, "store": True, "catalog": True, "index": True}
    assert ready.json()["index"]["documents"] > 0 and ready.json()["index"]["last_ingest"]["failed"] == 0
    assert c.get("/docs").status_code == 200
    paths = c.get("/openapi.json").json()["paths"]
    assert {"/v1/ask", "/v1/gaps", "/v1/checklists", "/v1/documents", "/v1/feedback"} <= set(paths)

    for path, method in (("/v1/ask", "post"), ("/v1/documents", "get"), ("/v1/clauses", "get"),
                         ("/v1/gaps", "get")):
        missing = c.request(method, path, json={"question": "x"})
        assert missing.status_code == 401 and "Bearer" in missing.json()["detail"]
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = c.request(method, path, json={"question": "x"}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["detail"] == "invalid API key"
    basic = c.get("/v1/documents", headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert basic.status_code == 401


def test_ask_returns_the_answer_contract_and_is_audited(api: Api) -> None:
    r = api.client.post("/v1/ask", json={"question": "How often is the AI policy reviewed?"},
                        headers=api.headers("staff"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= CONTRACT_KEYS
    assert body["citations"] and all(set(c) >= CITATION_KEYS for c in body["citations"])
    assert "org/policies/ai_policy.md" in {c["doc_id"] for c in body["citations"]}
    assert "12 months" in body["answer"]
    assert body["interaction_id"] and "retrieved_chunk_ids" not in body
    row = AuditLog.from_settings(api.settings).interaction(body["interaction_id"])
    assert row is not None
    assert (row["channel"], row["user"], row["role"]) == ("http", "staff-key", "staff")
    assert row["question"] == "How often is the AI policy reviewed?"
    assert [c["chunk_id"] for c in row["cited"]] == [c["chunk_id"] for c in body["citations"]]
    assert all(c["content_hash"] for c in row["cited"])

    follow = api.client.post("/v1/ask", json={"question": "And who approves it?", "conversation_id": "conv-42"},
                             headers=api.headers("staff")).json()
    assert follow["conversation_id"] == "conv-42"
    turns = AuditLog.from_settings(api.settings).conversation("conv-42", channel="http", user="staff-key")
    assert [t.question for t in turns] == ["And who approves it?"]

    bad = api.client.post("/v1/ask", json={"question": ""}, headers=api.headers("staff"))
    assert bad.status_code == 422
    assert api.client.post("/v1/ask", json={}, headers=api.headers("staff")).status_code == 422


def test_feedback_is_recorded(api: Api) -> None:
    answer = api.client.post("/v1/ask", json={"question": "Who approves the AI policy?"},
                             headers=api.headers("compliance")).json()
    r = api.client.post("/v1/feedback", json={"interaction_id": answer["interaction_id"], "helpful": False,
                                              "comment": "missing the board's name"},
                        headers=api.headers("compliance"))
    assert r.status_code == 201, r.text
    [fb] = AuditLog.from_settings(api.settings).feedback_for(answer["interaction_id"])
    assert fb["helpful"] is False and fb["user"] == "compliance-key" and fb["comment"] == "missing the board's name"
    unknown = api.client.post("/v1/feedback", json={"interaction_id": "f" * 32, "helpful": True},
                              headers=api.headers("compliance"))
    assert unknown.status_code == 404 and "f" * 32 in unknown.json()["detail"]


def test_staff_never_sees_the_restricted_audit_report(
    api: Api, restricted_probes: tuple[list[str], list[str]]
) -> None:
    # Questions worded like the report itself: an auditor finds it (the control), staff must get none of it.
    questions, secret_sentences = restricted_probes
    assert secret_sentences, "the restricted report should hold text found nowhere else"
    auditor_docs = {
        c["doc_id"]
        for q in questions
        for c in api.client.post("/v1/ask", json={"question": q}, headers=api.headers("auditor")).json()["citations"]
    }
    assert AUDIT_REPORT in auditor_docs

    outputs = []
    for q in questions:
        staff = api.client.post("/v1/ask", json={"question": q}, headers=api.headers("staff"))
        assert staff.status_code == 200
        assert all(c["classification"] in ("public", "internal") for c in staff.json()["citations"])
        # An abstention may echo the question (which quotes the report); the echo is not a leak.
        outputs.append(staff.json()["answer"].replace(q, "") + json.dumps(staff.json()["citations"]))
    docs = api.client.get("/v1/documents", headers=api.headers("staff")).json()["documents"]
    assert AUDIT_REPORT not in {d["doc_id"] for d in docs}
    assert AUDIT_REPORT in {d["doc_id"] for d in
                            api.client.get("/v1/documents", headers=api.headers("auditor")).json()["documents"]}
    outputs.append(json.dumps(docs))
    outputs.append(api.client.get("/v1/clauses/9.2", headers=api.headers("staff")).text)
    outputs.append(api.client.get("/v1/gaps", params={"scope": "9.2"}, headers=api.headers("staff")).text)
    outputs.append(api.client.post("/v1/checklists", json={"ids": ["9.2", "10.2"]},
                                   headers=api.headers("staff")).text)
    # Compliance may delete documents, but not one above its clearance: indistinguishable from a missing one.
    hidden = api.client.delete(f"/v1/documents/{AUDIT_REPORT}", headers=api.headers("compliance"))
    missing = api.client.delete("/v1/documents/org/nothing_here.pdf", headers=api.headers("compliance"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(AUDIT_REPORT, "X") == missing.json()["detail"].replace(
        "org/nothing_here.pdf", "X")
    blob = "\n".join(outputs)
    assert AUDIT_REPORT not in blob
    leaked = [s for s in secret_sentences if s in blob]
    assert not leaked, leaked[:3]


def test_clauses_endpoints(api: Api) -> None:
    h = api.headers("staff")
    listing = api.client.get("/v1/clauses", headers=h).json()
    ids = {e["id"] for e in listing}
    assert {"4", "6.1.4", "A.6.2.4", "A.10.4"} <= ids
    annex = api.client.get("/v1/clauses", params={"scope": "A.6"}, headers=h).json()
    assert annex and all(e["id"].startswith("A.6") for e in annex)
    assert api.client.get("/v1/clauses", params={"scope": "Z.9"}, headers=h).status_code == 404

    view = api.client.get("/v1/clauses/A.6.2.4", headers=h).json()
    assert view["entry"]["id"] == "A.6.2.4" and view["entry"]["obligations"]
    assert view["evidence"]["status"] in ("covered", "partial", "missing")
    unknown = api.client.get("/v1/clauses/A.6.2.99", headers=h)
    assert unknown.status_code == 404
    assert unknown.json()["suggestions"] and "A.6.2.99" in unknown.json()["detail"]


def test_gaps_json_csv_md(api: Api) -> None:
    h = api.headers("auditor")
    report = api.client.post("/v1/gaps", json={"scope": "A.6.2"}, headers=h).json()
    assert report["scope"] == "A.6.2" and report["items"]
    assert sum(report["counts"].values()) == len(report["items"])
    by_id = {i["id"]: i for i in report["items"]}
    assert by_id["A.6.2.8"]["status"] == "missing"  # planted gap: no event-log evidence anywhere

    as_csv = api.client.get("/v1/gaps", params={"scope": "A.6.2", "format": "csv"}, headers=h)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {r["id"]: r["status"] for r in rows} == {i["id"]: i["status"] for i in report["items"]}
    as_md = api.client.get("/v1/gaps", params={"scope": "A.6.2", "format": "md"}, headers=h).text
    assert as_md.startswith("# ") and "A.6.2.8" in as_md
    bad = api.client.get("/v1/gaps", params={"scope": "nonsense"}, headers=h)
    assert bad.status_code == 404 and "nonsense" in bad.json()["detail"]
    assert api.client.get("/v1/gaps", params={"format": "pdf"}, headers=h).status_code == 422


def test_checklists_and_policy_drafts(api: Api) -> None:
    h = api.headers("compliance")
    checklist = api.client.post("/v1/checklists", json={"ids": ["A.6.2.4"]}, headers=h).json()
    assert checklist["clauses"] == ["A.6.2.4"] and checklist["items"]
    assert all(i["check"].endswith("?") for i in checklist["items"])

    xlsx = api.client.post("/v1/checklists", params={"format": "xlsx"}, json={"ids": ["A.6.2.4"]}, headers=h)
    assert xlsx.status_code == 200 and xlsx.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "id" and sheet.max_row == len(checklist["items"]) + 1
    as_csv = api.client.post("/v1/checklists", params={"format": "csv"}, json={"ids": ["A.6.2.4"]}, headers=h)
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(checklist["items"])
    as_md = api.client.post("/v1/checklists", params={"format": "md"}, json={"topic": "impact assessment"},
                            headers=h)
    assert as_md.status_code == 200 and "- [" in as_md.text

    unknown = api.client.post("/v1/checklists", json={"ids": ["A.6.2.99"]}, headers=h)
    assert unknown.status_code == 404 and "A.6.2.99" in unknown.json()["detail"]
    empty = api.client.post("/v1/checklists", json={}, headers=h)
    assert empty.status_code == 422 and "ids" in empty.text

    draft = api.client.post("/v1/policy-drafts", json={"topic": "AI impact assessment"}, headers=h).json()
    assert draft["markdown"].startswith("#") and draft["clauses"]
    md = api.client.post("/v1/policy-drafts", params={"format": "md"}, json={"ids": ["A.5.2"]}, headers=h)
    assert md.headers["content-type"].startswith("text/markdown") and "A.5.2" in md.text


UPLOAD = """---
title: Zebra Log Retention Standard
doc_type: procedure
---
# Zebra log retention

Quokka telemetry archives are retained for exactly 17 days before secure deletion by the platform team.
"""
UPLOAD_QUESTION = "How long are quokka telemetry archives retained?"


def test_upload_ask_delete_round_trip(api: Api) -> None:
    h = api.headers("compliance")
    up = api.client.post("/v1/documents", headers=h,
                         files={"file": ("../../zebra retention.md", UPLOAD.encode(), "text/markdown")},
                         data={"owner": "Platform team", "classification": "internal", "version": "1.0"})
    assert up.status_code == 201, up.text
    doc_id = up.json()["doc_id"]
    assert doc_id == "uploads/zebra_retention.md"
    assert up.json()["report"]["new"] == [doc_id] and up.json()["report"]["chunks_written"] >= 1
    assert str(api.settings.data_dir) not in up.text  # no server paths in the response
    stored = api.settings.data_dir / doc_id
    assert stored.is_file() and not (api.settings.data_dir.parent / "zebra_retention.md").exists()

    docs = {d["doc_id"]: d for d in api.client.get("/v1/documents", headers=api.headers("staff")).json()
            ["documents"]}
    assert docs[doc_id]["title"] == "Zebra Log Retention Standard" and docs[doc_id]["owner"] == "Platform team"
    assert not {"root", "path"} & set(docs[doc_id])
    answer = api.client.post("/v1/ask", json={"question": UPLOAD_QUESTION}, headers=api.headers("staff")).json()
    assert doc_id in {c["doc_id"] for c in answer["citations"]} and "17 days" in answer["answer"]

    assert api.client.delete(f"/v1/documents/{doc_id}", headers=api.headers("staff")).status_code == 403
    gone = api.client.delete(f"/v1/documents/{doc_id}", headers=h)
    assert gone.status_code == 200 and gone.json() == {"doc_id": doc_id, "deleted": True}
    assert not stored.exists()
    after = api.client.post("/v1/ask", json={"question": UPLOAD_QUESTION}, headers=api.headers("staff")).json()
    assert doc_id not in {c["doc_id"] for c in after["citations"]}
    assert "17 days" not in after["answer"]
    assert doc_id not in {d["doc_id"] for d in
                          api.client.get("/v1/documents", headers=h).json()["documents"]}
    assert api.client.delete(f"/v1/documents/{doc_id}", headers=h).status_code == 404


def test_bad_uploads(api: Api) -> None:
    h = api.headers("compliance")
    upload_dir = api.settings.data_dir / api.settings.upload_dir_name

    def post(name: str, content: bytes, headers: dict[str, str] = h, **data: str) -> tuple[int, str]:
        r = api.client.post("/v1/documents", headers=headers, files={"file": (name, content)}, data=data)
        return r.status_code, r.json()["detail"] if r.status_code >= 400 else ""

    assert post("notes.md", b"# x\n\nsome text", headers=api.headers("staff"))[0] == 403
    code, detail = post("tool.exe", b"MZ\x90\x00")
    assert code == 415 and "tool.exe" in detail and ".md" in detail
    code, detail = post("empty.md", b"")
    assert code == 400 and "empty.md" in detail
    code, detail = post("../", b"# x")
    assert code == 400 and "file" in detail
    code, detail = post("x.md", b"# x\n\ntext", classification="secret")
    assert code == 400 and "classification" in detail
    code, detail = post("x.md", b"# x\n\ntext", classification="restricted")
    assert code == 403 and "restricted" in detail
    big = b"# big\n\n" + b"a" * int(api.settings.max_upload_mb * 1024 * 1024 + 10)
    code, detail = post("big.md", big)
    assert code == 413 and "MB" in detail
    code, detail = post("broken.pdf", b"%PDF-1.4 this is not really a pdf")
    assert code == 422 and "broken.pdf" in detail
    code, detail = post("bad_meta.md", b"# x\n\nSome text here.", effective_date="yesterday")
    assert code == 400 and "effective_date" in detail
    assert api.client.post("/v1/documents", headers=h).status_code == 422  # no file part at all
    # Nothing from the refused uploads was left behind to be ingested later.
    leftovers = sorted(p.name for p in upload_dir.iterdir()) if upload_dir.exists() else []
    assert leftovers == []


def test_slow_requests_do_not_block_others(api: Api, clone_ingested: object) -> None:
    """A slow LLM answer (a scripted fake chat model that sleeps) must not stall other requests."""
    from fastapi.testclient import TestClient
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.llm import llm_from_chat_model
    from assistant.prompts import PromptSet
    from assistant.service import ClausewiseService
    from server import create_app

    prompts = PromptSet.load(api.settings.prompts_dir)
    slow = llm_from_chat_model(FakeListChatModel(responses=["Reviewed every 12 months [1]."] * 4, sleep=3.0),
                               prompts, "slow-fake")
    service = ClausewiseService.from_settings(api.settings, llm=slow)
    with TestClient(create_app(api.settings, service)) as client:
        done: dict[str, float] = {}

        def slow_ask() -> None:
            t0 = time.perf_counter()
            client.post("/v1/ask", json={"question": "How often is the AI policy reviewed?"},
                        headers=api.headers("staff"))
            done["slow"] = time.perf_counter() - t0

        worker = threading.Thread(target=slow_ask)
        worker.start()
        time.sleep(0.5)
        t0 = time.perf_counter()
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/clauses/A.5.2", headers=api.headers("staff")).status_code == 200
        quick = time.perf_counter() - t0
        worker.join(60)
    assert done["slow"] >= 3.0
    assert quick < 2.5, f"other requests waited {quick:.1f}s behind a slow answer"

