"""The sentence that answers often follows, in the same passage, the one that names the topic.

Found on the development keys: 38 of the answers that cited the right document but missed the fact had the fact in
a second sentence of a passage already quoted ("Model card - <system> (version 2.4)" quoted, "Purpose: <system>
forecasts daily demand for each of our 6 supply zones" dropped), because an answer quoted one sentence per passage.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_helpers import ingest_corpus, write_filler_docs

from assistant.extractive import Candidate, select
from assistant.models import Asker
from assistant.retrieval import Hit
from ingestion.sentences import Span

STAFF = Asker(user="sam", role="staff", channel="cli")


def _cand(chunk: str, text: str, score: float) -> Candidate:
    hit = Hit(chunk_id=chunk, text=text, meta={"doc_id": f"{chunk}.md"})
    return Candidate(hit=hit, hit_rank=0, span=Span(0, len(text), text), score=score, overlap=0.0)


def test_a_close_second_sentence_of_a_quoted_passage_is_kept_after_it() -> None:
    cands = [
        _cand("card", "Model card for the demand model, version 2.4.", 1.0),
        _cand("policy", "Forecasting models are reviewed every year.", 0.9),
        _cand("card", "It forecasts daily drinking water demand for each of six supply zones.", 0.8),
        _cand("minutes", "The board noted the demand forecast for winter.", 0.5),
    ]
    chosen = [c.span.text for c in select(cands)]
    assert chosen == [cands[0].span.text, cands[2].span.text, cands[1].span.text]


def test_same_passage_sentences_are_capped_and_never_near_duplicates() -> None:
    lines = ["The demand model forecasts daily use per zone.", "Its owner is the Network Planning Lead.",
             "Forecast error is checked every Monday.", "Retraining happens each spring.",
             "Weather feeds come from a national service."]
    cands = [_cand("card", line, 1.0 - i * 0.01) for i, line in enumerate(lines)]
    cands.insert(1, _cand("card", "The demand model forecasts the daily use per zone!", 0.995))
    chosen = select(cands)
    assert len(chosen) == 3  # the passage's best sentence plus two more, the near-duplicate skipped
    assert len({c.span.text.rstrip(".!") for c in chosen}) == 3


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("brackwater")
    # A supplier's plain-text pack: the retention of the inputs comes first, the summaries' in the next sentence.
    (root / "casebrief_assurance_pack.txt").write_text(
        "CASEBRIEF ASSURANCE PACK\n\n"
        "1. SERVICE DESCRIPTION\n"
        "CaseBrief reads the documents of a licensing application and produces a short summary for the officer.\n\n"
        "2. DATA HANDLING AND RETENTION\n"
        "Application documents are processed in the supplier's UK service and deleted within 24 hours of the\n"
        "summary being produced. Summaries are kept for 12 months in the customer's CaseBrief workspace and then\n"
        "deleted, unless the customer exports them to its own licensing system.\n\n"
        "3. SECURITY\n"
        "Access to the workspace needs single sign-on with two factors.\n",
        encoding="utf-8",
    )
    (root / "casebrief_assurance_pack.txt.meta.yaml").write_text(
        "title: CaseBrief assurance pack\ndoc_type: other\nclassification: internal\n", encoding="utf-8"
    )
    write_filler_docs(root)
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("brackwater-data") / "data"))


def test_how_long_summaries_are_kept_quotes_the_second_sentence_of_the_passage(svc: Any) -> None:
    answer = svc.ask("How long does CaseBrief keep the summaries it produces?", STAFF)
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("**12 months**"), answer.answer
    # The passage's other retention period is quoted with it, so the reader sees which period is which.
    assert "deleted within 24 hours" in answer.answer, answer.answer


def test_up_to_five_passages_are_quoted_while_they_score_close_to_the_best() -> None:
    lines = ["The demand model is owned by the Network Planning Lead.", "Forecast error is checked every Monday.",
             "Retraining happens each spring after the winter review.", "Weather feeds come from a national service.",
             "Zone forecasts are published by 05:30 each day.", "The model card is reviewed every year."]
    cands = [_cand(f"doc{i}", line, 1.0 - i * 0.05) for i, line in enumerate(lines)]
    chosen = select(cands)
    assert [c.hit.chunk_id for c in chosen] == ["doc0", "doc1", "doc2", "doc3", "doc4"]
    # A runner-up below the share of the best is never quoted, however few were chosen.
    assert len(select([cands[0], _cand("far", "An unrelated sentence about parking.", 0.5)])) == 1
