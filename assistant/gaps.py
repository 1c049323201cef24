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
from typing import Any, Literal

import numpy as np

from assistant.catalog import Catalog, CatalogEntry
from assistant.extractive import best_sentence
from assistant.models import Citation, GapItem, GapReport, Verdict
from assistant.retrieval import Hit, Retriever, clearance_where, readable
from assistant.text import sentences

INCOMPLETE = re.compile(
    r"\b(not yet|no (formal |documented |defined |dedicated )?(record|process|procedure|channel|evidence|sign-?off)s?"
    r"|overdue|outstanding|missing|pending|incomplete|partially|not (been )?(signed|completed|recorded|produced|"
    r"defined|established|documented|implemented|validated|assessed)|to be (produced|defined|developed|established)"
    r"|has no|have no|were not|was not|lack(s|ed|ing)?)\b",
    re.I,
)


Strength = Literal["implements", "lists_only", "none"]

#: Modal wording of advice: text that says something should be done, not that it is.
ADVICE = re.compile(
    r"\b(should|could|may wish to|is (strongly )?recommended|are (strongly )?recommended|we recommend|"
    r"it is advisable|consider(ing)?|best practice|organi[sz]ations (should|can|may))\b",
    re.I,
)
#: Wording of practice: statements that the organization does, did or must do something.
PRACTICE = re.compile(
    r"\b(must|shall|will|is|are|was|were|has been|have been|we (do|maintain|review|record|hold|keep|use|run)|"
    r"approved|recorded|reviewed|signed|completed|owns?|owned|maintains?|performs?|conducts?)\b",
    re.I,
)


def is_guidance(meta: dict[str, Any], text: str) -> bool:
    """Whether a passage advises rather than evidences: its document is guidance/draft, or it only recommends.

    Named rule (why not a model signal): the embedding model places "X should be reviewed" and "X is reviewed"
    almost on top of each other, so meaning alone cannot tell intention from implementation; the document's
    type and the modal verbs can.
    """
    if str(meta.get("doc_type", "")) == "other" or str(meta.get("status", "")) == "draft":
        return True
    advice = len(ADVICE.findall(text))
    return advice > 0 and advice >= len(PRACTICE.findall(text)) / 2


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
    #: The chunk itself names the entry's id.
    explicit: bool
    #: The chunk's document names the entry's id somewhere.
    explicit_doc: bool = False
    #: Guidance, not practice: a document of type ``other``, a draft, or a passage that only recommends.
    guidance: bool = False


@dataclass(frozen=True)
class GapThresholds:
    """The decision thresholds of the gap analysis (fitted leave-one-corpus-out, docs/calibration.md)."""

    #: Cosine similarity (chunk vs. obligation wording, after the adjustments below) that evidences an obligation,
    #: used when ``relative`` is None.
    obligation: float = 0.45
    #: Added to that similarity when the chunk's document names the entry's id: a boost, never a requirement.
    explicit_bonus: float = 0.1
    #: Subtracted for guidance rather than practice: documents of type ``other``, drafts, and passages that only
    #: recommend ("should", "is recommended") — advice that something be done is not evidence that it is done.
    #: The leave-one-corpus-out fit chose 0.0 (docs/calibration.md): the penalty is kept as a named knob.
    guidance_penalty: float = 0.0
    #: The bar is the index's baseline similarity plus this offset (cosine levels differ between corpora).
    relative: float | None = -0.1
    #: Share of obligations with evidence needed for "covered".
    covered: float = 0.2
    #: Share of obligations below which the entry is "missing" (no evidence at all is always missing).
    min_share: float = 0.5
    #: An incompleteness sentence this close to the entry's wording (or naming its id) caps it at partial.
    weak: float = 0.6


@dataclass
class LeafFeatures:
    """The evidence around one leaf entry: candidate chunks and their similarity to each obligation."""

    entry: CatalogEntry
    chunks: list[_Chunk]
    sims: np.ndarray
    explicit_docs: frozenset[str]
    weak: list[Weak]
    #: The index's typical evidence similarity (median over leaves of the best match per obligation); cosine
    #: levels of one model differ from corpus to corpus, so thresholds are relative to it when set.
    baseline: float | None = None


