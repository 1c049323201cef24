"""The memory-mapped BM25 layout gives exactly the results of a plain in-memory BM25 over the same rows."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import pytest

from ingestion import lexical
from ingestion.lexical import LexicalIndex, lexical_text, tokenize
from ingestion.settings import Settings

LEVELS = ["public", "internal", "confidential", "restricted"]
TYPES = ["policy", "procedure", "register", "audit_report", "other"]
_WORD_TEXT = """
risk impact assessment model drift retraining incident report owner review approval supplier data lineage
retention oversight validation deployment monitoring fairness bias threshold quarterly annual committee
register nonconformity corrective action evidence audit scope objective café
"""
WORDS = _WORD_TEXT.split()
CLAUSES = ["6.1.2", "6.1.4", "8.2", "9.2", "A.6.2.4", "A.6.2.6", "A.7.4", "A.10.3"]


def _rows(n: int, seed: int = 3) -> list[tuple[str, str, dict[str, Any]]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        doc = f"docs/d{i // 7}.md"
        meta: dict[str, Any] = {"doc_id": doc, "title": f"Document {i // 7}", "section": f"Doc {i // 7} > Part {i % 7}",
                                "chunk_index": i % 7, "content_hash": f"{i:012x}"}  # fmt: skip
        if rng.random() > 0.05:  # a few chunks without some keys: absent stays absent
            meta["classification"] = rng.choice(LEVELS)
            meta["doc_type"] = rng.choice(TYPES)
            meta["status"] = "superseded" if rng.random() < 0.2 else "current"
        refs = sorted(set(rng.sample(CLAUSES, rng.randint(0, 3))))
        if refs:
            meta["clause_refs"] = refs
        if i % 11 == 0:
            meta["page"] = rng.randint(1, 40)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 60)))
        rows.append((f"{doc}::{i:012x}::{i % 7}", text, meta))
    return rows


def _reference(rows: list[tuple[str, str, dict[str, Any]]]) -> Any:
    retriever = bm25s.BM25()
    retriever.index([tokenize(lexical_text(text, meta)) for _, text, meta in rows], show_progress=False)
    return retriever


def _expected(
    rows: list[tuple[str, str, dict[str, Any]]], retriever: Any, query: str, k: int, **filters: Any
) -> list[tuple[str, float]]:
    """What the search contract says, computed over plain dicts: filter, then the top k by score."""
    vocab = retriever.vocab_dict
    token_ids = [vocab[t] for t in tokenize(query) if t in vocab]
    if not token_ids:
        return []
    scores = np.asarray(retriever.get_scores_from_ids(token_ids), dtype=np.float64)
    keep = []
    for i, (_, _, meta) in enumerate(rows):
        ok = scores[i] > 0
        for key, field in (("classifications", "classification"), ("doc_types", "doc_type"), ("statuses", "status")):
            if filters.get(key) is not None:
                ok = ok and str(meta.get(field, "")) in set(filters[key])
        if filters.get("clause") is not None:
            ok = ok and filters["clause"] in (meta.get("clause_refs") or [])
        if ok:
            keep.append(i)
    keep.sort(key=lambda i: -scores[i])  # stable: ties keep row order
    return [(rows[i][0], float(scores[i])) for i in keep[:k]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, list[tuple[str, str, dict[str, Any]]]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("lexical") / "data")
    rows = _rows(1500)
    lexical.build(settings, rows, generation=5)
    return settings, rows


def test_rows_round_trip(built: tuple[Settings, list[tuple[str, str, dict[str, Any]]]]) -> None:
    settings, rows = built
    index = LexicalIndex.load(settings)
    assert index is not None and len(index) == len(rows) and index.generation == 5
    assert list(index.ids) == [r[0] for r in rows]
    assert list(index.texts) == [r[1] for r in rows]
    assert [dict(m) for m in index.metadatas] == [r[2] for r in rows]
    for i in (0, 11, 1499, -1):
        meta = index.metadatas[i]
        assert meta.get("clause_refs") == rows[i][2].get("clause_refs")
        assert meta.get("classification") == rows[i][2].get("classification")
        assert ("page" in meta) == ("page" in rows[i][2])
    assert index.row(rows[700][0]) == 700 and index.row("nope") is None
    assert index.doc_ids() == [r[2]["doc_id"] for r in rows]
    want: dict[str, set[str]] = {}
    for _, _, meta in rows:
        want.setdefault(meta["doc_id"], set()).update(meta.get("clause_refs") or [])
    assert index.doc_refs() == {d: frozenset(r) for d, r in want.items()}
    # Nothing of the rows lives in a Python list: they are read from the memory-mapped files.
    assert not isinstance(index.texts, list) and not isinstance(index.metadatas, list)


def test_search_results_identical_to_in_memory_bm25(
    built: tuple[Settings, list[tuple[str, str, dict[str, Any]]]],
) -> None:
    settings, rows = built
    index = LexicalIndex.load(settings)
    assert index is not None
    reference = _reference(rows)
    rng = random.Random(9)
    filters: list[dict[str, Any]] = [
        {},
        {"classifications": ["public", "internal"]},
        {"classifications": ["public", "internal", "confidential"], "statuses": ["current"]},
        {"classifications": LEVELS, "doc_types": ["policy", "register"]},
        {"clause": "A.6.2.6"},
        {"clause": "9.2", "classifications": ["restricted"]},
        {"clause": "5.99"},
        {"classifications": []},
    ]
    compared = 0
    for _ in range(40):
        query = " ".join(rng.sample(WORDS, rng.randint(1, 4)))
        for f in filters:
            k = rng.choice([1, 5, 8, 40])
            got = index.search(query, k, **f)
            assert got == _expected(rows, reference, query, k, **f), (query, f)
            compared += len(got)
    assert compared > 1000  # the comparison saw real results, not empty lists
    wanted = {"docs/d3.md", "docs/d100.md"}
    mask = index.mask(doc_ids=wanted, classifications=["internal", "public"])
    assert np.flatnonzero(mask).tolist() == [
        i
        for i, (_, _, m) in enumerate(rows)
        if m["doc_id"] in wanted and m.get("classification") in ("internal", "public")
    ]
    assert index.search("zebra", 5) == []
    assert index.document_frequency("risk") == pytest.approx(
        sum("risk" in tokenize(lexical_text(t, m)) for _, t, m in rows) / len(rows)
    )


def test_index_of_the_previous_layout_is_read_and_then_rebuilt(tmp_path: Path) -> None:
    """An index written before the memory-mapped layout (one chunks.json) still answers, same results; the
    next ingest sees it as not built (another layout) and rebuilds it."""
    settings = Settings(data_dir=tmp_path / "data")
    rows = _rows(300, seed=5)
    stamp = "4-0123456789ab"
    folder = settings.bm25_dir / f"v-{stamp}"
    folder.mkdir(parents=True)
    _reference(rows).save(str(folder), show_progress=False)
    payload = {"stamp": stamp, "generation": 4, "ids": [r[0] for r in rows], "texts": [r[1] for r in rows],
               "metadatas": [r[2] for r in rows]}  # fmt: skip
    (folder / "chunks.json").write_text(json.dumps(payload), encoding="utf-8")
    (folder / "build.json").write_text(json.dumps({"generation": 4, "tokenizer": lexical.TOKENIZER_VERSION}))
    (settings.bm25_dir / "CURRENT").write_text(f"v-{stamp}\n", encoding="utf-8")

    old = LexicalIndex.load(settings)
    assert old is not None and old.stamp == stamp and len(old) == 300
    assert LexicalIndex.built_generation(settings) is None  # the pipeline will rebuild it
    new = lexical.build(settings, rows, generation=4)
    assert LexicalIndex.built_generation(settings) == 4
    for query in ("risk review", "café audit", "supplier data lineage"):
        for f in ({}, {"classifications": ["public"]}, {"clause": "6.1.4", "statuses": ["current"]}):
            assert old.search(query, 10, **f) == new.search(query, 10, **f)
    assert [dict(m) for m in new.metadatas] == list(old.metadatas)
