"""The one core service every adapter calls: the CLI, the HTTP API and the Slack bot give the same answers."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant import composer
from assistant.answering.understand import Understood, understand
from assistant.audit import AuditLog, RetrievedRef, Turn
from assistant.catalog import Catalog, load_catalog
from assistant.checklist import build_checklist
from assistant.crosswalk import CrosswalkView, FrameworkCoverage
from assistant.drafts import build_draft
from assistant.evidence_search import EvidenceResults, QuoteCheck
from assistant.gaps import GapAssessor
from assistant.intent import route
from assistant.models import Answer, Asker, Checklist, GapItem, GapReport, PolicyDraft
from assistant.resolver import ClauseResolver
from assistant.retrieval import Retriever
from ingestion.settings import CLASSIFICATION_ORDER, Settings

log = logging.getLogger(__name__)

#: The document types ingestion assigns (metadata field ``doc_type``).
DOC_TYPES = (
    "policy", "procedure", "risk_assessment", "impact_assessment", "audit_report", "nonconformity_log",
    "management_review", "record", "model_card", "data_inventory", "other",
)  # fmt: skip



class ClauseView(BaseModel):
    """A catalog entry with the organization's evidence for it."""

    entry: dict[str, Any]
    evidence: GapItem


class IndexEmptyError(RuntimeError):
    """No documents are indexed (or the store lost them): an answer or a gap verdict would be about nothing.

    Adapters map it to exit code 2 (CLI), 503 (HTTP) and a plain reply (Slack), with this message.
    """


class IndexStatus(BaseModel):
    """What the index holds and how the last ingest went (``clausewise status``, ``/readyz``, answers)."""

    data_dir: str
    documents: int
    #: Chunks in the vector store; None when it could not be reached.
    chunks_in_store: int | None
    #: The manifest's record of the last ingest (``ingestion.pipeline.last_ingest_record``), if any.
    last_ingest: dict[str, Any] | None = None

    @property
    def failed_files(self) -> list[dict[str, str]]:
        """``{"path", "error"}`` of every file the last ingest could not index."""
        return list((self.last_ingest or {}).get("failed") or [])

    def empty_reason(self) -> str | None:
        """Why nothing can be answered from this index, or None when it holds documents."""
        action = "run `clausewise ingest PATH`"
        if self.documents == 0:
            return f"no documents are indexed in {self.data_dir} — {action}"
        if self.chunks_in_store == 0:
            return (
                f"no documents are indexed in {self.data_dir} — the manifest lists {self.documents} documents but "
                f"the vector store holds no chunks (another CLAUSEWISE_CHROMA_URL or collection?); {action} "
                "to restore them"
            )
        return None

    def warnings(self) -> list[str]:
        """Warnings every answer from this index carries."""
        failed = len(self.failed_files)
        if not failed:
            return []
        return [
            f"the last ingest failed for {failed} file(s); answers may miss what they contain "
            "(`clausewise status` lists them)"
        ]


