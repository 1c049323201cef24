"""The MCP server (official ``mcp`` SDK, ``MCPServer``): read-only tools over ``ClausewiseService``.

The adapter is thin. Each tool resolves the caller's API key to an ``Asker`` (channel ``mcp``, the key's role and so
its clearance), calls one service method, returns the same pydantic model the HTTP API returns, and writes one
audit-log row (``ask`` through the service, like every channel; the others with ``AuditLog.record_call``).
Served over stdio by ``clausewise mcp`` and over streamable HTTP at ``/mcp`` by ``clausewise serve``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from assistant.auth import KeyRing
from assistant.crosswalk import CrosswalkView, FrameworkCoverage
from assistant.evidence_search import MAX_K, EvidenceResults, QuoteCheck
from assistant.models import Answer, Asker, Checklist, Citation, GapReport
from assistant.service import ClauseView, ClausewiseService, IndexEmptyError
from ingestion.settings import ApiKey

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Resolves the API key behind one tool call; raises ``ToolError`` when there is none or it is not known.
Identify = Callable[[Context], ApiKey]

INSTRUCTIONS = (
    "Clausewise answers ISO/IEC 42001 questions from the organization's own governance documents, with "
    "citations whose quotes are verbatim substrings of the stored text. Every tool is read-only and limited to "
    "what the API key's role may read. Use ask for questions, search_evidence for raw passages, explain_clause "
    "for a clause or Annex A control with its evidence, list_gaps for coverage, get_checklist for audit checks, "
    "crosswalk to map NIST AI RMF / EU AI Act references to ISO/IEC 42001 (list_framework_gaps for a whole "
    "framework), list_stale_documents for documents past review, verify_quote to check a quote before repeating it."
)


class StaleDocuments(BaseModel):
    """Documents the caller may read that are past their review-due date (``/v1/documents`` rows)."""

    today: str
    documents: list[dict[str, Any]]


def _annotations(title: str) -> ToolAnnotations:
    # Reads only: nothing in the index changes (the audit row is the service's own record, not the caller's).
    return ToolAnnotations(
        title=title, read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
    )


def bearer_token(value: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header value; empty when there is none."""
    scheme, _, token = (value or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def key_from_headers(keys: KeyRing) -> Identify:
    """HTTP: the key in the request's ``Authorization: Bearer <key>`` header (the same key ring as ``/v1``)."""

    def identify(ctx: Context) -> ApiKey:
        headers = ctx.headers or {}
        token = bearer_token(headers.get("authorization"))
        if not token:
            raise ToolError("missing API key: send 'Authorization: Bearer <key>'")
        key = keys.authenticate(token)
        if key is None:
            raise ToolError("invalid API key")
        return key

    return identify


def fixed_key(keys: KeyRing, token: str) -> Identify:
    """stdio: one key for the whole session (``CLAUSEWISE_API_KEY``), checked again on every call (revocation)."""

    def identify(_ctx: Context) -> ApiKey:
        key = keys.authenticate(token.strip())
        if key is None:
            raise ToolError("invalid API key: CLAUSEWISE_API_KEY is not (or no longer) a key of this data dir")
        return key

    return identify


class LazyService:
    """The service built once, on first use or ahead of it on a thread (``clausewise mcp`` answers at once)."""

    def __init__(self, build: Callable[[], ClausewiseService]) -> None:
        """Wrap ``build``; nothing is built yet."""
        self._build = build
        self._lock = threading.Lock()
        self._service: ClausewiseService | None = None

    def __call__(self) -> ClausewiseService:
        """The service, building it if nobody has yet."""
        with self._lock:
            if self._service is None:
                self._service = self._build()
            return self._service

    def start(self) -> None:
        """Build in the background so the first tool call does not pay for loading the model."""
        threading.Thread(target=self._warm, name="clausewise-mcp-warm", daemon=True).start()

    def _warm(self) -> None:
        try:
            self()
        except Exception:  # the first tool call builds again and reports the failure to the client
            log.exception("building the service failed")


def _disclosed(citations: Sequence[Citation]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for c in citations:
        seen.setdefault(c.chunk_id, {"chunk_id": c.chunk_id, "doc_id": c.doc_id})
    return list(seen.values())


class _Tools:
    """What every tool shares: the caller's asker, the service, error mapping and the audit row."""

    def __init__(self, service: Callable[[], ClausewiseService], identify: Identify) -> None:
        self.service = service
        self.identify = identify

    def asker(self, ctx: Context) -> Asker:
        key = self.identify(ctx)
        return Asker(user=key.name, role=key.role, channel="mcp")

    def run(
        self,
        ctx: Context,
        tool: str,
        arguments: Mapping[str, Any],
        work: Callable[[ClausewiseService, Asker], T],
        describe: Callable[[T], tuple[str, list[str], list[dict[str, str]]]] | None,
        *,
        lookup_arg: str,
    ) -> T:
        """Run ``work`` for the caller; bad input becomes a tool error naming the argument; audit every call."""
        asker = self.asker(ctx)  # an unknown key is refused before anything is read or recorded
        svc = self.service()
        try:
            result = work(svc, asker)
        except IndexEmptyError as exc:
            self._record(svc, asker, tool, arguments, f"error: {exc}", error=True)
            raise ToolError(str(exc)) from exc
        except (ValueError, LookupError) as exc:
            message = str(exc.args[0]) if exc.args else type(exc).__name__
            if ":" not in message.split(" ", 1)[0]:
                message = f"{lookup_arg}: {message}"  # the service's messages name the argument; else it is this one
            self._record(svc, asker, tool, arguments, f"error: {message}", error=True)
            raise ToolError(message) from exc
        if describe is not None:
            outcome, clauses, disclosed = describe(result)
            self._record(svc, asker, tool, arguments, outcome, clauses=clauses, disclosed=disclosed)
        return result

    @staticmethod
    def _record(
        svc: ClausewiseService, asker: Asker, tool: str, arguments: Mapping[str, Any], outcome: str, *,
        clauses: Sequence[str] = (), disclosed: Sequence[Mapping[str, str]] = (), error: bool = False,
    ) -> None:  # fmt: skip
        if svc.audit is not None:
            svc.audit.record_call(asker=asker, tool=tool, arguments=arguments, outcome=outcome, clauses=clauses,
                                  disclosed=disclosed, error=error)  # fmt: skip


def _gap_counts(report: GapReport) -> str:
    return ", ".join(f"{n} {status}" for status, n in report.counts.items())


def build_mcp_server(source: ClausewiseService | Callable[[], ClausewiseService], identify: Identify) -> MCPServer:
    """The MCP server with Clausewise's read-only tools over one service; ``identify`` names the caller's key.

    ``source`` is the service or a function returning it (``clausewise serve`` builds the service at start-up).
    """
    service: Callable[[], ClausewiseService] = (
        (lambda: source) if isinstance(source, ClausewiseService) else source
    )
    tools = _Tools(service, identify)
    # The SDK's constructor calls logging.basicConfig (a Rich handler on the root logger); how the process logs is
    # the host's choice (uvicorn's, the CLI's), so the root logger is put back as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    server: MCPServer = MCPServer(
        "clausewise", title="Clausewise", version="0.1.0", instructions=INSTRUCTIONS, log_level="WARNING",
        description="Grounded ISO/IEC 42001 answers, evidence, gaps and audit checklists over your documents.",
    )  # fmt: skip
    root.handlers[:] = handlers
    root.setLevel(level)

    @server.tool(annotations=_annotations("Ask a question"))
    def ask(
        question: Annotated[str, Field(min_length=1, max_length=2000, description="The question, in plain words.")],
        ctx: Context,
        conversation_id: Annotated[str | None, Field(max_length=200, description=(
            "An id of your choosing; send it again with follow-up questions so they build on the earlier turns "
            "(kept per key)."))] = None,
        doc_types: Annotated[list[str], Field(max_length=11, description=(
            "Only evidence from these document types (policy, procedure, risk_assessment, ...)."))] = [],  # noqa: B006
    ) -> Answer:
        """Answer a question about the organization's ISO/IEC 42001 management system, with verified citations.

        The answer's sentences cite numbered quotes that are verbatim substrings of the stored documents; a gap
        question ("do we have ...") also gets a verdict (covered / partial / missing). Logged in the audit log.
        """
        args = {"question": question, "conversation_id": conversation_id, "doc_types": doc_types}
        answer = tools.run(ctx, "ask", args,
                           lambda svc, asker: svc.ask(question, asker, conversation_id, doc_types),
                           None, lookup_arg="question")  # fmt: skip
        # The HTTP API leaves this out too: retrieval internals for the audit log, not for the caller.
        answer.retrieved_chunk_ids = []
        return answer

    @server.tool(annotations=_annotations("Search the evidence"))
    def search_evidence(
        query: Annotated[str, Field(min_length=1, max_length=2000, description="What to look for.")],
        ctx: Context,
        k: Annotated[int, Field(ge=1, le=MAX_K, description="How many passages to return.")] = 8,
    ) -> EvidenceResults:
        """Find passages in the governance documents (hybrid dense + keyword retrieval), best first.

        Each hit names its document, section and score and carries the passage's start verbatim; sentences
        addressed to AI assistants are replaced by a marker. Only documents the key's role may read are searched.
        """
        def describe(r: EvidenceResults) -> tuple[str, list[str], list[dict[str, str]]]:
            return f"{len(r.hits)} hits", [], [{"chunk_id": h.chunk_id, "doc_id": h.doc_id} for h in r.hits]

        return tools.run(ctx, "search_evidence", {"query": query, "k": k},
                         lambda svc, asker: svc.search_evidence(query, asker, k), describe, lookup_arg="query")

    @server.tool(annotations=_annotations("Explain a clause or control"))
    def explain_clause(
        clause_id: Annotated[str, Field(min_length=1, max_length=40, description=(
            "A clause or Annex A control id, e.g. 6.1.2 or A.6.2.4."))],
        ctx: Context,
    ) -> ClauseView:
        """A clause or Annex A control of ISO/IEC 42001: our own summary, obligations, expected evidence and the
        organization's coverage with cited quotes. An unknown id is an error that lists the nearest real ids."""
        def work(svc: ClausewiseService, asker: Asker) -> ClauseView:
            view = svc.clause(clause_id, asker)
            if view is None:
                nearest = svc.suggest_ids(clause_id)
                hint = f" (nearest: {', '.join(nearest)})" if nearest else ""
                raise LookupError(f"clause_id: unknown clause or control id {clause_id!r}{hint}")
            return view

        def describe(v: ClauseView) -> tuple[str, list[str], list[dict[str, str]]]:
            return f"{v.evidence.id}: {v.evidence.status}", [v.evidence.id], _disclosed(v.evidence.citations)

        return tools.run(ctx, "explain_clause", {"clause_id": clause_id}, work, describe, lookup_arg="clause_id")

    @server.tool(annotations=_annotations("List coverage gaps"))
    def list_gaps(
        ctx: Context,
        scope: Annotated[str, Field(min_length=1, max_length=100, description=(
            "all, clauses, annex-a, or an id prefix such as 6.1 or A.6."))] = "all",
    ) -> GapReport:
        """Gap analysis: covered / partial / missing for every clause and control in a scope, each with its
        evidence, missing obligations and freshness (evidence past its review date caps a verdict at partial)."""
        def describe(r: GapReport) -> tuple[str, list[str], list[dict[str, str]]]:
            cited = [c for item in r.items for c in item.citations]
            return f"{len(r.items)} items: {_gap_counts(r)}", [], _disclosed(cited)

        def work(svc: ClausewiseService, asker: Asker) -> GapReport:
            try:
                svc.catalog.ids_in_scope(scope)
            except ValueError as exc:
                raise ValueError(f"scope: {exc}") from exc
            return svc.gaps(scope, asker)

        return tools.run(ctx, "list_gaps", {"scope": scope}, work, describe, lookup_arg="scope")

    @server.tool(annotations=_annotations("Export OSCAL"))
    def export_oscal(
        ctx: Context,
        kind: Annotated[Literal["assessment-results", "catalog"], Field(description=(
            "assessment-results: the gap analysis of a scope as OSCAL 1.1 assessment-results (what "
            "`clausewise gaps --format oscal` writes); catalog: the clause catalog as an OSCAL catalog."))],
        scope: Annotated[str, Field(min_length=1, max_length=100, description=(
            "For assessment-results: all, clauses, annex-a, or an id prefix such as A.6."))] = "all",
    ) -> dict[str, Any]:
        """OSCAL JSON for GRC tools: the gap analysis as assessment-results (one finding per clause/control,
        evidence citations as observations) or the clause catalog (our summaries, OSCAL-token ids)."""
        from assistant.oscal import assessment_results_document, catalog_document

        cited: list[Citation] = []

        def work(svc: ClausewiseService, asker: Asker) -> dict[str, Any]:
            if kind == "catalog":
                return catalog_document(svc.catalog)
            try:
                svc.catalog.ids_in_scope(scope)
            except ValueError as exc:
                raise ValueError(f"scope: {exc}") from exc
            report = svc.gaps(scope, asker)
            cited.extend(c for item in report.items for c in item.citations)
            return assessment_results_document(report)

        def describe(doc: dict[str, Any]) -> tuple[str, list[str], list[dict[str, str]]]:
            if kind == "catalog":
                return f"OSCAL catalog: {len(doc['catalog'].get('controls', []))} top-level controls", [], []
            findings = doc["assessment-results"]["results"][0].get("findings", [])
            return f"OSCAL assessment-results: {len(findings)} findings", [], _disclosed(cited)

        return tools.run(ctx, "export_oscal", {"kind": kind, "scope": scope}, work, describe, lookup_arg="scope")

    @server.tool(annotations=_annotations("Get an audit checklist"))
    def get_checklist(
        target: Annotated[str, Field(min_length=1, max_length=500, description=(
            "Clause/control ids (e.g. 'A.6.2.6' or 'A.6.2.4 8.2') or a topic (e.g. 'impact assessment')."))],
        ctx: Context,
    ) -> Checklist:
        """An audit checklist: yes/no checks per clause or control, with the evidence already found for each and
        a suggested owner."""
        def describe(c: Checklist) -> tuple[str, list[str], list[dict[str, str]]]:
            found = [e for item in c.items for e in item.evidence_found]
            return f"{len(c.items)} checks", list(c.clauses), _disclosed(found)

        def work(svc: ClausewiseService, asker: Asker) -> Checklist:
            if not target.strip():
                raise ValueError("target: must not be empty")
            return svc.checklist(target.strip(), asker)

        return tools.run(ctx, "get_checklist", {"target": target}, work, describe, lookup_arg="target")

    @server.tool(annotations=_annotations("Crosswalk a reference"))
    def crosswalk(
        ref: Annotated[str, Field(min_length=1, max_length=100, description=(
            "A NIST AI RMF subcategory ('GOVERN 1.1'), an EU AI Act article ('Art. 9') or an ISO/IEC 42001 id "
            "('A.6.2.4')."))],
        ctx: Context,
    ) -> CrosswalkView:
        """Map a reference between NIST AI RMF 1.0, the EU AI Act and ISO/IEC 42001, each pair with its rationale;
        a framework reference also gets coverage derived from the organization's 42001 verdicts (weakest link)."""
        def describe(v: CrosswalkView) -> tuple[str, list[str], list[dict[str, str]]]:
            cited = [c for item in v.verdicts for c in item.citations]
            return (f"{v.ref}: {len(v.mapped)} mapped, coverage {v.coverage or 'none'}",
                    [item.id for item in v.verdicts], _disclosed(cited))  # fmt: skip

        return tools.run(ctx, "crosswalk", {"ref": ref}, lambda svc, asker: svc.crosswalk(ref, asker), describe,
                         lookup_arg="ref")  # fmt: skip

    @server.tool(annotations=_annotations("Framework coverage"))
    def list_framework_gaps(
        framework: Annotated[Literal["nist-ai-rmf", "eu-ai-act"], Field(description=(
            "The framework whose coverage to derive from the ISO/IEC 42001 verdicts."))],
        ctx: Context,
    ) -> FrameworkCoverage:
        """Coverage of every NIST AI RMF subcategory or EU AI Act article in the crosswalks, derived from the
        organization's 42001 verdicts (weakest link over the mapped ids, the mapping shown)."""
        def describe(c: FrameworkCoverage) -> tuple[str, list[str], list[dict[str, str]]]:
            return f"{len(c.items)} items: " + ", ".join(f"{n} {s}" for s, n in c.counts.items()), [], []

        return tools.run(ctx, "list_framework_gaps", {"framework": framework},
                         lambda svc, asker: svc.framework_coverage(framework, asker), describe,
                         lookup_arg="framework")  # fmt: skip

    @server.tool(annotations=_annotations("List stale documents"))
    def list_stale_documents(ctx: Context) -> StaleDocuments:
        """Documents the key may read whose review-due date has passed (from their metadata, or effective date plus
        the review cycle), with that date: evidence to refresh before an audit."""
        def work(svc: ClausewiseService, asker: Asker) -> StaleDocuments:
            from assistant.freshness import today

            return StaleDocuments(today=today(svc.settings).isoformat(), documents=svc.stale_documents(asker))

        def describe(s: StaleDocuments) -> tuple[str, list[str], list[dict[str, str]]]:
            docs = [{"doc_id": str(d.get("doc_id", ""))} for d in s.documents]
            return f"{len(s.documents)} stale documents", [], docs

        return tools.run(ctx, "list_stale_documents", {}, work, describe, lookup_arg="documents")

    @server.tool(annotations=_annotations("Verify a quote"))
    def verify_quote(
        doc_id: Annotated[str, Field(min_length=1, max_length=500, description=(
            "The document id, e.g. org/policies/ai_policy.md (a citation's doc_id)."))],
        quote: Annotated[str, Field(min_length=1, max_length=5000, description="The exact text to look for.")],
        ctx: Context,
    ) -> QuoteCheck:
        """Check that a quote appears in a document before repeating it: verbatim (the rule every citation meets)
        or with whitespace collapsed. A document the key may not read is reported as not found."""
        def describe(q: QuoteCheck) -> tuple[str, list[str], list[dict[str, str]]]:
            disclosed = [{"chunk_id": q.chunk_id, "doc_id": q.doc_id}] if q.chunk_id else []
            return (f"found ({q.match})" if q.found else "not found"), [], disclosed

        return tools.run(ctx, "verify_quote", {"doc_id": doc_id, "quote": quote},
                         lambda svc, asker: svc.verify_quote(doc_id, quote, asker), describe, lookup_arg="doc_id")

    from assistant.mcp_questionnaire import register_questionnaire_tool

    register_questionnaire_tool(server, tools)
    return server
