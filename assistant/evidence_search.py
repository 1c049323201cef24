"""Evidence search and quote checks for agents: the hits an asker may see, and whether a quote is in a document.

Both run under the asker's clearance like every answer: retrieval filters inside the search, and a document above
the clearance reads as not found (its existence is not revealed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant import injection
from assistant.citations import find_quote
from assistant.retrieval import Hit, Retriever, SearchRequest

#: Longest snippet returned per hit (characters); the full chunk is one ``verify_quote`` or viewer call away.
SNIPPET_CHARS = 700
#: Most hits one search may return.
MAX_K = 50


class EvidenceHit(BaseModel):
    """One retrieved passage the asker may read."""

    rank: int
    doc_id: str
    title: str
    doc_type: str
    source: str
    section: str = ""
    page: int | None = None
    chunk_id: str
    classification: str
    status: str = "current"
    effective_date: str | None = None
    score: float
    #: The passage's start, verbatim except that sentences addressed to AI assistants are replaced by a marker.
    snippet: str
    #: True when the snippet was cut at :data:`SNIPPET_CHARS`.
    truncated: bool = False
    #: True when text addressed to AI assistants was removed from the snippet.
    injection_removed: bool = False
    clause_refs: list[str] = Field(default_factory=list)


class EvidenceResults(BaseModel):
    """Hybrid-retrieval hits for a query, limited to the asker's clearance."""

    query: str
    k: int
    hits: list[EvidenceHit]
    warnings: list[str] = Field(default_factory=list)


class QuoteCheck(BaseModel):
    """Whether a quote appears in a document the asker may read."""

    doc_id: str
    quote: str
    found: bool
    #: ``verbatim``: an exact substring of one stored chunk (the rule every citation passes); ``whitespace``: the
    #: same words once runs of whitespace are collapsed; ``none``: not in the document (or no such readable one).
    match: Literal["verbatim", "whitespace", "none"]
    chunk_id: str | None = None
    section: str | None = None
    page: int | None = None
    title: str | None = None
    detail: str


def _snippet(text: str) -> tuple[str, bool]:
    if len(text) <= SNIPPET_CHARS:
        return text, False
    cut = text[:SNIPPET_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_CHARS // 2 else cut).rstrip(), True


def _hit(rank: int, hit: Hit) -> EvidenceHit:
    cited = hit.to_citation(rank, "")
    clean = injection.redact(hit.text)
    snippet, truncated = _snippet(clean)
    return EvidenceHit(
        rank=rank, doc_id=cited.doc_id, title=cited.title, doc_type=cited.doc_type, source=cited.source,
        section=cited.section, page=cited.page, chunk_id=hit.chunk_id, classification=cited.classification,
        status=cited.status, effective_date=cited.effective_date, score=cited.score, snippet=snippet,
        truncated=truncated, injection_removed=clean != hit.text, clause_refs=hit.clause_refs,
    )  # fmt: skip


def checked_query(query: str, k: int) -> str:
    """The stripped query; ``ValueError`` naming the argument when the query or ``k`` is unusable."""
    query = query.strip()
    if not query:
        raise ValueError("query: must not be empty")
    if len(query) > 2000:
        raise ValueError("query: longer than 2000 characters")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k: must be between 1 and {MAX_K}, got {k}")
    return query


def search(retriever: Retriever, query: str, clearance: Sequence[str], k: int) -> EvidenceResults:
    """The top ``k`` hybrid hits for ``query`` within ``clearance``; ``ValueError`` naming a bad argument."""
    query = checked_query(query, k)
    hits = retriever.search(SearchRequest(query=query, clearance=tuple(clearance), k=k))[:k]
    return EvidenceResults(
        query=query, k=k, hits=[_hit(i, h) for i, h in enumerate(hits, start=1)],
        warnings=injection.document_warnings(hits),
    )  # fmt: skip


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_quote(doc_id: str, quote: str, view: Any) -> QuoteCheck:
    """Look for ``quote`` in ``view`` (``viewer.DocumentView`` of a readable document, or None)."""
    if not doc_id.strip():
        raise ValueError("doc_id: must not be empty")
    if not quote.strip():
        raise ValueError("quote: must not be empty")
    if len(quote) > 5000:
        raise ValueError("quote: longer than 5000 characters")
    if view is None:
        # The same answer for a document that does not exist and one above the asker's clearance.
        return QuoteCheck(doc_id=doc_id, quote=quote, found=False, match="none",
                          detail=f"no document {doc_id!r} that you can read")  # fmt: skip
    title = str(view.meta.get("title") or "") or None
    chunks = {c.chunk_id: c for c in view.chunks}
    chunk_id = find_quote(quote, {cid: c.text for cid, c in chunks.items()})
    match: Literal["verbatim", "whitespace", "none"] = "verbatim"
    if chunk_id is None:
        squashed = _squash(quote)
        chunk_id = next((cid for cid, c in chunks.items() if squashed and squashed in _squash(c.text)), None)
        match = "whitespace"
    if chunk_id is None:
        return QuoteCheck(doc_id=doc_id, quote=quote, found=False, match="none", title=title,
                          detail="the quote is not in this document's stored text")  # fmt: skip
    chunk = chunks[chunk_id]
    detail = ("a verbatim substring of the stored text" if match == "verbatim"
              else "the same words as the stored text once whitespace is collapsed")  # fmt: skip
    return QuoteCheck(
        doc_id=doc_id, quote=quote, found=True, match=match, chunk_id=chunk_id, section=chunk.section or None,
        page=chunk.page, title=title, detail=detail,
    )  # fmt: skip