class ClausewiseService:
    """Retrieval, answers, gaps, checklists and drafts over one index; built once per process."""

    def __init__(
        self,
        settings: Settings,
        *,
        retriever: Retriever,
        catalog: Catalog,
        audit: AuditLog | None,
        llm: Any = None,
        prompt_hash: str = "",
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.catalog = catalog
        self.resolver = ClauseResolver(catalog)
        self.assessor = GapAssessor(retriever, catalog)
        # Every path (answers, gap reports, checklists) screens quotes with the same model-backed detector.
        from assistant import injection

        injection.use_embedder(retriever.embedder)
        self.audit = audit
        self.llm = llm
        self.prompt_hash = prompt_hash
        self.config_hash = settings.config_hash()
        from assistant.conflicts import ConflictCache

        self._conflicts = ConflictCache()
        #: ((manifest generation, today), stale documents): see _stale_docs.
        self._stale_cache: tuple[tuple[int, date], dict[str, date]] | None = None
        #: (index state, when, chunks in the store): see index_status.
        self._count_cache: tuple[tuple[int, str | None], float, int] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, audit: AuditLog | None = None, llm: Any = None) -> ClausewiseService:
        """Load the model, open the store and the catalog once; an LLM is built when settings ask for one."""
        from assistant.prompts import PromptSet
        from ingestion.embedding import get_embedder
        from ingestion.pipeline import repair_if_interrupted
        from ingestion.store import catalog_collection, chunk_collection, open_client

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        if repair_if_interrupted(settings):
            log.warning("an interrupted ingest was repaired at start (vector store and BM25 match the manifest)")
        client = open_client(settings)
        collection = chunk_collection(client, settings)
        catalog = load_catalog(settings)
        retriever = Retriever(
            settings,
            collection,
            get_embedder(settings),
            catalog,
            catalog_collection(client, settings),
            reopen=lambda: _reopen_store(settings),
        )
        prompts = PromptSet.load(settings.prompts_dir)
        if llm is None and settings.answerer != "extractive":
            from assistant.llm import build_llm

            llm = build_llm(settings, prompts)
        return cls(
            settings,
            retriever=retriever,
            catalog=catalog,
            audit=audit if audit is not None else AuditLog.from_settings(settings),
            llm=llm,
            prompt_hash=prompts.hash,
        )

    def warm(self) -> None:
        """Compute what the first question would otherwise pay for: the gap judge's baseline for every role."""
        try:
            if self.retriever.collection.count() == 0:
                return
            for role in self.settings.role_clearance:
                self.assessor.baseline(self.clearance(Asker(role=role)))
        except Exception:  # warming is an optimisation; a store problem surfaces on the first real request
            log.exception("warming the gap baseline failed")

    # --- access ------------------------------------------------------------------------------------
    def clearance(self, asker: Asker) -> tuple[str, ...]:
        """Classifications this asker may read: the role's clearance, capped by a channel's limit."""
        allowed = self.settings.clearance_for(asker.role)
        if asker.max_classification in CLASSIFICATION_ORDER:
            cap = CLASSIFICATION_ORDER.index(asker.max_classification)
            allowed = tuple(c for c in allowed if CLASSIFICATION_ORDER.index(c) <= cap)
        return allowed

    def _context_turns(self, conversation_id: str, asker: Asker, clearance: Sequence[str]) -> list[Turn]:
        """Earlier turns a follow-up may build on: the asker's own under (id, channel, user); in a Slack thread
        (one conversation for everyone in it) any turn asked under a clearance within the asker's."""
        assert self.audit is not None
        shared = asker.channel == "slack"
        turns = self.audit.conversation(
            conversation_id, channel=asker.channel, user=None if shared else asker.user, limit=20 if shared else 3
        )
        allowed = set(clearance)

        def within(turn: Turn) -> bool:
            earlier = Asker(user=turn.user, role=turn.role, channel=asker.channel,
                            max_classification=turn.max_classification)  # fmt: skip
            return set(self.clearance(earlier)) <= allowed

        return [t for t in turns if within(t)][-3:]

    # --- questions ---------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        asker: Asker,
        conversation_id: str | None = None,
        doc_types: Sequence[str] = (),
    ) -> Answer:
        """Answer a question with verified citations, and record the interaction in the audit log.

        ``doc_types`` limits the evidence to those document types (e.g. only ``policy``), inside retrieval.
        """
        started = time.perf_counter()
        question = question.strip()
        if not question:
            raise ValueError("question: must not be empty")
        if len(question) > 2000:
            raise ValueError("question: longer than 2000 characters")
        unknown = sorted(set(doc_types) - set(DOC_TYPES))
        if unknown:
            raise ValueError(f"doc_types: unknown type(s) {', '.join(unknown)}; use {', '.join(DOC_TYPES)}")
        index = self.require_index()
        clearance = self.clearance(asker)
        understood = Understood(follow_up=False)
        if conversation_id and self.audit is not None:
            understood = understand(question, self._context_turns(conversation_id, asker, clearance))
        context = understood.context
        intent = route(question)
        ctx = composer.Context(
            question=question,
            context=context,
            intent=intent,
            clearance=clearance,
            settings=self.settings,
            catalog=self.catalog,
            resolver=self.resolver,
            retriever=self.retriever,
            assessor=self.assessor,
            llm=self.llm,
            doc_types=tuple(doc_types),
            context_docs=understood.context_docs,
            contrast=understood.contrast,
            context_ids=understood.context_ids,
            verdicts=lambda ids: self.assess_ids(ids, asker),
        )
        result = composer.compose(ctx)
        answer = result.answer
        answer.warnings.extend(self._freshness_warnings(answer))
        answer.warnings.extend(index.warnings())
        answer.config_hash = self.config_hash
        answer.prompt_hash = self.prompt_hash
        answer.conversation_id = conversation_id
        answer.latency_ms = int((time.perf_counter() - started) * 1000)
        if self.audit is not None:
            refs = [
                RetrievedRef(
                    chunk_id=h.chunk_id,
                    doc_id=h.doc_id,
                    version=str(h.meta.get("version", "")),
                    content_hash=str(h.meta.get("content_hash", "")),
                )
                for h in result.hits
            ]
            answer.interaction_id = self.audit.record(
                asker=asker, question=question, answer=answer, retrieved=refs, conversation_id=conversation_id
            )
        return answer

    def _stale_docs(self) -> dict[str, date]:
        """``doc_id → review-due`` of every indexed document past its review-due date (assistant/freshness.py).

        Kept per manifest generation and day: resolving every document's review date on each answer cost most of
        an ask at 100k chunks (docs/benchmarks.md); an ingest (a new generation) or a new day recomputes it.
        """
        from assistant.freshness import stale_map, today
        from ingestion.manifest import Manifest, read_generation

        key = (read_generation(self.settings), today(self.settings))
        cached = self._stale_cache
        if cached is not None and cached[0] == key:
            return dict(cached[1])
        stale = stale_map(Manifest(self.settings).documents(), self.settings)
        self._stale_cache = (key, stale)
        return dict(stale)

    def _freshness_warnings(self, answer: Answer) -> list[str]:
        out: list[str] = []
        stale = self._stale_docs() if answer.citations else {}
        seen: set[str] = set()
        for c in answer.citations:
            if c.doc_id in seen:
                continue
            seen.add(c.doc_id)
            if c.status == "superseded":
                out.append(f"[{c.n}] {c.title} ({c.source}) is superseded; rely on its current version.")
            elif c.status == "draft":
                out.append(f"[{c.n}] {c.title} ({c.source}) is a draft, not yet approved.")
            if c.doc_id in stale:
                out.append(
                    f"[{c.n}] {c.title} ({c.source}) was due for review on {stale[c.doc_id].isoformat()} and is "
                    "stale; check it is still current."
                )
        return out

    def _apply_freshness(self, report: GapReport) -> GapReport:
        """Mark stale evidence on every item; an entry whose only evidence is stale is at most partial."""
        stale = self._stale_docs()
        for item in report.items:
            docs = list(dict.fromkeys(c.doc_id for c in item.citations))
            item.stale_documents = [d for d in docs if d in stale]
            if not docs or len(item.stale_documents) < len(docs):
                continue
            item.stale = True
            dues = ", ".join(f"{d} (due {stale[d].isoformat()})" for d in item.stale_documents)
            if item.status == "covered":
                item.status = "partial"
                item.rationale += f" Capped at partial: all its evidence is past its review-due date: {dues}."
            else:
                item.rationale += f" All its evidence is past its review-due date: {dues}."
        report.counts = {v: sum(1 for it in report.items if it.status == v) for v in ("covered", "partial", "missing")}
        return report

    # --- reports -----------------------------------------------------------------------------------
    def gaps(self, scope: str, asker: Asker) -> GapReport:
        """Gap report over a scope of the catalog, evidence limited to the asker's clearance."""
        self.require_index()
        report = self._apply_freshness(self.assessor.report(scope or "all", self.clearance(asker), asker.role))
        report.config_hash = self.config_hash
        return report

    def crosswalk(self, ref: str, asker: Asker) -> CrosswalkView:
        """A NIST AI RMF subcategory, EU AI Act article or 42001 id through the crosswalks
        (a :class:`CrosswalkView`), coverage derived from the asker's 42001 verdicts.

        Raises ``assistant.crosswalk.UnknownRefError`` (a LookupError with ``suggestions``) for an unknown ref.
        """
        from assistant import crosswalk

        indexed = self.index_status().empty_reason() is None
        return crosswalk.build_view(
            ref, crosswalk.load_crosswalks(self.catalog), self.catalog, lookup=self.resolver.lookup,
            nearest_iso=self.suggest_ids, verdicts=(lambda ids: self.assess_ids(ids, asker)) if indexed else None,
        )  # fmt: skip

    def framework_coverage(self, framework: str, asker: Asker) -> FrameworkCoverage:
        """A framework's coverage (a :class:`FrameworkCoverage`) derived from the 42001 gap report."""
        from assistant import crosswalk

        crosswalks = crosswalk.load_crosswalks(self.catalog)
        crosswalks.require(framework)  # an unknown framework is a ValueError before any work
        report = self.gaps("all", asker)
        coverage = crosswalk.framework_coverage(framework, crosswalks, self.catalog, report.items, asker.role)
        coverage.config_hash = self.config_hash
        return coverage

    def assess_ids(self, ids: Sequence[str], asker: Asker) -> list[GapItem]:
        """Gap items for some 42001 ids, with the same freshness rule as :meth:`gaps`."""
        clearance = self.clearance(asker)
        items = [self.assessor.assess(i, clearance) for i in ids]
        report = GapReport(scope="ids", role=asker.role, items=items, counts={})
        return self._apply_freshness(report).items

    def resolve_targets(self, target: str | Sequence[str]) -> tuple[list[str], list[str]]:
        """Catalog ids for a checklist/draft target (ids or a topic) and the unknown ids named."""
        text = target if isinstance(target, str) else " ".join(target)
        res = self.resolver.resolve(text)
        ids = list(res.ids)
        if not ids and res.topical:
            top = res.topical[0][1]
            ids = [i for i, s in res.topical if s >= top * 0.75][:4]
        return ids, list(res.invalid)

    def checklist(self, target: str | Sequence[str], asker: Asker) -> Checklist:
        """Audit checklist for clause/control ids or a topic."""
        ids, invalid = self.resolve_targets(target)
        if not ids:
            raise LookupError(self._unknown_target_message(target, invalid))
        self.require_index()
        title = "Audit checklist: " + ", ".join(f"{i} {self.catalog[i].title}" for i in ids)
        return build_checklist(ids, self.catalog, self.assessor, self.clearance(asker), title)

    def draft_policy(self, target: str, asker: Asker) -> PolicyDraft:
        """Markdown policy skeleton for a topic or ids, citing what the documents already say."""
        ids, invalid = self.resolve_targets(target)
        if not ids:
            raise LookupError(self._unknown_target_message(target, invalid))
        writer = composer.llm_section_writer(self.llm, self.retriever, self.resolver) if self.llm else None
        draft = build_draft(target, ids, self.catalog, self.assessor, self.clearance(asker), section_writer=writer)
        draft.answerer = getattr(self.llm, "name", "extractive") if self.llm else "extractive"
        return draft

    def _unknown_target_message(self, target: str | Sequence[str], invalid: Sequence[str]) -> str:
        if invalid:
            parts = [
                f"{i} does not exist in ISO/IEC 42001:2023 (nearest: {', '.join(self.suggest_ids(i))})" for i in invalid
            ]
            return "; ".join(parts)
        return f"no clause, control or topic of ISO/IEC 42001 recognised in {target!r}"

    def clause(self, clause_id: str, asker: Asker) -> ClauseView | None:
        """A catalog entry and the asker-visible evidence for it; None for an id that does not exist."""
        found = self.resolver.lookup(clause_id)
        if found is None:
            return None
        entry = self.catalog[found]
        return ClauseView(entry=entry.to_dict(), evidence=self.assessor.assess(entry.id, self.clearance(asker)))

    def suggest_ids(self, clause_id: str) -> list[str]:
        """Nearest real ids for an id that does not exist."""
        return list(self.resolver.nearest(clause_id, 3))

    # --- documents ---------------------------------------------------------------------------------
    def documents(self, asker: Asker) -> list[dict[str, Any]]:
        """Metadata of the documents this asker may read."""
        from assistant.freshness import resolve_all
        from ingestion.manifest import Manifest

        allowed = set(self.clearance(asker))
        docs = Manifest(self.settings).documents()
        dues = resolve_all(docs, self.settings)
        readable = {d.doc_id for d in docs if d.classification in allowed}
        # Server paths stay inside the service: callers see the document's id and its relative source.
        hidden = {"root", "path"}
        rows: list[dict[str, Any]] = []
        for d in docs:
            if d.classification not in allowed:
                continue
            row = {k: v for k, v in d.model_dump(mode="json").items() if k not in hidden}
            # review_basis says which rule gave the date; review_source where a stated cycle was read.
            row.update(dues[d.doc_id].fields(self.settings, readable))
            rows.append(row)
        return rows

    def document(self, doc_id: str, asker: Asker) -> Any:
        """A document's metadata and chunks (``assistant.viewer.DocumentView``); None when unknown or unreadable."""
        from assistant import viewer

        row = next((d for d in self.documents(asker) if d.get("doc_id") == doc_id), None)
        return viewer.load(self.retriever, row, self.clearance(asker)) if row is not None else None

    # --- agents (MCP) -------------------------------------------------------------------------------
    def search_evidence(self, query: str, asker: Asker, k: int = 8) -> EvidenceResults:
        """Hybrid-retrieval hits for ``query`` under the asker's clearance (the same filter as :meth:`ask`)."""
        from assistant import evidence_search

        evidence_search.checked_query(query, k)
        self.require_index()
        return evidence_search.search(self.retriever, query, self.clearance(asker), k)

    def verify_quote(self, doc_id: str, quote: str, asker: Asker) -> QuoteCheck:
        """Whether ``quote`` is in document ``doc_id``; a document above the clearance reads as not found."""
        from assistant import evidence_search

        view = self.document(doc_id, asker) if doc_id.strip() and quote.strip() else None
        return evidence_search.check_quote(doc_id, quote, view)

    def stale_documents(self, asker: Asker) -> list[dict[str, Any]]:
        """The asker-visible :meth:`documents` rows past their review-due date (assistant/freshness.py)."""
        return [d for d in self.documents(asker) if d.get("stale")]

    def conflicts(self, asker: Asker) -> list[Any]:
        """Contradictions between current documents this asker may read (``assistant.conflicts.ConflictItem``)."""
        self.require_index()
        return self._conflicts.get(self.retriever, self.clearance(asker))

    def ingest_files(
        self,
        paths: Sequence[Path],
        root: Path,
        overrides: Mapping[str, str] | None = None,
        *,
        uploader: Asker | None = None,
        prepared: Sequence[Any] = (),
    ) -> Any:
        """Ingest files through the same pipeline as the CLI; the BM25 index reloads on the next query.

        With an ``uploader``, a file whose resolved classification is above the uploader's clearance fails as
        ``forbidden`` before anything is written, and a failing file keeps its indexed version (the caller puts
        the previous file back). ``prepared``: what :meth:`prepare_files` made of the same files.
        """
        from ingestion.pipeline import ingest

        clearance = self.clearance(uploader) if uploader is not None else None
        return ingest(
            list(paths), self.settings, root=root, overrides=dict(overrides or {}),
            clearance=clearance, keep_on_failure=uploader is not None, prepared=prepared,
        )

    def prepare_files(
        self,
        paths: Sequence[Path],
        root: Path,
        overrides: Mapping[str, str] | None = None,
        *,
        uploader: Asker | None = None,
        contents: Mapping[Path, bytes] | None = None,
        progress: Any = None,
    ) -> Any:
        """Read, load, chunk and embed files for :meth:`ingest_files` without any lock (``pipeline.prepare_files``).

        Failures (limits, the uploader's clearance) are in the result's ``report``; nothing is written.
        """
        from ingestion.pipeline import prepare_files

        clearance = self.clearance(uploader) if uploader is not None else None
        return prepare_files(
            list(paths), self.settings, root=root, overrides=dict(overrides or {}),
            clearance=clearance, contents=contents, progress=progress,
        )

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its chunks from the index."""
        from ingestion.pipeline import remove_documents

        return bool(remove_documents([doc_id], self.settings))

    def feedback(self, interaction_id: str, helpful: bool, comment: str | None, user: str) -> None:
        """Record feedback against an earlier interaction."""
        if self.audit is None:
            raise RuntimeError("audit log is disabled")
        self.audit.add_feedback(interaction_id, helpful, comment, user)

    #: How long a chunk count is reused while the index state (manifest generation, lexical stamp) is
    #: unchanged: every ingest that changes the index changes that state, so only a store emptied behind the
    #: manifest's back (a shared Chroma server wiped by hand) waits this long to be noticed.
    COUNT_REUSE_S = 10.0

    def index_status(self) -> IndexStatus:
        """Documents in the manifest, chunks in the store and the last ingest; cheap enough for every call.

        The manifest is read every time; the chunk count (one count per level's collection, a few ms) is
        reused while the index state is unchanged.
        """
        state = self.retriever.index_state()
        now = time.monotonic()
        documents, last = _manifest_summary(self.settings)
        chunks: int | None
        cached = self._count_cache
        if cached is not None and cached[0] == state and now - cached[1] < self.COUNT_REUSE_S:
            chunks = cached[2]
        else:
            try:
                chunks = int(self.retriever.collection.count())
            except Exception:  # an unreachable store is readiness's concern; it is not an empty index
                log.exception("vector store not reachable")
                chunks = None
            # The state was read before counting, so a change made meanwhile is a new state next time; an
            # unreachable store is asked again next time.
            self._count_cache = (state, now, chunks) if chunks is not None else None
        return IndexStatus(
            data_dir=str(self.settings.data_dir.resolve()), documents=documents, chunks_in_store=chunks,
            last_ingest=last,
        )  # fmt: skip

    def require_index(self) -> IndexStatus:
        """The index status; raises IndexEmptyError when there is nothing to answer from."""
        status = self.index_status()
        reason = status.empty_reason()
        if reason is not None:
            raise IndexEmptyError(reason)
        return status

    def readiness(self) -> dict[str, bool]:
        """Whether the model, the store and the catalog are usable and the index holds documents."""
        status = self.index_status()
        return {
            "model": self.retriever.embedder is not None,
            "store": status.chunks_in_store is not None,
            "catalog": len(self.catalog) > 0,
            "index": status.empty_reason() is None,
        }


def _reopen_store(settings: Settings) -> tuple[Any, Any]:
    """Fresh Chroma handles for a data dir another process wrote to (see ``Retriever``)."""
    from ingestion.store import catalog_collection, chunk_collection, reopen_client

    client = reopen_client(settings)
    return chunk_collection(client, settings), catalog_collection(client, settings)


def _manifest_summary(settings: Settings) -> tuple[int, dict[str, Any] | None]:
    """(documents, last ingest record) from the manifest, read-only; (0, None) when there is no manifest yet.

    A read-only connection (well under a millisecond) instead of a full ``Manifest``, which would create the
    file and its tables: this runs before every question.
    """
    import json
    import sqlite3

    from ingestion.pipeline import LAST_INGEST_STATE

    path = settings.manifest_path
    if not path.exists():
        return 0, None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        try:
            (documents,) = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
            row = conn.execute("SELECT value FROM state WHERE key = ?", (LAST_INGEST_STATE,)).fetchone()
        except sqlite3.OperationalError:  # a manifest being created right now has no tables yet
            return 0, None
    finally:
        conn.close()
    last = json.loads(row[0]) if row else None
    return int(documents), last if isinstance(last, dict) else None


