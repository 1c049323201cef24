"""Questions that name a document by its title, document-control rows and headings in capitals (issue 10 item 2).

The corpus is a small invented water utility (not the sample organization): its documents carry the version
and review date in a document-control table, which rarely ranks among the first hits by similarity.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker
from assistant.retrieval import Hit
from ingestion.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]

_PARAGRAPHS = (
    "Analytics models that steer pumps, valves or customer contact are changed only through this standard.",
    "A change request states the model, the reason, the expected effect on service and the rollback plan.",
    "Minor changes are peer reviewed by a second analyst before release to the production scheduler.",
    "Major changes go to the change forum with test results from at least four weeks of shadow running.",
    "Every released change is logged with its request number, the approver and the date it went live.",
)

DOCS = {
    "model_change_standard.md": (
        "title: Harbourline Water Model Change Standard\ndoc_type: procedure\nclassification: internal",
        "| Document control | |\n|---|---|\n| Version | 3.4 |\n| Owner | Head of Asset Analytics |\n"
        "| Next review due | 2027-05-01 |\n\n## Purpose\n\n" + "\n\n".join(_PARAGRAPHS),
    ),
    "leak_model_card.md": (
        "title: Leak Detection Model Card\ndoc_type: model_card\nclassification: internal",
        "| Document control | |\n|---|---|\n| Version | 1.2 |\n| Owner | Network Analytics Lead |\n\n"
        "## Intended use\n\nThe leak model ranks district metered areas by the likelihood of an unreported burst.\n\n"
        "Model changes follow the model change standard; the card is updated after every release.",
    ),
    "board_pay_standard.md": (
        "title: Board Remuneration Standard\ndoc_type: policy\nclassification: restricted",
        "| Document control | |\n|---|---|\n| Version | 7.9 |\n\n## Scope\n\n"
        "Remuneration of the oversight board is benchmarked against the regional utilities every spring.",
    ),
}

MINUTES = (
    "HARBOURLINE WATER\nANALYTICS OVERSIGHT BOARD - MINUTES\n\n"
    "Meeting date: 4 March 2026\n\n"
    "Chair: Morwenna Tate, Director of Operations, chaired the meeting and opened the review of model changes.\n\n"
    "The board approved the leak model release after the shadow-running results were presented.\n"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> object:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("harbourline")
    for name, (meta, body) in DOCS.items():
        title = meta.split("\n")[0].removeprefix("title: ")
        (root / name).write_text(f"---\n{meta}\n---\n# {title}\n\n{body}\n", encoding="utf-8")
    (root / "oversight_board_minutes_2026-03-04.txt").write_text(MINUTES, encoding="utf-8")
    settings = ingest_corpus(root, tmp_path_factory.mktemp("harbourline-data") / "data")
    return ClausewiseService.from_settings(settings, audit=None)


def _hit(doc_id: str, title: str) -> Hit:
    return Hit(chunk_id=f"{doc_id}#0", text="", meta={"doc_id": doc_id, "title": title})


def test_a_title_is_named_by_its_tail_and_the_longest_match_wins() -> None:
    from assistant.extractive import named_documents

    hits = [
        _hit("a", "Bluestem Health Partners Enterprise AI Policy"),
        _hit("b", "AI Risk Management Procedure"),
        _hit("c", "AI Incident Management Procedure"),
        _hit("d", "AI Policy"),
    ]
    assert named_documents("who approves our enterprise AI policy?", hits) == {"a"}
    assert named_documents("what does the incident management procedure say?", hits) == {"c"}
    # two words name a two-word title, never the tail of a longer one
    assert named_documents("what version is the AI policy on?", hits) == {"d"}
    assert named_documents("how do we manage AI risks?", hits) == frozenset()


def test_a_kind_phrase_names_a_title_worded_otherwise() -> None:
    """"the AI policy" names "Enterprise Policy on Artificial Intelligence …" (initials count), but only a title of
    that kind holding every word before the kind noun; a title said word for word wins."""
    from assistant.extractive import named_documents

    hits = [
        _hit("policy", "Enterprise Policy on Artificial Intelligence in Clinical and Operational Use"),
        _hit("standard", "Document Control Standard for the AI Program"),
        _hit("privacy", "Patient Privacy Policy"),
        _hit("risk", "Procedure for Managing AI Risks"),
    ]
    assert named_documents("how often does the AI policy get reviewed?", hits) == {"policy"}
    assert named_documents("who signs off the privacy policy?", hits) == {"privacy"}
    assert named_documents("what does the AI risk procedure require?", hits) == {"risk"}
    assert named_documents("what does the AI standard say about retention?", hits) == {"standard"}
    assert named_documents("what does the security standard say?", hits) == frozenset()  # no such standard
    assert named_documents("who approves AI tools?", hits) == frozenset()  # no kind noun
    assert named_documents("is the AI policy current?", [*hits, _hit("exact", "AI Policy")]) == {"exact"}


def test_a_sentence_about_another_kind_of_document_ranks_lower() -> None:
    """"This standard is reviewed every 2 years" does not answer how often the policy is reviewed."""
    from assistant.extractive import QueryTerms, candidates

    standard = Hit(chunk_id="s#0", text="This standard is reviewed every 2 years by the coordinator.",
                   meta={"doc_id": "s", "title": "Records Standard"}, score=1.0)  # fmt: skip
    policy = Hit(chunk_id="p#0", text="The owner reviews the document every 2 years at the latest.",
                 meta={"doc_id": "p", "title": "Conduct Rules"}, score=1.0)  # fmt: skip
    plain = QueryTerms.build("how often is it reviewed?")
    asked = QueryTerms.build("how often is the policy reviewed?")
    assert asked.kinds == {"policy"} and not plain.kinds
    score = {c.hit.doc_id: c.score for c in candidates([standard, policy], plain)}
    scored = {c.hit.doc_id: c.score for c in candidates([standard, policy], asked)}
    assert scored["p"] - scored["s"] > score["p"] - score["s"] + 0.15


def test_headings_in_capitals_and_label_value_rows() -> None:
    from assistant.text import is_heading_like, is_label_value

    assert is_heading_like("HARBOURLINE WATER\nANALYTICS OVERSIGHT BOARD - MINUTES")
    assert not is_heading_like("NEXT REVIEW The next management review will be held in September 2026.")
    assert not is_heading_like("ACTIONS A25-07-1 Update the AI risk register for the new acceptance")
    assert is_label_value("Version | 3.4")
    assert is_label_value("Next review due | 2027-05-01")
    assert not is_label_value("Version | Date | Summary")
    assert not is_label_value("Owner |")
    assert not is_label_value("| 2.1")


def test_the_named_document_answers_from_its_control_table(service: object) -> None:
    answer = service.ask("what version is the model change standard on?", Asker(role="staff"))  # type: ignore[attr-defined]
    assert not answer.abstained
    assert "3.4" in answer.answer
    assert answer.citations[0].doc_id.endswith("model_change_standard.md")
    assert "7.9" not in answer.answer


def test_a_heading_in_capitals_is_never_the_answer(service: object) -> None:
    answer = service.ask("who chaired the analytics oversight board?", Asker(role="staff"))  # type: ignore[attr-defined]
    quotes = [c.quote for c in answer.citations]
    assert quotes and not any("OVERSIGHT BOARD - MINUTES" in q for q in quotes)
    assert "Morwenna Tate" in answer.answer


def test_a_named_document_above_clearance_adds_nothing(service: object) -> None:
    answer = service.ask("what version is the board remuneration standard on?", Asker(role="staff"))  # type: ignore[attr-defined]
    assert "7.9" not in answer.answer
    assert not any(c.doc_id.endswith("board_pay_standard.md") for c in answer.citations)
    auditor = service.ask("what version is the board remuneration standard on?", Asker(role="auditor"))  # type: ignore[attr-defined]
    assert "7.9" in auditor.answer


def test_a_number_in_the_documents_own_words_is_not_an_invented_clause() -> None:
    from assistant.catalog import load_catalog
    from assistant.citations import verify
    from assistant.models import Citation
    from assistant.resolver import ClauseResolver

    resolver = ClauseResolver(load_catalog(Settings(catalog_dir=REPO_ROOT / "corpus" / "standard")))
    chunk = "| Document control | |\n|---|---|\n| Version | 7.9 |\n"
    cite = Citation(n=1, doc_id="d.md", title="D", doc_type="policy", source="d.md", quote="Version | 7.9",
                    chunk_id="d.md::1::0", classification="internal")  # fmt: skip
    text = "- Version | 7.9 [1]\n- Clause 7.9 requires a yearly review of this standard [1]."
    checked = verify(text, [cite], {"d.md::1::0": chunk}, resolver)
    assert "Version | 7.9 [1]" in checked.text
    assert "Clause 7.9" not in checked.text
