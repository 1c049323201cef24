"""``GET /v1/evidence`` and ``POST /v1/quotes/verify``: the MCP tools ``search_evidence`` / ``verify_quote`` over HTTP.

Any API key may call them; its role's clearance limits what is searched and which documents a quote is looked for in.
"""

from __future__ import annotations

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from assistant.evidence_search import MAX_K, EvidenceResults, QuoteCheck
from assistant.routers.api import _NON_BLANK, _responses
from assistant.routers.deps import Caller, State, asker_of, call, service_of

router = APIRouter()


class QuoteRequest(BaseModel):
    """A quote to look for in one document."""

    doc_id: str = Field(min_length=1, max_length=500, pattern=_NON_BLANK, examples=["org/policies/ai_policy.md"])
    quote: str = Field(min_length=1, max_length=5000, pattern=_NON_BLANK,
                       examples=["reviews this policy every 12 months"])  # fmt: skip


@router.get("/v1/evidence", tags=["answers"], responses=_responses(400, 401, 422, 503))
async def evidence(
    key: Caller,
    state: State,
    query: str = Query(min_length=1, max_length=2000, pattern=_NON_BLANK, description="What to look for."),
    k: int = Query(8, ge=1, le=MAX_K, description="How many passages to return."),
) -> EvidenceResults:
    """Passages from the documents the caller may read (hybrid retrieval), best first, with verbatim snippets."""
    results: EvidenceResults = await call(service_of(state).search_evidence, query, asker_of(key), k)
    return results


@router.post("/v1/quotes/verify", tags=["answers"], responses=_responses(400, 401, 422, 503))
async def verify_quote(body: QuoteRequest, key: Caller, state: State) -> QuoteCheck:
    """Whether a quote appears in a document the caller may read (one it may not read reads as not found)."""
    check: QuoteCheck = await call(service_of(state).verify_quote, body.doc_id, body.quote, asker_of(key))
    return check
