"""Contradictions across the whole index: every pair of current documents stating different values of one quantity.

An answer checks its own top sentences (``contradictions.find_conflict``); the Conflicts page needs the same test
over everything an asker may read. Each sentence of each current chunk within the clearance yields its quantities
(``contradictions.extract``); two quantities from different documents conflict under exactly the rules an answer
uses: the same unit class, values that differ once normalised, and subject and masked-clause similarities at the
matcher's thresholds. The phrase vectors come from the process-wide matcher's cache, so a second scan is cheap; the
result is cached per clearance until the index changes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel

from assistant.contradictions import Quantity, _phrases, extract, matcher_for, values_differ
from assistant.models import Citation
from assistant.retrieval import Hit, Retriever, and_where, clearance_where, readable
from assistant.text import is_record, sentences
from ingestion.manifest import read_generation

#: At most this many conflicts are reported (the strongest first); a real index has a handful.
MAX_CONFLICTS = 100
#: Sentences longer than this are not compared (a table flattened into one "sentence" says nothing about one subject).
MAX_SENTENCE_CHARS = 600
#: A comparable quantity names what it is about in at least this many words, inside a clause of at least this many.
MIN_SUBJECT_WORDS = 2
MIN_CONTEXT_WORDS = 5
#: An answer compares a dozen sentences already retrieved for one question; the scan compares every sentence with
#: every other, so shared boilerplate ("reports to the lead") would pair unrelated rules. It asks more: the clauses
#: with the quantity masked, and the two whole sentences, must be this similar as well.
SCAN_CONTEXT_SIMILARITY = 0.75
SCAN_SENTENCE_SIMILARITY = 0.7


class ConflictSide(BaseModel):
    """One side of a contradiction: the value as written and the cited sentence that states it."""

    value: str
    citation: Citation


class ConflictItem(BaseModel):
    """Two current documents that disagree on one quantity about the same subject."""

    unit_class: str
    subject: str
    first: ConflictSide
    second: ConflictSide
    #: Cosine similarity of the two subject phrases (how surely they are about the same thing).
    similarity: float


@dataclass(frozen=True)
class _Found:
    hit: Hit
    sentence: str
    quantity: Quantity


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]{2,}", text))


def _quantities(chunks: Sequence[Hit]) -> list[_Found]:
    found: list[_Found] = []
    for hit in chunks:
        # Register rows are records, not statements of policy: a row's "30 days" is one case, not a rule.
        if is_record(hit.text):
            continue
        for span in sentences(hit.text):
            if len(span.text) > MAX_SENTENCE_CHARS:
                continue
            # Only a quantity with a named subject and a clause around it states something comparable; a bare
            # "quarterly" in a table cell would match every other frequency in the index.
            found.extend(_Found(hit, span.text, q) for q in extract(span.text)
                         if _words(q.subject) >= MIN_SUBJECT_WORDS and _words(q.context) >= MIN_CONTEXT_WORDS)
    return found


def scan(retriever: Retriever, clearance: Sequence[str]) -> list[ConflictItem]:
    """Every contradiction between current documents the clearance allows, strongest first."""
    where = and_where(clearance_where(clearance), {"status": "current"})
    got = retriever.store_call(lambda c: c.get(where=where, include=["documents", "metadatas"]))
    chunks = [
        Hit(chunk_id=cid, text=got["documents"][i] or "", meta=dict(got["metadatas"][i] or {}))
        for i, cid in enumerate(got["ids"])
    ]
    # The metadata returned with each chunk decides, as everywhere else (``retrieval.readable``).
    chunks = [h for h in chunks if readable(h.meta, clearance) and h.meta.get("status", "current") == "current"]
    chunks.sort(key=lambda h: h.chunk_id)
    found = _quantities(chunks)
    matcher = matcher_for(retriever.embedder)
    vectors = matcher.vectors([p for f in found for p in _phrases(f.quantity)])
    items: list[tuple[float, ConflictItem]] = []
    seen: set[tuple[str, ...]] = set()
    by_class: dict[str, list[_Found]] = {}
    for f in found:
        by_class.setdefault(f.quantity.unit_class, []).append(f)
    for unit_class, group in sorted(by_class.items()):
        subj = np.stack([vectors[_phrases(f.quantity)[0]] for f in group])
        ctx = np.stack([vectors[_phrases(f.quantity)[1]] for f in group])
        s_sim, c_sim = subj @ subj.T, ctx @ ctx.T
        context_floor = max(matcher.context_threshold, SCAN_CONTEXT_SIMILARITY)
        close = np.argwhere((s_sim >= matcher.subject_threshold) & (c_sim >= context_floor))
        for i, j in close:
            if i >= j:
                continue
            a, b = group[int(i)], group[int(j)]
            if a.hit.doc_id == b.hit.doc_id or not values_differ(a.quantity, b.quantity):
                continue
            if a.hit.doc_id > b.hit.doc_id:
                a, b = b, a
            key = (a.hit.doc_id, b.hit.doc_id, a.sentence, b.sentence)
            if key in seen:
                continue
            seen.add(key)
            whole = matcher.vectors([a.sentence, b.sentence])
            if float(whole[a.sentence] @ whole[b.sentence]) < SCAN_SENTENCE_SIMILARITY:
                continue
            sim = float(s_sim[i, j])
            items.append((sim, ConflictItem(
                unit_class=unit_class,
                subject=a.quantity.subject or b.quantity.subject,
                first=ConflictSide(value=a.quantity.text, citation=a.hit.to_citation(1, a.sentence)),
                second=ConflictSide(value=b.quantity.text, citation=b.hit.to_citation(2, b.sentence)),
                similarity=round(sim, 3),
            )))
    items.sort(key=lambda x: (-x[0], x[1].first.citation.doc_id, x[1].second.citation.doc_id))
    return [item for _, item in items[:MAX_CONFLICTS]]


class ConflictCache:
    """Scan results per clearance, valid while the index is unchanged (the lexical index's stamp)."""

    def __init__(self) -> None:
        """An empty cache."""
        self._lock = threading.Lock()
        self._results: dict[tuple[tuple[str, ...], Any], list[ConflictItem]] = {}

    def get(self, retriever: Retriever, clearance: Sequence[str]) -> list[ConflictItem]:
        """The scan for ``clearance``, computed once per index state."""
        # A reclassification or a new version moves the manifest generation; any content change the BM25 stamp.
        key = (tuple(sorted(clearance)), (read_generation(retriever.settings), retriever.lexical_stamp()))
        with self._lock:
            if key in self._results:
                return self._results[key]
        result = scan(retriever, clearance)
        with self._lock:
            # Only the current index state is worth keeping.
            self._results = {k: v for k, v in self._results.items() if k[1] == key[1]}
            self._results[key] = result
        return result
