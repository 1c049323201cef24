"""Gap analysis: for each clause/control, which of the catalog's obligations the organization's evidence meets.

Evidence is judged per obligation: a chunk supports an obligation when its embedding is close to the
obligation's wording, or when it names the clause explicitly and is reasonably close. Chunks of *listing*
documents (those that name a large share of the standard, such as a Statement of Applicability) only show that
a control was listed, not implemented, and never make a control covered on their own. Evidence sentences that
admit incompleteness ("not yet", "overdue", "no record") cap the verdict at partial.
Thresholds were calibrated on the sample corpus's answer key (docs/calibration.md).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.catalog import Catalog, CatalogEntry
from assistant.models import Citation, GapItem, GapReport, Verdict
from assistant.retrieval import Hit, Retriever, clearance_where
from assistant.text import INJECTION, content_terms, sentences

#: Cosine similarity at which a chunk on its own supports an obligation.
T_OBLIGATION = 0.56
#: Lower bar for a chunk that names the clause/control id explicitly.
T_REFERENCED = 0.42
#: Share of obligations with implementing evidence needed for "covered".
T_COVERED = 0.5
#: A document naming at least this many distinct clause/control ids is a listing (SoA-like) document.
LISTING_MIN_REFS = 15

INCOMPLETE = re.compile(
    r"\b(not yet|no (formal |documented |defined |dedicated )?(record|process|procedure|channel|evidence|sign-?off)s?"
    r"|overdue|outstanding|missing|pending|incomplete|partially|not (been )?(signed|completed|recorded|produced|"
    r"defined|established|documented|implemented|validated|assessed)|to be (produced|defined|developed|established)"
    r"|has no|have no|were not|was not|lack(s|ed|ing)?)\b",
    re.I,
)


@dataclass(frozen=True)
class ObligationEvidence:
    """The citation that evidences one obligation and the owner of its document."""

    citation: Citation
    owner: str


@dataclass
class _Chunk:
    hit: Hit
    vector: np.ndarray
    listing: bool
    explicit: bool


class GapAssessor:
    """Assesses coverage of catalog entries against the evidence an asker may read."""

    def __init__(self, retriever: Retriever, catalog: Catalog) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self._vectors: dict[str, np.ndarray] = {}
        self._listing_cache: tuple[str | None, frozenset[str]] = (None, frozenset())
        self._lock = threading.Lock()

    # --- public ------------------------------------------------------------------------------------
    def report(self, scope: str, clearance: Sequence[str], role: str) -> GapReport:
        """A gap report for every clause/control in ``scope`` (``all``, ``clauses``, ``annex-a`` or a prefix)."""
        ids = self.catalog.ids_in_scope(scope)
        self._warm([self.catalog[i] for i in ids])
        items = [self.assess(i, clearance) for i in ids]
        counts = {v: sum(1 for it in items if it.status == v) for v in ("covered", "partial", "missing")}
        return GapReport(scope=scope, role=role, items=items, counts=counts)

    def assess(self, entry_id: str, clearance: Sequence[str]) -> GapItem:
        """Coverage of one entry; groups and parent clauses aggregate their children."""
        entry = self.catalog[entry_id]
        children = self.catalog.children(entry_id)
        if children:
            return self._aggregate(entry, [self.assess(c.id, clearance) for c in children])
        return self._assess_leaf(entry, clearance)

    # --- leaf assessment ---------------------------------------------------------------------------
    def _assess_leaf(self, entry: CatalogEntry, clearance: Sequence[str]) -> GapItem:
        return self.assess_obligations(entry.id, clearance)[0]

    def assess_obligations(
        self, entry_id: str, clearance: Sequence[str]
    ) -> tuple[GapItem, dict[int, ObligationEvidence]]:
        """A leaf entry's gap item plus, per obligation index, the citation and owner that evidence it."""
        entry = self.catalog[entry_id]
        vectors = self._entry_vectors(entry)
        chunks = self._evidence_chunks(entry, vectors, clearance)
        obligations = list(entry.obligations)
        implementing: dict[int, _Chunk] = {}
        listed = False
        for i in range(len(obligations)):
            ob_vec = vectors[i + 1]
            best: tuple[float, _Chunk] | None = None
            for ch in chunks:
                sim = float(np.dot(ch.vector, ob_vec))
                supports = sim >= T_OBLIGATION or (ch.explicit and sim >= T_REFERENCED)
                if not supports:
                    continue
                if ch.listing:
                    listed = True
                    continue
                if best is None or sim > best[0]:
                    best = (sim, ch)
            if best is not None:
                implementing[i] = best[1]
        if not implementing and any(ch.listing and ch.explicit for ch in chunks):
            listed = True

        citations: list[Citation] = []
        per_obligation: dict[int, ObligationEvidence] = {}
        weak_signals: list[str] = []
        for i, ch in sorted(implementing.items()):
            quote = _best_sentence(ch.hit.text, obligations[i] + " " + entry.title + " " + " ".join(entry.keywords))
            if quote is None:
                continue
            if INCOMPLETE.search(quote):
                weak_signals.append(quote)
            cite = next((c for c in citations if c.chunk_id == ch.hit.chunk_id and c.quote == quote), None)
            if cite is None:
                cite = ch.hit.to_citation(len(citations) + 1, quote)
                citations.append(cite)
            per_obligation[i] = ObligationEvidence(cite, str(ch.hit.meta.get("owner", "")))
        weak_signals.extend(self._incomplete_mentions(entry, chunks))

        share = len(implementing) / max(1, len(obligations))
        status: Verdict
        if not implementing:
            status = "missing"
        elif share >= T_COVERED and not weak_signals:
            status = "covered"
        else:
            status = "partial"
        missing_obs = [o for i, o in enumerate(obligations) if i not in implementing]
        strength = "implements" if implementing else ("lists_only" if listed else "none")
        item = GapItem(
            id=entry.id,
            title=entry.title,
            kind=entry.kind,
            status=status,
            confidence=_confidence(status, share, bool(weak_signals)),
            evidence_strength=strength,
            citations=citations,
            missing_obligations=missing_obs,
            rationale=_rationale(entry, status, len(implementing), len(obligations), strength, weak_signals),
        )
        return item, per_obligation

    def _incomplete_mentions(self, entry: CatalogEntry, chunks: Sequence[_Chunk]) -> list[str]:
        """Sentences of implementing evidence that name this entry and admit it is incomplete."""
        out: list[str] = []
        anchor = set(content_terms(entry.title + " " + " ".join(entry.keywords)))
        for ch in chunks:
            if ch.listing:
                continue
            for span in sentences(ch.hit.text):
                if not INCOMPLETE.search(span.text):
                    continue
                names_it = entry.id in span.text or len(anchor & set(content_terms(span.text))) >= 2
                if names_it:
                    out.append(span.text)
        return out

    def _evidence_chunks(self, entry: CatalogEntry, vectors: np.ndarray, clearance: Sequence[str]) -> list[_Chunk]:
        coll = self.retriever.collection
        total = coll.count()
        if total == 0:
            return []
        where = clearance_where(clearance)
        listing_docs = self._listing_docs()
        seen: dict[str, _Chunk] = {}
        res = coll.query(
            query_embeddings=vectors.tolist(),
            n_results=min(6, total),
            where=where,
            include=["documents", "metadatas", "embeddings"],
        )
        for q in range(len(res["ids"])):
            for j, cid in enumerate(res["ids"][q]):
                if cid in seen:
                    continue
                meta = dict(res["metadatas"][q][j] or {})
                seen[cid] = self._chunk(
                    cid, res["documents"][q][j] or "", meta, res["embeddings"][q][j], entry, listing_docs
                )
        got = coll.get(
            where={"$and": [where, {"clause_refs": {"$contains": entry.id}}]},
            include=["documents", "metadatas", "embeddings"],
            limit=24,
        )
        for j, cid in enumerate(got["ids"]):
            if cid not in seen:
                meta = dict(got["metadatas"][j] or {})
                seen[cid] = self._chunk(cid, got["documents"][j] or "", meta, got["embeddings"][j], entry, listing_docs)
        return [c for c in seen.values() if c.hit.meta.get("status", "current") != "superseded"]

    @staticmethod
    def _chunk(
        cid: str, text: str, meta: dict[str, object], emb: object, entry: CatalogEntry, listing_docs: frozenset[str]
    ) -> _Chunk:
        refs = [str(r) for r in (meta.get("clause_refs") or [])]  # type: ignore[attr-defined]
        hit = Hit(chunk_id=cid, text=text, meta=meta)
        return _Chunk(
            hit=hit,
            vector=np.asarray(emb, dtype=np.float32),
            listing=str(meta.get("doc_id", "")) in listing_docs,
            explicit=entry.id in refs,
        )

    def _listing_docs(self) -> frozenset[str]:
        lexical = self.retriever.lexical()
        stamp = lexical.stamp if lexical is not None else None
        if stamp is not None and stamp == self._listing_cache[0]:
            return self._listing_cache[1]
        refs: dict[str, set[str]] = {}
        if lexical is not None:
            for meta in lexical.metadatas:
                refs.setdefault(str(meta.get("doc_id", "")), set()).update(meta.get("clause_refs") or [])
        listing = frozenset(d for d, r in refs.items() if len(r) >= LISTING_MIN_REFS)
        self._listing_cache = (stamp, listing)
        return listing

    # --- embeddings of catalog wording ------------------------------------------------------------
    def _entry_vectors(self, entry: CatalogEntry) -> np.ndarray:
        vec = self._vectors.get(entry.id)
        if vec is None:
            self._warm([entry])
            vec = self._vectors[entry.id]
        return vec

    def _warm(self, entries: Sequence[CatalogEntry]) -> None:
        todo = [e for e in entries if e.id not in self._vectors and not self.catalog.children(e.id)]
        if not todo:
            return
        texts: list[str] = []
        for e in todo:
            texts.append(f"{e.title}. {' '.join(e.keywords)}")
            texts.extend(e.obligations)
        vecs = np.asarray(self.retriever.embedder.embed_documents(texts), dtype=np.float32)
        with self._lock:
            pos = 0
            for e in todo:
                n = 1 + len(e.obligations)
                self._vectors[e.id] = vecs[pos : pos + n]
                pos += n

    # --- aggregation -----------------------------------------------------------------------------
    def _aggregate(self, entry: CatalogEntry, kids: Sequence[GapItem]) -> GapItem:
        statuses = {k.status for k in kids}
        status: Verdict = "covered" if statuses == {"covered"} else "missing" if statuses == {"missing"} else "partial"
        citations: list[Citation] = []
        for k in kids:
            for c in k.citations[:1]:
                citations.append(c.model_copy(update={"n": len(citations) + 1}))
        weak = [k.id for k in kids if k.status != "covered"]
        rationale = (
            f"All {len(kids)} parts of {entry.id} are covered."
            if status == "covered"
            else f"{len(weak)} of {len(kids)} parts of {entry.id} lack full evidence: {', '.join(weak)}."
        )
        strengths = {k.evidence_strength for k in kids}
        strength = "implements" if "implements" in strengths else "lists_only" if "lists_only" in strengths else "none"
        return GapItem(
            id=entry.id,
            title=entry.title,
            kind=entry.kind,
            status=status,
            confidence=round(sum(k.confidence for k in kids) / len(kids), 2),
            evidence_strength=strength,  # type: ignore[arg-type]
            citations=citations,
            missing_obligations=[f"{k.id}: {o}" for k in kids for o in k.missing_obligations],
            rationale=rationale,
        )


def _best_sentence(text: str, target: str) -> str | None:
    want = set(content_terms(target))
    best: tuple[float, str] | None = None
    for span in sentences(text):
        if INJECTION.search(span.text):
            continue
        toks = set(content_terms(span.text))
        if not toks:
            continue
        score = len(toks & want) / (1 + 0.02 * len(toks))
        if best is None or score > best[0]:
            best = (score, span.text)
    return best[1] if best else None


def _confidence(status: Verdict, share: float, weak: bool) -> float:
    if status == "missing":
        return 0.8
    if status == "covered":
        return round(min(0.95, 0.55 + 0.4 * share), 2)
    return round(0.5 + (0.15 if weak else 0.0), 2)


def _rationale(entry: CatalogEntry, status: Verdict, have: int, total: int, strength: str, weak: list[str]) -> str:
    if status == "missing":
        if strength == "lists_only":
            return (
                f"{entry.id} is only listed (e.g. in a Statement of Applicability); no document shows it implemented."
            )
        return f"No document in your evidence addresses {entry.id} ({entry.title})."
    base = f"Evidence found for {have} of {total} obligations of {entry.id}."
    if weak:
        return base + " Your own documents note it is incomplete."
    return base
