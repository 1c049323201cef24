"""Sentence vectors come from the chunk's own encoding at ingest, so answering encodes only the question.

Found by bench/query.py (issue 11): at 100k chunks the ask p95 was ~420 ms, and ~80 % of an answer's time was
encoding its candidate sentences one by one (median 45 per question, cold for every new question). Ingest now
pools each sentence's vector from the forward pass that embeds its chunk; a chunk ingested before that gets its
sentences pooled on first use, and both ways give the same vectors, so the same answer. The corpus is a small
invented freight company (not a shipped corpus).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker
from ingestion.sentence_vectors import SENTENCE_VECTORS_FILE

_QUESTIONS = (
    "who keeps an eye on the routing model once it is live?",
    "how often is the routing model checked for drift?",
    "can drivers paste customer addresses into a public chatbot?",
    "what happens when the on-time rate falls below the threshold?",
)


def _write_corpus(root: Path) -> None:
    (root / "monitoring.md").write_text(
        "---\ntitle: Acme Freight Model Monitoring Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Model Monitoring Procedure\n\n## Post-deployment monitoring\n\n"
        "The Analytics Lead watches the Liftco routing model after release. Drift is measured every week "
        "against the training baseline. An on-time rate below 92 % for two weeks opens a corrective action "
        "and the model is rolled back within 5 working days.\n\n"
        "## Reporting\n\nA monthly summary goes to the Operations Board. The board can suspend a model.\n",
        encoding="utf-8",
    )
    (root / "acceptable_use.md").write_text(
        "---\ntitle: Acme Freight Acceptable Use of AI Tools\ndoc_type: policy\nclassification: internal\n---\n"
        "# Acceptable Use of AI Tools\n\n"
        "Staff must not enter personal data of customers into a public AI service. Approved internal "
        "assistants may be used for drafting. Breaches are reported to the Data Protection Officer.\n",
        encoding="utf-8",
    )


class _Counting:
    """The real embedder, recording what it is asked to encode."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[tuple[str, int]] = []
        self.model_name = inner.model_name
        self.dimension = inner.dimension

    def embed_documents(self, texts: Sequence[str]) -> Any:
        self.calls.append(("documents", len(texts)))
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Any:
        self.calls.append(("query", 1))
        return self.inner.embed_query(text)

    def embed_with_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> Any:
        self.calls.append(("spans", len(texts)))
        return self.inner.embed_with_spans(texts, spans)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("freight")
    _write_corpus(root)
    settings = ingest_corpus(root, tmp_path_factory.mktemp("freight-data") / "data")
    return settings.data_dir


def _service(data_dir: Path) -> Any:
    from assistant.service import ClausewiseService
    from ingestion.settings import Settings

    repo = Path(__file__).resolve().parents[2]
    settings = Settings(data_dir=data_dir, catalog_dir=repo / "corpus" / "standard", prompts_dir=repo / "prompts",
                        answerer="extractive", api_keys=[])  # fmt: skip
    return ClausewiseService.from_settings(settings, audit=None)


def _answers(service: Any) -> list[tuple[str, list[str]]]:
    out = []
    for q in _QUESTIONS:
        a = service.ask(q, Asker(user="u", role="auditor", channel="cli"))
        out.append((a.answer, [c.chunk_id for c in a.citations]))
    return out


def _passage_rows(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / SENTENCE_VECTORS_FILE) as conn:
        return int(conn.execute("SELECT count(*) FROM passages").fetchone()[0])


def test_ingest_keeps_the_sentence_vectors_so_answering_encodes_nothing_else(data_dir: Path) -> None:
    assert _passage_rows(data_dir) >= 3  # one row per chunk, written with the chunk vectors
    service = _service(data_dir)
    # The gap judge encodes the catalog's wording once per data dir (kept, like the sentences); not per question.
    service.ask("is control A.6.2.2 covered?", Asker(user="u", role="auditor", channel="cli"))
    store = service.retriever.sentence_vectors
    counting = _Counting(store.embedder)
    store.embedder = counting
    answers = _answers(service)
    assert sum(bool(cites) for _, cites in answers) >= 3, answers
    # Every candidate sentence's vector was kept at ingest: no chunk is encoded again. What may still be encoded
    # alone is the gap judge's few "not yet complete" sentences, compared with the catalog's wording.
    assert not [c for c in counting.calls if c[0] == "spans"], counting.calls
    assert sum(n for kind, n in counting.calls if kind == "documents") <= 8, counting.calls


def test_pooled_on_first_use_when_ingest_did_not_keep_them(data_dir: Path, tmp_path: Path) -> None:
    """An index from before this change (no passage rows) answers the same, and fills the store as it goes."""
    expected = _answers(_service(data_dir))
    old = tmp_path / "old"
    shutil.copytree(data_dir, old)
    with sqlite3.connect(old / SENTENCE_VECTORS_FILE) as conn:
        conn.execute("DELETE FROM passages")
    service = _service(old)
    store = service.retriever.sentence_vectors
    counting = _Counting(store.embedder)
    store.embedder = counting
    assert _answers(service) == expected
    assert any(kind == "spans" for kind, _ in counting.calls)
    assert _passage_rows(old) >= 3


def test_a_stored_sentence_vector_is_the_sentence_read_in_its_passage(data_dir: Path) -> None:
    """The kept vector of a sentence is closer to a paraphrase of that sentence than its neighbours are."""
    service = _service(data_dir)
    store = service.retriever.sentence_vectors
    text = "The Analytics Lead watches the Liftco routing model after release. Drift is measured every week."
    (pooled,) = store.passage_sentences([(text, "Post-deployment monitoring\n" + text)])
    assert len(pooled) == 2
    first, second = (pooled[k] for k in sorted(pooled))
    q = service.retriever.embed_query("how frequently is drift checked?")
    assert float(second @ q) > float(first @ q)
    assert np.isclose(np.linalg.norm(first), 1.0, atol=1e-2)


def test_a_chunk_without_sentences_is_kept_as_empty(data_dir: Path, tmp_path: Path) -> None:
    """A chunk that is only a heading or a number has no sentence span; it is kept (empty), not an error."""
    service = _service(data_dir)
    store = service.retriever.sentence_vectors
    vectors = store.embed_chunks(["Annex", "12"], ["Scope\nAnnex", "12"])
    assert vectors.shape == (2, 384)
    assert store.passage_sentences([("Annex", "Scope\nAnnex"), ("12", "12")]) == [{}, {}]


def test_a_damaged_row_is_pooled_again_not_read(data_dir: Path, tmp_path: Path) -> None:
    """Found in the CI eval: rows of an earlier storage format (float32) read as float16 gave NaN scores and
    wrecked the answers. A row whose size does not fit its spans is ignored and pooled again."""
    copy = tmp_path / "damaged"
    shutil.copytree(data_dir, copy)
    with sqlite3.connect(copy / SENTENCE_VECTORS_FILE) as conn:
        rows = conn.execute("SELECT key, vecs FROM passages").fetchall()
        conn.executemany(  # the same vectors as float32: twice the bytes the spans call for
            "UPDATE passages SET vecs = ? WHERE key = ?",
            [(np.frombuffer(v, dtype=np.float16).astype(np.float32).tobytes(), k) for k, v in rows],
        )
    expected = _answers(_service(data_dir))
    service = _service(copy)
    assert _answers(service) == expected