@dataclass(frozen=True)
class Weak:
    """A sentence admitting incompleteness, and how close it is to the entry's wording."""

    text: str
    similarity: float
    names_id: bool


def judge(f: LeafFeatures, t: GapThresholds) -> tuple[Verdict, dict[int, _Chunk], list[str], bool]:
    """The verdict for a leaf from its features: (status, implementing chunk per obligation, weak sentences, listed).

    One function for every caller (``ask``, ``gaps``, checklists, calibration), so they can never disagree.
    """
    n_ob = f.sims.shape[0]
    implementing: dict[int, _Chunk] = {}
    listed = any(ch.listing and ch.explicit for ch in f.chunks)
    if f.chunks:
        adjust = np.array(
            [(t.explicit_bonus if ch.explicit_doc else 0.0) - (t.guidance_penalty if ch.guidance else 0.0)
             for ch in f.chunks],
            dtype=np.float32,
        )  # fmt: skip
        listing = np.array([ch.listing for ch in f.chunks], dtype=bool)
        bar = t.obligation if t.relative is None or f.baseline is None else f.baseline + t.relative
        supports = (f.sims + adjust[None, :]) >= bar
        if (supports & listing[None, :]).any():
            listed = True
        usable = np.where(supports & ~listing[None, :], f.sims, -np.inf)
        for i in range(n_ob):
            j = int(np.argmax(usable[i]))
            if np.isfinite(usable[i, j]):
                implementing[i] = f.chunks[j]
    weak = [w.text for w in f.weak if w.names_id or w.similarity >= t.weak]
    share = len(implementing) / max(1, n_ob)
    status: Verdict
    if not implementing or share < t.min_share:
        status = "missing"
    elif share >= t.covered and not weak:
        status = "covered"
    else:
        status = "partial"
    return status, implementing, weak, listed


