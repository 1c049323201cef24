"""Follow-up detection and named-entity constraints: the parts of question understanding that need no model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant.answering.semantic import Entity, entity_filter, named_entities
from assistant.answering.understand import is_follow_up, understand
from ingestion.settings import Settings


@dataclass
class _Turn:
    question: str
    cited_doc_ids: list[str] = field(default_factory=list)
    answer: str = ""


@pytest.mark.parametrize(
    "question",
    [
        "who approved it?",
        "what about the other supplier?",
        "show me the evidence for that",
        "is that still current?",
        "and for the pricing model?",
        "when?",
        "who owns them",
    ],
)
def test_follow_ups_are_recognised(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "how long do we keep training data for the triage model?",
        "which suppliers are due for reassessment before March 2026?",
        "what does our incident procedure say about reporting deadlines to the regulator?",
    ],
)
def test_new_topics_stand_alone(question: str) -> None:
    assert not is_follow_up(question)


def test_a_follow_up_inherits_the_chain_and_the_cited_documents() -> None:
    turns = [
        _Turn("who signs off a new model before it goes live?", ["policies/model_approval.md"]),
        _Turn("and who did that for the last one?", ["records/minutes_2025.txt"]),
    ]
    got = understand("when was that?", turns)
    assert got.follow_up
    assert "signs off a new model" in got.context and "last one" in got.context
    assert got.context_docs == ("records/minutes_2025.txt",)
    fresh = understand("how long do we keep training data for the triage model?", turns)
    assert not fresh.follow_up and fresh.context == ""


def test_named_entities_need_the_corpus_and_are_not_governance_words() -> None:
    shares = {"nc-2025-02": 0.01, "lumora": 0.03, "committee": 0.4, "chatgpt": 0.0, "ashgrove": 0.9}

    def share(term: str) -> float:
        return shares.get(term.lower(), 0.0)

    def general(word: str) -> bool:
        return word.lower() in {"policy", "committee", "risk"}

    found = named_entities("Is NC-2025-02 closed, and what did Lumora's Committee say about ChatGPT?", general, share)
    assert [e.text for e in found] == ["NC-2025-02", "Lumora"]
    # The organization's own name is in most chunks: it names no subject.
    assert named_entities("What does Ashgrove do about risk?", general, share) == []
    # Clause ids are left to the clause resolver.
    assert named_entities("what does A.6.2.4 need?", general, lambda t: 0.1) == []


def test_a_name_typed_in_lower_case_is_a_name_when_the_documents_capitalise_it() -> None:
    shares = {"lumora": 0.03, "reassessment": 0.02, "supplier": 0.1}
    forms = {"lumora": ["Lumora"] * 12, "reassessment": ["reassessment"] * 9 + ["Reassessment"], "supplier": []}

    def share(term: str) -> float:
        return shares.get(term.lower(), 0.0)

    found = named_entities("when is the lumora reassessment due?", lambda w: False, share, lambda w: forms[w])
    assert [e.text for e in found] == ["lumora"]
    # without the documents' spelling the rule cannot apply (no casing evidence): nothing is constrained
    assert named_entities("when is the lumora reassessment due?", lambda w: False, share) == []


def test_written_forms_come_from_mid_sentence_occurrences(ingested_settings: Settings) -> None:
    from assistant.service import ClausewiseService

    retriever = ClausewiseService.from_settings(ingested_settings).retriever
    word = "claimsense"
    forms = retriever.written_forms(word)
    assert forms and all(f.lower() == word for f in forms)
    assert sum(f[0].isupper() for f in forms) >= 0.9 * len(forms)  # the sample writes it "ClaimSense"
    assert retriever.written_forms("nosuchwordanywhere") == []


def test_entity_filter_accepts_headings_and_rejects_other_subjects() -> None:
    lumora = [Entity("Lumora", "name")]
    assert entity_filter(lumora, "Reassessment is due on 20 Feb 2026.", "Lumora AI supplier assessment", "")
    assert not entity_filter(lumora, "Reassessment is due on 14 May 2025.", "Optivane supplier assessment", "")


def test_the_other_one_is_a_contrast_and_the_first_one_points_back_to_the_start() -> None:
    """Found on the development keys: "what about the other supplier?" was read as a continuation, so the answer
    went back to the supplier just discussed; "so is the first one overdue?" then lost the first supplier."""
    turns = [
        _Turn("when was Acme last assessed as a supplier?", ["suppliers/acme.md"]),
        _Turn("what about the other one, the chatbot supplier?", ["suppliers/liftco.md"]),
    ]
    other = understand("what about the other supplier?", turns[:1])
    assert other.follow_up and other.contrast and other.context_docs == ("suppliers/acme.md",)
    first = understand("so is the first one overdue?", turns)
    assert first.follow_up and not first.contrast and first.context_docs == ("suppliers/acme.md",)
    last = understand("is it overdue?", turns)
    assert not last.contrast and last.context_docs == ("suppliers/liftco.md",)
    for plain in ("on the other hand, who approves it?", "and is that one overdue?"):
        assert not understand(plain, turns).contrast, plain


def test_an_acronym_in_the_question_finds_its_written_out_form_and_its_record_ids() -> None:
    """Found on the development keys: "where does the CMO have to accept it?" kept only passages writing "CMO",
    so the table naming the "Chief Medical Officer" was dropped and the answer abstained; "the OBS ones" dropped
    the report listing OBS-2025-01 and OBS-2025-02."""
    cmo = Entity("CMO", "name")
    assert cmo.mentioned_in("| 12-17 | High | Chief Medical Officer |")
    assert cmo.mentioned_in("accepted by the Chief Medical Officer.")
    assert not cmo.mentioned_in("the chief medical officer")  # lower case words spell nothing
    assert not cmo.mentioned_in("Chief Nursing Officer and the Medical Director")
    assert Entity("AISC", "name").mentioned_in("reviewed by the AI Stewardship Committee each quarter")
    assert Entity("BRC", "name").mentioned_in("the Board Risk Committee approves it")
    assert Entity("DPO", "name").mentioned_in("ask the Data Protection Officer")
    obs = Entity("OBS", "name")
    assert obs.mentioned_in("OBS-2025-01 (clause 9.1). Monitoring measures were not reviewed.")
    assert not obs.mentioned_in("OBSERVATIONS were made.")
    # A record id itself still needs its own whole form: HZ-12 is not HZ-120.
    assert not Entity("HZ-12", "identifier").mentioned_in("see HZ-120")
