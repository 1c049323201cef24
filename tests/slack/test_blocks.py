"""Block Kit rendering and the Slack adapter's pure helpers (no Slack, no service)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant import slack_blocks as sb
from assistant.models import Answer, Checklist, ChecklistItem, Citation, GapItem, GapReport
from assistant.slack_app import EventDeduper, lower_classification, parse_checklist_target


def _citation(n: int, status: str = "current", page: int | None = None) -> Citation:
    return Citation(
        n=n, doc_id=f"org/doc{n}.md", title=f"Doc <{n}> & co", doc_type="policy", source=f"org/doc{n}.md",
        section="Review", page=page, quote="The policy is reviewed every 12 months by the AI Governance Lead.",
        chunk_id=f"org/doc{n}.md::abc::0", classification="internal", effective_date="2025-03-01", status=status,
    )


def _texts(blocks: list[dict]) -> str:
    return json.dumps(blocks)


def test_answer_blocks_render_citations_badge_and_feedback() -> None:
    answer = Answer(
        answer="**Yes.** The policy is reviewed every 12 months [1]; v1.0 said 36 months [2].\n- a < b",
        intent="gap", verdict="partial", clauses=["5.2"], citations=[_citation(1, page=3), _citation(2, "superseded")],
        warnings=["[2] AI Policy v1.0 is superseded"], interaction_id="abc123",
    )
    blocks = sb.answer_blocks(answer)
    text = _texts(blocks)
    assert blocks[0]["type"] == "context" and "Partial" in text
    section = next(b for b in blocks if b["type"] == "section")["text"]["text"]
    assert section.startswith("*Yes.*") and "a &lt; b" in section and "• a" in section
    contexts = [b for b in blocks if b["type"] == "context"]
    cites = [c for c in contexts if c["elements"][0]["text"].startswith("*[")]
    assert len(cites) == 2
    first = cites[0]["elements"][0]["text"]
    assert "Doc &lt;1&gt; &amp; co" in first and "Review, p. 3" in first and "effective 2025-03-01" in first
    assert "superseded" in cites[1]["elements"][0]["text"]
    assert cites[0]["elements"][1]["text"].startswith("> The policy is reviewed")
    actions = blocks[-1]
    assert actions["type"] == "actions"
    assert [e["action_id"] for e in actions["elements"]] == [sb.ACTION_HELPFUL, sb.ACTION_NOT_HELPFUL]
    assert {e["value"] for e in actions["elements"]} == {"abc123"}


def test_answer_blocks_stay_within_slack_limits() -> None:
    long_text = ("word " * 700 + "\n\n") * 3
    answer = Answer(answer=long_text, intent="fact", citations=[_citation(i) for i in range(1, 80)],
                    interaction_id="x")
    blocks = sb.answer_blocks(answer, max_citations=80)
    assert len(blocks) <= sb.MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
    assert blocks[-1]["type"] == "actions"  # the feedback buttons survive the cap
    no_id = sb.answer_blocks(Answer(answer="x", intent="fact"))
    assert all(b["type"] != "actions" for b in no_id)
    assert "badge" not in _texts(no_id) and "Covered" not in _texts(no_id)


def test_split_text_prefers_paragraphs() -> None:
    text = "a" * 100 + "\n\n" + "b" * 100
    assert sb.split_text(text, limit=150) == ["a" * 100, "b" * 100]
    assert all(len(p) <= 50 for p in sb.split_text("x" * 120, limit=50))


def test_gap_and_checklist_blocks() -> None:
    items = [
        GapItem(id=f"A.{i}", title=f"Control {i}", kind="annex_a_control", status=s, confidence=0.5,
                evidence_strength="none", rationale="why " * 10)
        for i, s in enumerate(["covered", "missing", "partial"] * 30)
    ]
    report = GapReport(scope="annex-a", role="staff", items=items, counts={"covered": 30, "partial": 30, "missing": 30})
    blocks = sb.gap_blocks(report)
    text = _texts(blocks)
    assert "30 covered, 30 partial, 30 missing" in text and "50 more" in text
    first_items = blocks[1]["text"]["text"].splitlines()
    assert first_items[0].startswith(":red_circle:")  # missing items first
    checklist = Checklist(
        title="Audit checklist: A.6.2.4", clauses=["A.6.2.4"],
        items=[ChecklistItem(id="A.6.2.4-01", clause_id="A.6.2.4", check="Can the auditee show validation?",
                             evidence_expected=["validation report"], evidence_found=[_citation(1)],
                             status="partial", suggested_owner="Model Risk Manager")],
    )
    ctext = _texts(sb.checklist_blocks(checklist))
    assert "A.6.2.4-01" in ctext and "1 evidence item;" in ctext and "Model Risk Manager" in ctext


def test_parse_checklist_target() -> None:
    assert parse_checklist_target("A.6.2.4 6.1.4") == (["A.6.2.4", "6.1.4"], "xlsx")
    assert parse_checklist_target("a6.2.4, 7.2 csv") == (["a6.2.4", "7.2"], "csv")
    assert parse_checklist_target("impact assessment") == ("impact assessment", "xlsx")
    assert parse_checklist_target("data quality --csv") == ("data quality", "csv")


def test_lower_classification() -> None:
    assert lower_classification("restricted", "internal") == "internal"
    assert lower_classification("public", "confidential") == "public"


def test_event_deduper_claims_once(tmp_path: Path) -> None:
    first = EventDeduper(tmp_path / "events.sqlite3")
    other_process_view = EventDeduper(tmp_path / "events.sqlite3")
    assert first.claim("Ev1") is True
    assert first.claim("Ev1") is False
    assert other_process_view.claim("Ev1") is False
    assert other_process_view.claim("Ev2") is True
