"""Single-method baselines on the same index: plain Chroma similarity and BM25 alone, same clearance filter."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.evaluation.chunks import chunk_infos
from assistant.evaluation.key import KeyQuestion
from assistant.evaluation.metrics import LatencyStats, doc_ranking, section_hit_rank
from assistant.evaluation.report import BASELINE_DEPTH, BaselineLatency
from assistant.evaluation.stats import percentile
from assistant.retrieval import SearchRequest, clearance_where

if TYPE_CHECKING:
    from assistant.service import ClausewiseService

#: Chunks fetched per baseline query: enough for ten distinct files in nearly every case.
BASELINE_CHUNKS = BASELINE_DEPTH


@dataclass
class BaselineRun:
    """One baseline's file ranking and section hit rank per question id."""

    doc_rankings: dict[str, list[str]] = field(default_factory=dict)
    section_ranks: dict[str, int | None] = field(default_factory=dict)


@dataclass
class BaselineRuns:
    """Both baselines and what they cost."""

    runs: dict[str, BaselineRun]
    latency: BaselineLatency


def _stats(values: list[float]) -> LatencyStats:
    return LatencyStats(
        n=len(values), p50=percentile(values, 50), p95=percentile(values, 95), max=max(values) if values else None
    )


def run_baselines(
    svc: ClausewiseService,
    questions: Sequence[KeyQuestion],
    clearance_of: Callable[[KeyQuestion], Sequence[str]],
    n: int = BASELINE_CHUNKS,
    *,
    vector_only: bool = False,
) -> BaselineRuns:
    """Rank chunks per question: the hybrid retriever alone, the question's embedding alone, BM25 alone.

    ``vector_only`` runs just the naive vector-only ranking (cheap; the targets compare the answers with it).
    """
    retriever = svc.retriever
    collection = retriever.collection
    lexical = retriever.lexical()
    vector = BaselineRun()
    bm25 = BaselineRun()
    fused = BaselineRun()
    t_encode: list[float] = []
    t_vector: list[float] = []
    t_bm25: list[float] = []
    total = collection.count()
    for q in questions:
        clearance = tuple(clearance_of(q))
        t0 = time.perf_counter()
        qvec = retriever.embed_query(q.question)
        t1 = time.perf_counter()
        res = collection.query(
            query_embeddings=[qvec.tolist()],
            n_results=max(1, min(n, total)),
            where=clearance_where(clearance),
            include=[],
        )
        t2 = time.perf_counter()
        vec_ids: list[str] = list(res["ids"][0]) if res["ids"] else []
        t_encode.append((t1 - t0) * 1000)
        t_vector.append((t2 - t1) * 1000)
        lex_ids: list[str] = []
        if vector_only:
            vector.doc_rankings[q.id] = doc_ranking(vec_ids)
            if q.expected_sections:
                vector.section_ranks[q.id] = section_hit_rank(vec_ids, chunk_infos(collection, vec_ids),
                                                              q.expected_sections)  # fmt: skip
            continue
        if lexical is not None:
            t3 = time.perf_counter()
            lex_ids = [cid for cid, _ in lexical.search(q.question, n, classifications=clearance)]
            t_bm25.append((time.perf_counter() - t3) * 1000)
        # The hybrid retriever alone on the raw question (no intent routing, clause expansion or answer-side
        # trimming), as deep as the baselines: separates the fusion's quality from the answer's choices.
        hits = retriever.search(SearchRequest(query=q.question, clearance=clearance, k=n, candidates=n))
        fused_ids = [h.chunk_id for h in hits]
        for run, ids in ((vector, vec_ids), (bm25, lex_ids), (fused, fused_ids)):
            run.doc_rankings[q.id] = doc_ranking(ids)
            if q.expected_sections:
                infos = chunk_infos(collection, ids)
                run.section_ranks[q.id] = section_hit_rank(ids, infos, q.expected_sections)
    runs = {"vector-only": vector} if vector_only else {"hybrid-retriever": fused, "vector-only": vector}
    if lexical is not None and not vector_only:
        runs["bm25-only"] = bm25
    return BaselineRuns(
        runs=runs,
        latency=BaselineLatency(encode=_stats(t_encode), vector_query=_stats(t_vector), bm25_query=_stats(t_bm25)),
    )