class GapAssessor:
    """Assesses coverage of catalog entries against the evidence an asker may read."""

    def __init__(self, retriever: Retriever, catalog: Catalog) -> None:
        self.retriever = retriever
        self.catalog = catalog
        self._vectors: dict[str, np.ndarray] = {}
        self._sentence_vectors: dict[str, np.ndarray] = {}
        self._quotable_chunks: dict[str, bool] = {}
        self._lock = threading.Lock()
        self.thresholds = GapThresholds()
        self._baselines: dict[tuple[str | None, tuple[str, ...]], float] = {}

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
        f = self.features(entry_id, clearance)
        if self.thresholds.relative is not None:
            f.baseline = self.baseline(clearance)
        return self.decide(f, self.thresholds)

    def baseline(self, clearance: Sequence[str]) -> float:
        """The index's typical evidence similarity under a clearance: median over leaves of the mean best match.

        Computed once per index state and clearance (it needs every leaf's features, about what a full gap report
        costs) so that one control's verdict is the same whether asked alone or in a report.
        """
        key = (self.retriever.lexical_stamp(), tuple(sorted(clearance)))
        cached = self._baselines.get(key)
        if cached is not None:
            return cached
        leaves = [e for e in self.catalog if not self.catalog.children(e.id)]
        self._warm(leaves)
        # One batched nearest-neighbour query for every obligation of every leaf (a per-leaf evidence search
        # would cost as much as a full gap report on the first single-control question of a process).
        vectors = [self._vectors[e.id][1:] for e in leaves]
        counts = [len(v) for v in vectors]
        where = clearance_where(clearance)

        def nearest(coll: Any) -> Any:
            # The ChunkStore answers an n beyond its size (or an empty store) with what it has, so no count()
            # first: that counts every level's collection, 0.5 s of a 4.3 s full report.
            res = coll.query(
                query_embeddings=np.concatenate(vectors).tolist(), n_results=6, where=where, include=["distances"]
            )
            return res if any(res["ids"]) else None

        res = self.retriever.store_call(nearest)
        best: list[float] = []
        if res is not None:
            top = [1.0 - float(d[0]) if d else 0.0 for d in res["distances"]]
            pos = 0
            for n in counts:
                if n:
                    best.append(float(np.mean(top[pos : pos + n])))
                pos += n
        value = float(np.median(best)) if best else self.thresholds.obligation
        with self._lock:
            self._baselines[key] = value
        return value

    def features(self, entry_id: str, clearance: Sequence[str]) -> LeafFeatures:
        """What the evidence looks like for one leaf entry, before any threshold is applied."""
        entry = self.catalog[entry_id]
        vectors = self._entry_vectors(entry)
        chunks = self._evidence_chunks(entry, vectors, clearance)
        n_ob = len(entry.obligations)
        sims = np.zeros((n_ob, len(chunks)), dtype=np.float32)
        for j, ch in enumerate(chunks):
            sims[:, j] = vectors[1:] @ ch.vector
        explicit_docs = {ch.hit.doc_id for ch in chunks if ch.explicit_doc and not ch.listing}
        return LeafFeatures(
            entry=entry,
            chunks=chunks,
            sims=sims,
            explicit_docs=frozenset(explicit_docs),
            weak=self._incomplete_mentions(entry, chunks, vectors),
        )

    def decide(self, f: LeafFeatures, t: GapThresholds) -> tuple[GapItem, dict[int, ObligationEvidence]]:
        """Apply thresholds to a leaf's features: the verdict, its citations and per-obligation evidence."""
        entry = f.entry
        obligations = list(entry.obligations)
        status, implementing, weak, listed = judge(f, t)
        share = len(implementing) / max(1, len(obligations))

        citations: list[Citation] = []
        per_obligation: dict[int, ObligationEvidence] = {}
        for i, ch in sorted(implementing.items()):
            quote = best_sentence(ch.hit.text, obligations[i] + " " + entry.title + " " + " ".join(entry.keywords))
            if quote is None:
                continue
            cite = next((c for c in citations if c.chunk_id == ch.hit.chunk_id and c.quote == quote), None)
            if cite is None:
                cite = ch.hit.to_citation(len(citations) + 1, quote)
                citations.append(cite)
            per_obligation[i] = ObligationEvidence(cite, str(ch.hit.meta.get("owner", "")))

        if status == "missing":
            citations, per_obligation = [], {}
        missing_obs = [o for i, o in enumerate(obligations) if i not in per_obligation]
        strength: Strength = "implements" if status != "missing" else ("lists_only" if listed else "none")
        item = GapItem(
            id=entry.id,
            title=entry.title,
            kind=entry.kind,
            status=status,
            confidence=_confidence(status, share, bool(weak)),
            evidence_strength=strength,
            citations=citations,
            missing_obligations=missing_obs,
            rationale=_rationale(entry, status, len(per_obligation), len(obligations), strength, weak),
        )
        return item, per_obligation

    def _incomplete_mentions(self, entry: CatalogEntry, chunks: Sequence[_Chunk], vectors: np.ndarray) -> list[Weak]:
        """Sentences of implementing evidence that admit something is incomplete, with their closeness to the entry."""
        texts: list[str] = []
        for ch in chunks:
            if ch.listing:
                continue
            for span in sentences(ch.hit.text):
                if INCOMPLETE.search(span.text) and span.text not in texts:
                    texts.append(span.text)
        if not texts:
            return []
        missing = [t for t in texts if t not in self._sentence_vectors]
        if missing:
            # Through the retriever's sentence-vector cache (kept in the data dir): a fresh `clausewise gaps`
            # then reads these vectors instead of encoding them again (0.5 s of a full report).
            embedded = np.asarray(self.retriever.sentence_vectors.vectors(missing), dtype=np.float32)
            with self._lock:
                for t, v in zip(missing, embedded, strict=True):
                    self._sentence_vectors[t] = v
        out: list[Weak] = []
        for t in texts:
            sim = float(np.max(vectors @ self._sentence_vectors[t]))
            out.append(Weak(t, sim, entry.id in t))
        return out

    def _evidence_chunks(self, entry: CatalogEntry, vectors: np.ndarray, clearance: Sequence[str]) -> list[_Chunk]:
        """Candidate chunks: nearest to each obligation, those naming the id, and the best of documents naming it."""
        where = clearance_where(clearance)
        listing = self.retriever.listing_docs()
        doc_refs = self.retriever.doc_refs()
        naming = sorted(d for d, refs in doc_refs.items() if entry.id in refs and d not in listing)
        seen: dict[str, _Chunk] = {}

        def keep(cid: str, text: str | None, meta: Any, emb: Any) -> None:
            if cid in seen:
                return
            m = dict(meta or {})
            doc = str(m.get("doc_id", ""))
            refs = [str(r) for r in (m.get("clause_refs") or [])]
            seen[cid] = _Chunk(
                hit=Hit(chunk_id=cid, text=text or "", meta=m),
                vector=np.asarray(emb, dtype=np.float32),
                listing=doc in listing,
                explicit=entry.id in refs,
                explicit_doc=entry.id in doc_refs.get(doc, frozenset()),
                guidance=is_guidance(m, text or ""),
            )

        def nearest(coll: Any) -> Any:
            # No count() first (see baseline's query): the store answers with what it has.
            res = coll.query(
                query_embeddings=vectors.tolist(), n_results=6, where=where,
                include=["documents", "metadatas", "embeddings"],
            )  # fmt: skip
            return res if any(res["ids"]) else None

        res = self.retriever.store_call(nearest)
        if res is None:
            return []
        for q in range(len(res["ids"])):
            for j, cid in enumerate(res["ids"][q]):
                if readable(res["metadatas"][q][j] or {}, clearance):
                    keep(cid, res["documents"][q][j], res["metadatas"][q][j], res["embeddings"][q][j])
        # Chunks naming the id, and chunks of documents naming it, are found through the BM25 index's metadata
        # under the same clearance mask and fetched by id: a filtered Chroma query costs ~200 ms at 100k chunks.
        todo = [cid for cid in self._named_chunk_ids(entry.id, naming, clearance) if cid not in seen]
        # Fetched by id, each chunk is checked against the clearance on the metadata Chroma returns with it:
        # the BM25 mask may be older than a reclassification.
        for cid, text, meta, emb in self.retriever.fetch(todo, clearance, embeddings=True):
            keep(cid, text, meta, emb)
        # A chunk with no sentence to quote (a heading alone: "4. Requirements and specification") resembles an
        # obligation by its words but evidences nothing; every verdict cites what it counts.
        current = [c for c in seen.values() if c.hit.meta.get("status", "current") != "superseded"]
        return [c for c in current if self._quotable(c.hit)]

    def _quotable(self, hit: Hit) -> bool:
        """Whether the chunk has a sentence a citation can quote; once per chunk (ids carry the content hash), as the
        same chunks come up for many entries of a report."""
        known = self._quotable_chunks.get(hit.chunk_id)
        if known is None:
            known = best_sentence(hit.text, "") is not None
            with self._lock:
                if len(self._quotable_chunks) > 100_000:
                    self._quotable_chunks.clear()
                self._quotable_chunks[hit.chunk_id] = known
        return known

    def _named_chunk_ids(self, entry_id: str, naming: Sequence[str], clearance: Sequence[str]) -> list[str]:
        """Up to 24 chunks that name the id plus up to 40 chunks of the documents naming it, within clearance."""
        lexical = self.retriever.lexical()
        if lexical is None:
            return []
        allowed = lexical.mask(classifications=clearance)
        named = np.flatnonzero(allowed & lexical.mask(clause=entry_id))[:24]
        wanted = set(naming)
        in_docs = np.flatnonzero(allowed & lexical.mask(doc_ids=wanted))[:40]
        return list(dict.fromkeys(lexical.ids[int(i)] for i in [*named, *in_docs]))

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
        # Through the persistent sentence-vector cache: the catalog wording is encoded once per model.
        vecs = np.asarray(self.retriever.sentence_vectors.vectors(texts), dtype=np.float32)
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
        strength: Strength = (
            "implements" if "implements" in strengths else "lists_only" if "lists_only" in strengths else "none"
        )
        return GapItem(
            id=entry.id,
            title=entry.title,
            kind=entry.kind,
            status=status,
            confidence=round(sum(k.confidence for k in kids) / len(kids), 2),
            evidence_strength=strength,
            citations=citations,
            missing_obligations=[f"{k.id}: {o}" for k in kids for o in k.missing_obligations],
            rationale=rationale,
        )


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
