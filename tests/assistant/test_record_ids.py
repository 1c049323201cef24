"""A question naming a record id ("what is HZ-12 about?") is answered from the row holding it (issue 10 item 2).

Found on a development corpus: the id splits into common tokens ("hz", "12"), so neither BM25 nor the embedding
ranked the one row holding it, and the id's letters ("HZ") were also taken for a name of their own that no
passage writes alone, so every passage was filtered out and the answer abstained. The corpus is a small invented
port operator (not a shipped corpus); the register has fifteen rows of the same shape.
"""

from __future__ import annotations

import pytest
from corpus_helpers import ingest_corpus

from assistant.answering.semantic import named_entities
from assistant.models import Asker

_HAZARDS = [
    "crane scheduler double-books a berth", "gate camera misreads container numbers at night",
    "yard planner stacks reefers away from power", "berth forecast ignores tidal windows",
    "chatbot quotes outdated tariffs to hauliers", "pilot booking model drops small vessels",
    "fuel model overstates tug consumption", "customs triage flags one shipper too often",
    "maintenance model misses winch wear", "queue predictor undercounts trucks after ferries",
    "rail loader plan breaks axle limits", "translation tool garbles dangerous-goods notes",
    "drone survey misses hull corrosion", "energy model switches off shore power early",
    "staffing model shortens rest breaks",
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> object:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("port")
    rows = ["hazard_id,system,description,owner,score,status"]
    for i, text in enumerate(_HAZARDS, start=1):
        rows.append(f"HZ-{i:02d},Port systems,\"{text.capitalize()}\",Harbour Master,{(i * 7) % 20 + 1},open")
    (root / "hazard_register.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "hazard_register.csv.meta.yaml").write_text(
        "title: Port AI Hazard Register\ndoc_type: record\nclassification: confidential\n", encoding="utf-8"
    )
    (root / "hazard_procedure.md").write_text(
        "---\ntitle: Hazard Review Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Hazard Review Procedure\n\nEvery hazard in the register is reviewed by the Harbour Master each quarter.\n\n"
        "A hazard scoring 12 or more is escalated to the port safety board within 10 working days.\n",
        encoding="utf-8",
    )
    review = [
        "---\ntitle: Liftco Cranes Ltd — Crane Scheduler Vendor Review\ndoc_type: record\n"
        "classification: internal\n---",
        "# Crane Scheduler Vendor Review\n",
        "| Field | Value |\n|---|---|\n| Vendor | Liftco Cranes Ltd |\n| Assessment date | 2025-03-14 |\n"
        "| Next assessment due | 2026-03-14 |\n",
    ]
    for n in range(1, 9):
        review.append(f"## Question {n}\n\nThe vendor answered question {n} on berth scheduling with evidence "
                      f"from its own release notes and a test log of {n * 40} simulated port calls.\n")
    (root / "liftco_vendor_review.md").write_text("\n".join(review), encoding="utf-8")
    settings = ingest_corpus(root, tmp_path_factory.mktemp("port-data") / "data")
    return ClausewiseService.from_settings(settings, audit=None)


def test_the_letters_of_an_id_are_not_a_name_of_their_own() -> None:
    found = named_entities("what is HZ-12 about, and does HZ own it?", lambda w: False, lambda t: 0.01)
    assert [e.text for e in found] == ["HZ-12", "HZ"]  # "HZ" alone later in the question still counts
    found = named_entities("what is HZ-12 about?", lambda w: False, lambda t: 0.01)
    assert [e.text for e in found] == ["HZ-12"]


def test_a_record_id_is_answered_from_its_row(service: object) -> None:
    from assistant.service import ClausewiseService

    assert isinstance(service, ClausewiseService)
    answer = service.ask("what is HZ-12 about?", Asker(role="compliance", channel="cli"))
    assert "translation tool garbles dangerous-goods notes" in answer.answer.lower(), answer.answer
    assert any("HZ-12" in c.quote for c in answer.citations)
    # No other row of the register is quoted as the answer.
    assert not any(f"HZ-{i:02d}" in c.quote for c in answer.citations for i in range(1, 16) if i != 12)


def test_a_record_id_above_the_askers_clearance_stays_hidden(service: object) -> None:
    from assistant.service import ClausewiseService

    assert isinstance(service, ClausewiseService)
    answer = service.ask("what is HZ-12 about?", Asker(role="staff", channel="cli"))
    assert "garbles" not in answer.answer.lower()
    assert all(c.doc_id != "hazard_register.csv" for c in answer.citations)


def test_a_document_whose_title_names_the_asked_supplier_answers_for_it(service: object) -> None:
    """"when was Liftco last assessed?": the vendor review whose title names Liftco answers from its header row.

    A guard for the rule that a document whose title names the question's supplier counts as named (its passages
    join the hits); in a corpus this small the header is retrieved anyway, so the misses the rule fixed are in
    the eval figures (docs/benchmarks.md), not reproduced here."""
    from assistant.service import ClausewiseService

    assert isinstance(service, ClausewiseService)
    answer = service.ask("when was Liftco last assessed?", Asker(role="compliance", channel="cli"))
    assert "2025-03-14" in answer.answer, answer.answer
