"""The MCP server over streamable HTTP at /mcp of a real ``clausewise serve``, driven by the SDK's own client."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest
from mcp import MCPError
from mcp_rig import TODAY, TOOLS, Rig, error_text, http_client, structured

from assistant.audit import AuditLog
from assistant.crosswalk import CrosswalkView, FrameworkCoverage
from assistant.evidence_search import EvidenceResults, QuoteCheck
from assistant.models import Answer, Checklist, GapReport
from assistant.service import ClauseView


def _calls(rig: Rig, role: str, calls: list[tuple[str, dict[str, Any]]], *, mode: str = "auto") -> list[Any]:
    """Call tools in order over one client session; the raw ``CallToolResult`` of each."""

    async def run() -> list[Any]:
        async with http_client(rig.mcp_url, rig.keys[role], mode=mode) as client:
            return [await client.call_tool(name, args) for name, args in calls]

    return anyio.run(run)


def _api(rig: Rig, role: str, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(method, f"{rig.base_url}{path}", headers={"Authorization": f"Bearer {rig.keys[role]}"},
                             timeout=120, **kwargs)  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def test_tools_are_listed_read_only_with_schemas(rig: Rig) -> None:
    async def run() -> Any:
        async with http_client(rig.mcp_url, rig.keys["staff"]) as client:
            return await client.list_tools()

    listed = anyio.run(run)
    by_name = {t.name: t for t in listed.tools}
    assert set(by_name) == TOOLS
    for tool in listed.tools:
        assert tool.annotations is not None and tool.annotations.read_only_hint is True, tool.name
        assert tool.annotations.destructive_hint is False, tool.name
        assert tool.output_schema, f"{tool.name} has no output schema"
        assert tool.description and len(tool.description) > 40, tool.name
    assert by_name["search_evidence"].input_schema["properties"]["k"]["maximum"] == 50
    assert by_name["verify_quote"].input_schema["required"] == ["doc_id", "quote"]


def test_missing_or_unknown_key_is_refused(rig: Rig) -> None:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    for headers in ({}, {"Authorization": "Bearer cwk_not_a_key"}, {"Authorization": "Basic abc"}):
        response = httpx.post(rig.mcp_url, json=body, headers={"Accept": "application/json", **headers})
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"] == "Bearer"
        assert "API key" in response.json()["detail"]

    async def connect() -> None:
        async with http_client(rig.mcp_url, "cwk_not_a_key") as client:
            await client.list_tools()

    log = AuditLog.from_settings(rig.settings)
    before = log.count()
    with pytest.raises(BaseException) as refused:  # the SDK surfaces the 401 as an error: no session at all
        anyio.run(connect)
    assert _leaves(refused.value) and all(isinstance(e, MCPError) for e in _leaves(refused.value)), refused.value
    assert log.count() == before  # nothing was read, so nothing is recorded


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


@pytest.mark.slow
def test_every_tool_answers_with_the_http_api_model(rig: Rig) -> None:
    results = _calls(rig, "compliance", [
        ("ask", {"question": "How often is the AI policy reviewed?"}),
        ("search_evidence", {"query": "how often is the AI policy reviewed", "k": 5}),
        ("explain_clause", {"clause_id": "6.1.2"}),
        ("list_gaps", {"scope": "A.6"}),
        ("get_checklist", {"target": "A.6.2.6"}),
        ("crosswalk", {"ref": "GOVERN 1.1"}),
        ("list_framework_gaps", {"framework": "eu-ai-act"}),
        ("list_stale_documents", {}),
    ])
    ask, search, clause, gaps, checklist, crosswalk, framework, stale = (structured(r) for r in results)

    answer = Answer.model_validate(ask)
    assert answer.citations and answer.interaction_id and answer.retrieved_chunk_ids == []
    assert "org/policies/ai_policy.md" in {c.doc_id for c in answer.citations}

    hits = EvidenceResults.model_validate(search)
    assert 1 <= len(hits.hits) <= 5 and [h.rank for h in hits.hits] == list(range(1, len(hits.hits) + 1))
    assert "org/policies/ai_policy.md" in {h.doc_id for h in hits.hits}

    # The same JSON as the HTTP API gives the same key.
    assert ClauseView.model_validate(clause).model_dump(mode="json") == _api(rig, "compliance", "GET",
                                                                            "/v1/clauses/6.1.2")
    assert GapReport.model_validate(gaps).model_dump(mode="json") == _api(rig, "compliance", "GET",
                                                                          "/v1/gaps", params={"scope": "A.6"})
    assert {item["id"] for item in gaps["items"]} and all(i["id"].startswith("A.6") for i in gaps["items"])
    assert Checklist.model_validate(checklist).model_dump(mode="json") == _api(
        rig, "compliance", "POST", "/v1/checklists", json={"ids": ["A.6.2.6"]})

    view = CrosswalkView.model_validate(crosswalk)
    assert view.ref == "GOVERN 1.1" and view.framework == "nist-ai-rmf" and view.mapped and view.coverage
    assert view.model_dump(mode="json") == _api(rig, "compliance", "GET", "/v1/crosswalk", params={"ref": "GOVERN 1.1"})
    coverage = FrameworkCoverage.model_validate(framework)
    assert coverage.framework == "eu-ai-act" and coverage.role == "compliance" and coverage.items
    assert coverage.model_dump(mode="json") == _api(rig, "compliance", "GET", "/v1/frameworks/eu-ai-act/coverage")

    assert stale["today"] == TODAY
    listed = _api(rig, "compliance", "GET", "/v1/documents")["documents"]
    expected = {d["doc_id"] for d in listed if d["stale"]}
    assert expected, "some sample documents are past review on the fixed date"
    assert {d["doc_id"] for d in stale["documents"]} == expected
    assert all(d["review_due"] < TODAY for d in stale["documents"])


def test_a_quote_from_search_verifies_and_an_altered_one_does_not(rig: Rig) -> None:
    [search] = _calls(rig, "staff", [("search_evidence", {"query": "AI risk assessment method", "k": 3})])
    hit = next(h for h in structured(search)["hits"] if not h["injection_removed"])
    quote = hit["snippet"][:160]
    checks = _calls(rig, "staff", [
        ("verify_quote", {"doc_id": hit["doc_id"], "quote": quote}),
        ("verify_quote", {"doc_id": hit["doc_id"], "quote": "  ".join(quote.split(" "))}),
        ("verify_quote", {"doc_id": hit["doc_id"], "quote": quote + " and this was never written"}),
    ])
    exact, spaced, altered = (QuoteCheck.model_validate(structured(c)) for c in checks)
    assert exact.found and exact.match == "verbatim" and exact.chunk_id == hit["chunk_id"]
    assert spaced.found and spaced.match == "whitespace"
    assert not altered.found and altered.match == "none"


def test_staff_never_sees_restricted_documents(rig: Rig, restricted_docs: list[str],
                                               restricted_probes: tuple[list[str], list[str]]) -> None:
    questions, secret = restricted_probes
    doc = restricted_docs[0]
    calls: list[tuple[str, dict[str, Any]]] = [("search_evidence", {"query": q, "k": 20}) for q in questions]
    calls += [("ask", {"question": q}) for q in questions[:3]]
    calls += [("verify_quote", {"doc_id": doc, "quote": secret[0]}),
              ("verify_quote", {"doc_id": "org/no/such_document.md", "quote": secret[0]}),
              ("list_gaps", {"scope": "9.2"}), ("list_stale_documents", {}), ("explain_clause", {"clause_id": "9.2"})]
    staff = [structured(r) for r in _calls(rig, "staff", calls)]
    hidden, missing = staff[len(questions) + 3], staff[len(questions) + 4]
    # Everything but what echoes the caller's own input: the quote checks (doc id, quote) and the search queries
    # (some probes are sentences of the restricted report).
    shown = [r for i, r in enumerate(staff) if i not in (len(questions) + 3, len(questions) + 4)]
    text = json.dumps([{k: v for k, v in r.items() if k != "query"} for r in shown])
    for doc_id in restricted_docs:
        assert doc_id not in text, f"{doc_id} reached a staff key"
    assert not [s for s in secret if s in text], "restricted text reached a staff key"
    assert hidden["found"] is False and missing["found"] is False
    # A restricted document reads exactly like one that does not exist.
    assert hidden["detail"].replace(doc, "X") == missing["detail"].replace("org/no/such_document.md", "X")
    assert hidden["title"] is None and hidden["chunk_id"] is None

    auditor = [structured(r) for r in _calls(rig, "auditor", [*calls[: len(questions)], calls[len(questions) + 3]])]
    found = {h["doc_id"] for result in auditor[:-1] for h in result["hits"]}
    assert set(restricted_docs) & found, "an auditor key finds the restricted report"
    assert auditor[-1]["found"] is True and auditor[-1]["match"] == "verbatim"


def test_bad_arguments_are_tool_errors_naming_the_argument(rig: Rig) -> None:
    cases: list[tuple[str, dict[str, Any], list[str]]] = [
        ("search_evidence", {"query": "risk", "k": 0}, ["k"]),
        ("search_evidence", {"query": "risk", "k": 51}, ["k"]),
        ("search_evidence", {"query": "   ", "k": 3}, ["query"]),
        ("search_evidence", {"k": 3}, ["query"]),
        ("ask", {"question": "  \n "}, ["question"]),
        ("ask", {"question": "risk?", "doc_types": ["memo"]}, ["doc_types", "memo"]),
        ("explain_clause", {"clause_id": "A.6.2.99"}, ["clause_id", "A.6.2.99", "nearest"]),
        ("list_gaps", {"scope": "Z.9"}, ["scope", "Z.9"]),
        ("get_checklist", {"target": "A.99.1"}, ["target", "A.99.1"]),
        ("crosswalk", {"ref": "GOVERN 99.9"}, ["ref"]),
        ("list_framework_gaps", {"framework": "sox"}, ["framework"]),
        ("verify_quote", {"doc_id": " ", "quote": "x"}, ["doc_id"]),
        ("verify_quote", {"doc_id": "org/policies/ai_policy.md"}, ["quote"]),
    ]
    results = _calls(rig, "staff", [(name, args) for name, args, _ in cases])
    for (name, args, words), result in zip(cases, results, strict=True):
        message = error_text(result)
        for word in words:
            assert word in message, f"{name}({args}): {message!r} does not name {word!r}"


def test_every_call_is_audited_with_channel_mcp(rig: Rig) -> None:
    log = AuditLog.from_settings(rig.settings)
    before = log.count()
    results = _calls(rig, "auditor", [
        ("ask", {"question": "Who approves the AI policy?"}),
        ("explain_clause", {"clause_id": "A.6.2.4"}),
        ("search_evidence", {"query": "model monitoring drift", "k": 4}),
        ("explain_clause", {"clause_id": "nope"}),
    ], mode="legacy")  # the initialize handshake of older clients works the same
    assert [r.is_error for r in results] == [False, False, False, True]
    rows = [json.loads(line) for line in log.export("jsonl")][before:]
    assert len(rows) == 4
    assert {r["channel"] for r in rows} == {"mcp"} and {r["user"] for r in rows} == {rig.names["auditor"]}
    assert {r["role"] for r in rows} == {"auditor"}
    assert [r["kind"] for r in rows] == ["interaction", "tool_call", "tool_call", "tool_call"]
    assert rows[0]["question"] == "Who approves the AI policy?"
    assert rows[0]["interaction_id"] == structured(results[0])["interaction_id"]
    assert rows[1]["intent"] == "explain_clause" and json.loads(rows[1]["question"].split(" ", 1)[1]) == {
        "clause_id": "A.6.2.4"}
    disclosed = {c["chunk_id"] for c in rows[2]["cited"]}
    assert disclosed == {h["chunk_id"] for h in structured(results[2])["hits"]}
    assert rows[3]["abstained"] is True and "clause_id" in rows[3]["answer"]
    assert log.verify().ok


def test_search_and_quote_checks_are_the_same_over_http_api_and_cli(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main as cli

    query, doc, quote = "AI impact assessment triggers", "org/policies/ai_policy.md", "reviews this policy every 12"
    search, check = (structured(r) for r in _calls(rig, "staff", [
        ("search_evidence", {"query": query, "k": 4}), ("verify_quote", {"doc_id": doc, "quote": quote})]))
    assert search == _api(rig, "staff", "GET", "/v1/evidence", params={"query": query, "k": 4})
    assert check == _api(rig, "staff", "POST", "/v1/quotes/verify", json={"doc_id": doc, "quote": quote})
    assert check["found"] is True

    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(rig.settings.data_dir))
    monkeypatch.setenv("CLAUSEWISE_TODAY", TODAY)
    capsys.readouterr()
    assert cli(["search", query, "-k", "4", "--role", "staff", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == search
    assert cli(["verify-quote", doc, quote, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == check
    assert cli(["verify-quote", doc, quote + " that was never written"]) == 1
    assert cli(["search", query, "-k", "0"]) == 2
    assert "k: must be between 1 and 50" in capsys.readouterr().err

    for params in ({"query": "  ", "k": 3}, {"query": "risk", "k": 51}):
        response = httpx.get(f"{rig.base_url}/v1/evidence", params=params,
                             headers={"Authorization": f"Bearer {rig.keys['staff']}"})  # fmt: skip
        assert response.status_code == 422, response.text
    assert httpx.get(f"{rig.base_url}/v1/evidence", params={"query": "risk"}).status_code == 401


def test_oscal_over_mcp_matches_the_http_api(rig: Rig) -> None:
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.catalog import Catalog as OscalCatalog

    results = _calls(rig, "compliance", [
        ("export_oscal", {"kind": "assessment-results", "scope": "A.6"}),
        ("export_oscal", {"kind": "catalog"}),
        ("export_oscal", {"kind": "assessment-results", "scope": "Z.9"}),
    ])
    ar, catalog = structured(results[0]), structured(results[1])
    AssessmentResults.model_validate(ar["assessment-results"])
    OscalCatalog.model_validate(catalog["catalog"])
    assert "scope" in error_text(results[2])

    def verdicts(doc: dict[str, Any]) -> list[tuple[str, str]]:
        findings = doc["assessment-results"]["results"][0]["findings"]
        return [(f["target"]["target-id"], f["target"]["status"]["state"]) for f in findings]

    # UUIDs and timestamps are new per export; the findings are the same as the HTTP API's for the same key.
    http_ar = _api(rig, "compliance", "GET", "/v1/gaps", params={"scope": "A.6", "format": "oscal"})
    assert verdicts(ar) == verdicts(http_ar) and verdicts(ar)
    http_catalog = _api(rig, "compliance", "GET", "/v1/oscal/catalog")
    ids = [c["id"] for c in catalog["catalog"]["controls"]]
    assert ids == [c["id"] for c in http_catalog["catalog"]["controls"]] and ids
