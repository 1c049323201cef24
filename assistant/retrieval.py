"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank, clause-aware, clearance-filtered.

Clearance is enforced inside both searches, never by trimming a top-k list afterwards, so a restricted chunk can
never push a permitted one out of the candidates or leak: the dense side searches only the collections of the
levels the asker may read (``ingestion.chunk_store``: one Chroma collection per classification level, each
queried unfiltered, merged by distance), the BM25 side masks by classification. Every chunk is then checked
again on the metadata fetched with it (``readable``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.catalog import Catalog
from assistant.models import Citation
from ingestion.embedding import Embedder
from ingestion.lexical import LexicalIndex
from ingestion.manifest import read_generation
from ingestion.settings import CLASSIFICATION_ORDER, Settings

log = logging.getLogger(__name__)

RRF_K = 60
#: Weight of one clause-filtered dense list in the fusion; a chunk that names the asked clause is strong evidence.
CLAUSE_LIST_WEIGHT = 1.0
#: Superseded documents keep being findable but rank below current ones on the same subject.
SUPERSEDED_FACTOR = 0.5
DRAFT_FACTOR = 0.8
#: The top dense (meaning) matches always reach the answer stage, whatever their fused rank.
DENSE_KEEP = 3


@dataclass
class Hit:
    """One retrieved chunk with its scores."""

    chunk_id: str
    text: str
    meta: dict[str, Any]
    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    clause_match: bool = False
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        """The document this chunk belongs to."""
        return str(self.meta.get("doc_id", ""))

    def to_citation(self, n: int, quote: str) -> Citation:
        """A numbered citation of a verbatim quote from this chunk."""
        m = self.meta
        page = m.get("page")
        return Citation(
            n=n,
            doc_id=self.doc_id,
            title=str(m.get("title", "")),
            doc_type=str(m.get("doc_type", "other")),
            source=str(m.get("source", self.doc_id)),
            section=str(m.get("section", "")),
            page=int(page) if isinstance(page, int | float) else None,
            quote=quote,
            chunk_id=self.chunk_id,
            classification=str(m.get("classification", "internal")),
            effective_date=str(m["effective_date"]) if m.get("effective_date") else None,
            status=str(m.get("status", "current")),
            score=round(float(self.score or self.dense), 4),
        )

    @property
    def clause_refs(self) -> list[str]:
        """Clause ids the chunk's text mentions."""
        refs = self.meta.get("clause_refs") or []
        return [str(r) for r in refs]


@dataclass(frozen=True)
class SearchRequest:
    """What to search for and under which constraints."""

    query: str
    clearance: tuple[str, ...]
    k: int = 8
    clauses: tuple[str, ...] = ()
    expansion: str = ""
    doc_types: tuple[str, ...] = ()
    candidates: int = 40
    max_per_doc: int = 3
    #: The asker wants earlier versions too ("the old policy", "version 1.0"): no penalty for superseded ones.
    history: bool = False


def clearance_where(clearance: Collection[str], doc_types: Collection[str] = ()) -> dict[str, Any] | None:
    """The ``where`` that limits a query to what the asker may read.

    Its classification part picks the level collections of the ``ChunkStore`` (each searched without a filter:
    milliseconds, where a metadata filter costs hundreds at 100k chunks) and is checked again on each result's
    metadata. A clearance covering every level (an auditor) excludes nothing, so no condition is sent.
    """
    clauses: list[dict[str, Any]] = []
    if not set(CLASSIFICATION_ORDER) <= set(clearance):
        clauses.append({"classification": {"$in": sorted(clearance)}})
    if doc_types:
        clauses.append({"doc_type": {"$in": sorted(doc_types)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def and_where(*parts: dict[str, Any] | None) -> dict[str, Any] | None:
    """Combine optional ``where`` filters with ``$and``."""
    real = [p for p in parts if p]
    if not real:
        return None
    return real[0] if len(real) == 1 else {"$and": real}


def readable(meta: dict[str, Any], clearance: Collection[str], doc_types: Collection[str] = ()) -> bool:
    """Whether a chunk, by the metadata fetched with it, is within the asker's clearance (and doc types).

    Every chunk that reaches an answer, a gap item, a checklist or a page passes this check on the metadata
    Chroma returned *with the chunk*, so a stale BM25 mask (a reclassification whose lexical rebuild has not
    happened yet, or was killed) can never hand a lower role a chunk above its clearance.
    """
    if str(meta.get("classification", "")) not in clearance:
        return False
    return not doc_types or str(meta.get("doc_type", "")) in doc_types


#: Opens the chunk and catalog collections again (a fresh Chroma client): how a serving process catches up.
Reopen = Callable[[], tuple[Any, Any]]


class Retriever:
    """Hybrid retriever over the evidence collection; one per process, safe to share between threads.

    Other processes may ingest into the same data dir (the CLI, another server worker). An embedded Chroma
    client keeps its vector index in memory and does not see their writes (queries then name deleted ids and
    fail with "Error finding id"). Before each search the retriever compares the manifest generation and the
    BM25 stamp with the ones it last saw; when either moved, it reopens Chroma through ``reopen``. A query that
    still meets a stale id (a write landed in between) is retried once on a reopened store.
    """

    def __init__(
        self,
        settings: Settings,
        collection: Any,
        embedder: Embedder,
        catalog: Catalog,
        catalog_collection: Any = None,
        reopen: Reopen | None = None,
    ) -> None:
        self.settings = settings
        self._collection = collection
        self.catalog_collection = catalog_collection
        self._reopen = reopen
        self._seen_state = self.index_state()
        self.embedder = embedder
        self.catalog = catalog
        self._lexical: LexicalIndex | None = None
        self._lexical_stamp: str | None = None
        self._written_forms: dict[tuple[str, str], list[str]] = {}
        self._listing: frozenset[str] = frozenset()
        self._doc_refs: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()
        self._query_vectors: dict[str, np.ndarray] = {}
        self._sentence_vectors: Any = None

    # --- store lifecycle ---------------------------------------------------------------------------
    def index_state(self) -> tuple[int, str | None]:
        """(manifest generation, lexical index stamp): changes with every ingest, by any process."""
        return read_generation(self.settings), LexicalIndex.current_stamp(self.settings)

    @property
    def collection(self) -> Any:
        """The chunk collection, reopened first when another process changed the index since the last look."""
        if self._reopen is not None:
            state = self.index_state()
            if state != self._seen_state:
                self.refresh(state)
        return self._collection

    def refresh(self, state: tuple[int, str | None] | None = None) -> None:
        """Reopen the Chroma collections (a fresh client) so writes of other processes become visible."""
        if self._reopen is None:
            return
        with self._lock:
            self._collection, catalog = self._reopen()
            if catalog is not None:
                self.catalog_collection = catalog
            self._seen_state = state if state is not None else self.index_state()

    def store_call(self, op: Callable[[Any], Any]) -> Any:
        """Run one Chroma call (given the chunk collection); on a stale-store error reopen, retry once.

        Stale-store errors: another process deleted chunks or rewrote a collection since this client loaded it.
        """
        try:
            return op(self.collection)
        except Exception as exc:
            if self._reopen is None or not _stale_store_error(exc):
                raise
            log.info("vector store changed under this process (%s); reopening and retrying", exc)
            self.refresh()
            return op(self._collection)

    def fetch(
        self,
        ids: Sequence[str],
        clearance: Collection[str],
        *,
        embeddings: bool = False,
        doc_types: Collection[str] = (),
    ) -> list[tuple[str, str, dict[str, Any], Any]]:
        """``(id, text, metadata, embedding)`` of chunks by id, only those the clearance (and doc types) allow."""
        unique = list(dict.fromkeys(ids))
        if not unique:
            return []
        include = ["documents", "metadatas", "embeddings"] if embeddings else ["documents", "metadatas"]
        # Only the collections of the levels the clearance covers; ``readable`` below still decides.
        got = self.store_call(lambda c: c.get(ids=unique, include=include, levels=clearance))
        vectors = got.get("embeddings") if embeddings else None
        out: list[tuple[str, str, dict[str, Any], Any]] = []
        for i, cid in enumerate(got["ids"]):
            meta = dict(got["metadatas"][i] or {})
            if not readable(meta, clearance, doc_types):
                continue
            vector = vectors[i] if vectors is not None and len(vectors) > i else None
            out.append((cid, got["documents"][i] or "", meta, vector))
        return out

    @property
    def sentence_vectors(self) -> Any:
        """The process's cache of sentence embeddings (``assistant.answering.semantic.SentenceVectors``)."""
        if self._sentence_vectors is None:
            from ingestion.sentence_vectors import SENTENCE_VECTORS_FILE, SentenceVectors

            with self._lock:
                if self._sentence_vectors is None:
                    self._sentence_vectors = SentenceVectors(
                        self.embedder, self.settings.data_dir / SENTENCE_VECTORS_FILE
                    )
        return self._sentence_vectors

    def term_share(self, term: str) -> float:
        """Share of indexed chunks containing ``term`` (BM25 vocabulary); 0.0 when absent or no index."""
        lexical = self.lexical()
        return lexical.document_frequency(term) if lexical is not None else 0.0

    def written_forms(self, word: str) -> list[str]:
        """How the indexed documents write ``word`` in mid-sentence (see :meth:`LexicalIndex.written_forms`)."""
        lexical = self.lexical()
        if lexical is None:
            return []
        # Kept per index: a name is asked about again and again, and each lookup scores every chunk.
        key = (lexical.stamp, word)
        forms = self._written_forms.get(key)
        if forms is None:
            forms = lexical.written_forms(word)
            if len(self._written_forms) >= 4096:
                self._written_forms.clear()
            self._written_forms[key] = forms
        return forms

    # --- lexical index lifecycle -----------------------------------------------------------------
    def lexical(self) -> LexicalIndex | None:
        """The BM25 index, reloaded when an ingest rebuilt it (uploads through the API)."""
        stamp = LexicalIndex.current_stamp(self.settings)
        if stamp != self._lexical_stamp:
            with self._lock:
                if stamp != self._lexical_stamp:
                    self._lexical = LexicalIndex.load(self.settings)
                    self._doc_refs = _doc_refs(self._lexical)
                    self._listing = frozenset(d for d, r in self._doc_refs.items() if len(r) >= LISTING_MIN_REFS)
                    self._lexical_stamp = stamp
        return self._lexical

    def lexical_stamp(self) -> str | None:
        """The stamp of the BM25 index in use: changes with every ingest that changed the index."""
        self.lexical()
        return self._lexical_stamp

    def listing_docs(self) -> frozenset[str]:
        """Documents that name a large share of the standard (a Statement of Applicability, a crosswalk).

        Such a document shows a control was *listed*, not that it is implemented, and its rows are poor answers.
        """
        self.lexical()
        return self._listing

    def doc_refs(self) -> dict[str, frozenset[str]]:
        """Clause/control ids each document names anywhere in its text."""
        self.lexical()
        return self._doc_refs

    # --- search ------------------------------------------------------------------------------------
    def embed_query(self, text: str) -> np.ndarray:
        """Normalised query embedding; one answer asks for the same text more than once (topics, search)."""
        cached = self._query_vectors.get(text)
        if cached is None:
            cached = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
            with self._lock:
                if len(self._query_vectors) >= 256:
                    self._query_vectors.pop(next(iter(self._query_vectors)))
                self._query_vectors[text] = cached
        return cached

    def search(self, req: SearchRequest, query_vector: np.ndarray | None = None) -> list[Hit]:
        """Fused top-k hits for a request; never returns a chunk outside the request's clearance."""
        if not req.clearance:
            return []
        where = clearance_where(req.clearance, req.doc_types)
        dense_text = f"{req.query}\n{req.expansion}".strip() if req.expansion else req.query
        vector = query_vector if query_vector is not None else self.embed_query(dense_text)

        ranked: dict[str, list[tuple[str, float]]] = {}
        ranked["dense"] = self._dense(vector, where, req.candidates)
        lexical = self.lexical()
        if lexical is not None:
            lex_query = f"{req.query} {req.expansion}".strip()
            ranked["bm25"] = lexical.search(
                lex_query,
                req.candidates,
                classifications=req.clearance,
                doc_types=req.doc_types or None,
            )
        for clause in req.clauses[:4]:
            # Chunks naming the clause, ranked by BM25 under the same clearance mask. A Chroma query with a
            # metadata filter costs ~200 ms at 100k chunks; the BM25 mask costs well under a millisecond.
            if lexical is not None:
                ranked[f"clause:{clause}"] = lexical.search(
                    f"{req.query} {req.expansion}".strip() or clause,
                    10,
                    classifications=req.clearance,
                    doc_types=req.doc_types or None,
                    clause=clause,
                )

        fused: dict[str, float] = {}
        dense_sim: dict[str, float] = dict(ranked["dense"])
        lexical_score: dict[str, float] = dict(ranked.get("bm25", []))
        rank_of: dict[str, dict[str, int]] = {}
        for name, items in ranked.items():
            weight = CLAUSE_LIST_WEIGHT if name.startswith("clause:") else 1.0
            for rank, (cid, _score) in enumerate(items):
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
                rank_of.setdefault(cid, {})[name] = rank
        if not fused:
            return []
        hits = self._materialise(list(fused), vector, req.clearance, req.doc_types)
        asked = set(req.clauses)
        for hit in hits:
            hit.score = fused[hit.chunk_id]
            hit.ranks = rank_of.get(hit.chunk_id, {})
            hit.lexical = lexical_score.get(hit.chunk_id, 0.0)
            hit.dense = dense_sim.get(hit.chunk_id, hit.dense)
            hit.clause_match = bool(asked.intersection(_with_ancestors(hit.clause_refs)))
            status = hit.meta.get("status", "current")
            if status == "superseded" and not req.history:
                hit.score *= SUPERSEDED_FACTOR
            elif status == "draft":
                hit.score *= DRAFT_FACTOR
        hits.sort(key=lambda h: h.score, reverse=True)
        chosen = _diversify(hits, req.k, req.max_per_doc)
        # The nearest passages by meaning stay candidates even when lexical noise (common words matching
        # everywhere) outvotes them in the fusion: a paraphrase shares no words with its answer.
        have = {h.chunk_id for h in chosen}
        by_id = {h.chunk_id: h for h in hits}
        for cid, _sim in ranked["dense"][:DENSE_KEEP]:
            if cid not in have and cid in by_id:
                chosen.append(by_id[cid])
                have.add(cid)
        return chosen

    def _dense(self, vector: np.ndarray, where: dict[str, Any] | None, n: int) -> list[tuple[str, float]]:
        def query(coll: Any) -> Any:
            # The ChunkStore answers an n beyond its size (or an empty store) with what it has: no count() needed.
            return coll.query(query_embeddings=[vector.tolist()], n_results=n, where=where, include=["distances"])

        res = self.store_call(query)
        if res is None:
            return []
        ids = res["ids"][0] if res["ids"] else []
        dists = res["distances"][0] if res.get("distances") else [1.0] * len(ids)
        # Cosine space: distance = 1 - cosine similarity.
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, dists, strict=True)]

    def _materialise(
        self, ids: Sequence[str], vector: np.ndarray, clearance: Collection[str], doc_types: Collection[str] = ()
    ) -> list[Hit]:
        hits: list[Hit] = []
        for cid, text, meta, emb in self.fetch(ids, clearance, embeddings=True, doc_types=doc_types):
            sim = float(np.dot(np.asarray(emb, dtype=np.float32), vector)) if emb is not None else 0.0
            hits.append(Hit(chunk_id=cid, text=text, meta=meta, dense=sim))
        return hits

    def semantic_topics(self, query: str, k: int = 5) -> list[tuple[str, float]]:
        """Catalog entries nearest to the question's meaning (the catalog's own collection, never evidence)."""
        if self.catalog_collection is None:
            return []
        from assistant.catalog_index import search_catalog

        vector = self.embed_query(query)
        found = self.store_call(lambda _chunks: search_catalog(self.catalog_collection, vector, k))
        return [(i, s) for i, s in found if i in self.catalog]

    def get_chunks(self, chunk_ids: Sequence[str], clearance: Collection[str]) -> dict[str, Hit]:
        """Chunks by id (text and metadata) that the clearance allows, for verification and rendering."""
        return {
            cid: Hit(chunk_id=cid, text=text, meta=meta) for cid, text, meta, _ in self.fetch(chunk_ids, clearance)
        }


#: A document naming at least this many distinct clause/control ids is a listing document.
LISTING_MIN_REFS = 15


def _doc_refs(lexical: LexicalIndex | None) -> dict[str, frozenset[str]]:
    # From the index's integer columns: decoding every chunk's metadata would cost seconds at 100k chunks.
    return lexical.doc_refs() if lexical is not None else {}


def _stale_store_error(exc: BaseException) -> bool:
    """Chroma's error for an id its in-memory index knows but its storage no longer has (or the reverse)."""
    text = str(exc).lower()
    return "error finding id" in text or "does not exist" in text or "nothing found on disk" in text


def _with_ancestors(ids: Sequence[str]) -> set[str]:
    """An id plus its ancestors: a chunk naming A.5.2 also speaks to A.5 (and 6.1.4 to 6.1)."""
    out: set[str] = set()
    for cid in ids:
        parts = cid.split(".")
        for i in range(len(parts), 0, -1):
            out.add(".".join(parts[:i]))
    return out


def _diversify(hits: list[Hit], k: int, max_per_doc: int) -> list[Hit]:
    """Top k by score with at most ``max_per_doc`` chunks from any one document (more only if needed)."""
    chosen: list[Hit] = []
    overflow: list[Hit] = []
    per_doc: dict[str, int] = {}
    for hit in hits:
        n = per_doc.get(hit.doc_id, 0)
        if n < max_per_doc:
            chosen.append(hit)
            per_doc[hit.doc_id] = n + 1
        else:
            overflow.append(hit)
        if len(chosen) >= k:
            return chosen
    return (chosen + overflow)[:k]
