"""Pydantic models at the core's boundary: the answer JSON contract and the reports built on it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Intent = Literal["fact", "interpretation", "gap", "evidence", "checklist", "policy_draft", "crosswalk"]
Verdict = Literal["covered", "partial", "missing"]
Channel = Literal["cli", "http", "slack", "eval", "mcp"]


class Citation(BaseModel):
    """One numbered piece of evidence; ``quote`` is always a verbatim substring of the stored chunk."""

    n: int
    doc_id: str
    title: str
    doc_type: str
    source: str
    section: str = ""
    page: int | None = None
    quote: str
    chunk_id: str
    classification: str
    effective_date: str | None = None
    status: str = "current"
    score: float = 0.0


class Answer(BaseModel):
    """The answer contract shared by the CLI (``--json``), HTTP and Slack rendering."""

    answer: str
    intent: Intent
    verdict: Verdict | None = None
    abstained: bool = False
    clauses: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    answerer: str = "extractive"
    config_hash: str = ""
    prompt_hash: str = ""
    latency_ms: int = 0
    #: Audit-log row of this interaction (for feedback); empty when not logged.
    interaction_id: str = ""
    conversation_id: str | None = None
    #: Chunk ids retrieved (cited or not); recorded in the audit log, not rendered.
    retrieved_chunk_ids: list[str] = Field(default_factory=list)


class Asker(BaseModel):
    """Who asks, through which channel; the role decides the clearance."""

    user: str = "local"
    role: str = "staff"
    channel: Channel = "cli"
    #: Optional cap below the role's clearance (a Slack channel's clearance).
    max_classification: str | None = None


class GapItem(BaseModel):
    """Coverage of one clause or control by the organization's evidence."""

    id: str
    title: str
    kind: str
    status: Verdict
    confidence: float
    evidence_strength: Literal["implements", "lists_only", "none"]
    citations: list[Citation] = Field(default_factory=list)
    missing_obligations: list[str] = Field(default_factory=list)
    rationale: str
    #: True when every document evidencing this entry is past its review-due date (the verdict is then at
    #: most "partial"; the rationale says why).
    stale: bool = False
    #: The evidencing documents past their review-due date (doc ids), whether or not all of them are.
    stale_documents: list[str] = Field(default_factory=list)


class GapReport(BaseModel):
    """A gap analysis over a scope of the catalog."""

    scope: str
    role: str
    items: list[GapItem]
    counts: dict[str, int]
    config_hash: str = ""


class ChecklistItem(BaseModel):
    """One audit checklist question, answerable yes/no, with the evidence found so far."""

    id: str
    clause_id: str
    check: str
    evidence_expected: list[str]
    evidence_found: list[Citation] = Field(default_factory=list)
    status: Verdict
    suggested_owner: str


class Checklist(BaseModel):
    """An audit checklist for a set of clauses/controls."""

    title: str
    clauses: list[str]
    items: list[ChecklistItem]


class PolicyDraft(BaseModel):
    """A Markdown policy skeleton with citations to what the organization already has."""

    title: str
    clauses: list[str]
    markdown: str
    citations: list[Citation] = Field(default_factory=list)
    answerer: str = "extractive"
