"""Runs an answer key through the real service on an isolated index built from the key's own corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evaluation import baselines
from assistant.evaluation.chunks import chunk_infos
from assistant.evaluation.key import AnswerKey, AnswerKeyError, load_key
from assistant.evaluation.metrics import (
    QuestionResult,
    abstention_scores,
    answer_scores,
    confusion,
    coverage_scores,
    error_result,
    evaluate_answer,
    intent_counts,
    latency_by_intent,
    ranking_scores,
    scored_for_retrieval,
    section_hit_rank,
)
from assistant.evaluation.report import EvalReport, IndexInfo, MetadataCheck, must_be_zero
from assistant.evaluation.stats import ratio
from assistant.evaluation.targets import quality_rows
from assistant.models import Asker
from ingestion.settings import Settings

log = logging.getLogger(__name__)

#: The role that reads everything; the full gap report is computed with it.
AUDITOR_ROLE = "auditor"


@dataclass
class EvalOptions:
    """What one run does beyond answering the questions."""

    baselines: bool = False
    gaps: bool = True
    #: Key role → deployment role (``--role-map staff=employee``).
    role_map: Mapping[str, str] = field(default_factory=dict)
    progress: Callable[[str], None] | None = None
    #: CI floors per quality figure (``None``: ``targets.DEFAULT_FLOORS``); they fail a run only under ``--ci``.
    floors: Mapping[str, float] | None = None
    #: Names this run's conversations (``eval-<run_id>-<name>``); default: a fresh id per run.
    run_id: str | None = None


def parse_role_map(text: str | None) -> dict[str, str]:
    """``"staff=employee,auditor=audit"`` → mapping; raises ``ValueError`` naming the bad item."""
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        src, sep, dst = item.partition("=")
        if not sep or not src.strip() or not dst.strip():
            raise ValueError(f"--role-map: {item.strip()!r} is not KEYROLE=ROLE")
        out[src.strip()] = dst.strip()
    return out


def eval_data_dir(key: AnswerKey, settings: Settings) -> Path:
    """``<data_dir>/eval/<hash>`` of the corpus definition: keys over the same corpus share one index.

    Ingestion is incremental (an unchanged corpus costs a scan) and rebuilds by itself when the model or
    chunking settings change, so neither needs to be part of the hash.
    """
    ident = {
        "root": str(key.root),
        "include": sorted(key.include),
        "metadata": key.metadata,
        "chunk_collection": settings.chunk_collection,
    }
    digest = hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]
    return settings.data_dir / "eval" / digest


def eval_settings(key: AnswerKey, settings: Settings) -> Settings:
    """A copy of the settings pointing at the key's isolated index (embedded store, local audit log)."""
    return settings.model_copy(
        update={"data_dir": eval_data_dir(key, settings).resolve(), "chroma_url": None, "audit_db_url": ""}
    )


def _as_of_corpus(settings: Settings) -> Settings:
    """Score without review-due capping unless ``CLAUSEWISE_TODAY`` is set (then freshness applies as of it).

    An answer key's coverage map judges what the documents say, not whether they are past review; scoring it on
    the wall clock would change verdicts the key did not change as the days pass. ``date.min`` as "today" makes
    no document stale. Freshness itself is tested in tests/assistant/test_freshness.py (docs/freshness.md).
    """
    if settings.today is not None:
        return settings
    import datetime as dt

    return settings.model_copy(update={"today": dt.date.min})


def _say(opts: EvalOptions, text: str) -> None:
    log.info(text)
    if opts.progress is not None:
        opts.progress(text)


def build_index(key: AnswerKey, settings: Settings) -> IndexInfo:
    """Ingest the key's corpus into ``settings.data_dir`` (incremental) and index the catalog beside it."""
    from assistant.catalog import load_catalog
    from assistant.catalog_index import sync_catalog
    from ingestion.discovery import discover
    from ingestion.pipeline import IngestReport, ingest, remove_documents
    from ingestion.store import chunk_collection, open_client

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    reports: list[IngestReport] = []
    removed: list[str] = []
    if not key.include and not key.metadata:
        # A folder root: the pipeline itself drops documents whose files are gone.
        reports.append(ingest([key.root], settings, root=key.root))
    else:
        files = list(key.include) or [c.doc_id for c in discover([key.root]).candidates]
        # Files sharing the same metadata overrides go through one ingest call.
        groups: dict[str, list[Path]] = {}
        for rel in files:
            groups.setdefault(json.dumps(key.metadata.get(rel, {}), sort_keys=True), []).append(key.root / rel)
        for overrides_json, paths in groups.items():
            reports.append(ingest(paths, settings, root=key.root, overrides=json.loads(overrides_json)))
        wanted = set(files)
        client = open_client(settings)
        stale = sorted(_doc_ids(chunk_collection(client, settings)) - wanted)
        if stale:
            removed = remove_documents(stale, settings)
    sync_catalog(settings, load_catalog(settings))
    collection = chunk_collection(open_client(settings), settings)
    return IndexInfo(
        data_dir=str(settings.data_dir),
        corpus_root=str(key.root),
        documents=len(_doc_ids(collection)),
        chunks=collection.count(),
        ingest_seconds=time.perf_counter() - started,
        ingested=sum(len(r.new) + len(r.changed) for r in reports),
        unchanged=sum(len(r.unchanged) for r in reports),
        removed=len(removed) + sum(len(r.removed) for r in reports),
        failed=[str(f) for r in reports for f in r.failed],
        config_hash=settings.config_hash(),
    )


def _doc_ids(collection: Any) -> set[str]:
    got = collection.get(include=["metadatas"])
    return {str(m.get("doc_id", "")) for m in got["metadatas"] or [] if m}


def check_metadata(key: AnswerKey, collection: Any) -> MetadataCheck | None:
    """Compare each key ``documents`` entry with the metadata stored on the document's chunks."""
    if not key.documents:
        return None
    docs_ok = fields_ok = fields_total = 0
    mismatches: list[dict[str, str]] = []
    for doc in key.documents:
        got = collection.get(where={"doc_id": doc.source}, limit=1, include=["metadatas"])
        meta = (got["metadatas"] or [None])[0] if got["ids"] else None
        expected = doc.expected_fields()
        bad = 0
        for name, value in expected.items():
            actual = None if meta is None else meta.get(name)
            fields_total += 1
            if actual is not None and str(actual) == value:
                fields_ok += 1
            else:
                bad += 1
                mismatches.append(
                    {
                        "source": doc.source,
                        "field": name,
                        "expected": value,
                        "got": "" if actual is None else str(actual),
                    }
                )
        docs_ok += int(bad == 0 and meta is not None)
        if meta is None:
            mismatches.append({"source": doc.source, "field": "(document)", "expected": "ingested", "got": "absent"})
    return MetadataCheck(
        documents=ratio(docs_ok, len(key.documents)), fields=ratio(fields_ok, fields_total), mismatches=mismatches
    )


def run_eval(key_path: Path | str, settings: Settings, opts: EvalOptions | None = None) -> EvalReport:
    """Build (or reuse) the key's index, ask every question through ``ClausewiseService.ask`` and score it."""
    from assistant.service import ClausewiseService

    opts = opts or EvalOptions()
    started = time.perf_counter()
    role_of = dict(opts.role_map)
    key = load_key(key_path, known_roles=None)
    roles = set(settings.role_clearance)
    unknown = sorted({role_of.get(r, r) for r in key.roles()} - roles)
    if unknown:
        raise ValueError(
            f"{key.path}: roles {', '.join(unknown)} are not configured (settings.role_clearance has "
            f"{', '.join(sorted(roles))}); map them with --role-map KEYROLE=ROLE"
        )
    _check_overrides(key)
    es = eval_settings(key, settings)
    _say(opts, f"index: {es.data_dir} ← {key.root}")
    index = build_index(key, es)
    _say(opts, f"index: {index.documents} documents, {index.chunks} chunks ({index.ingest_seconds:.1f} s)")

    es = _as_of_corpus(es)
    svc = ClausewiseService.from_settings(es)
    collection = svc.retriever.collection
    known_ids = set(svc.catalog.ids)

    answers: dict[str, Any] = {}
    results: list[QuestionResult] = []
    # One id per conversation and run: a rerun on the same index must not see the last run's turns.
    run_id = opts.run_id or f"{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    for i, q in enumerate(key.questions, start=1):
        # The same user throughout: the service finds a conversation's earlier turns by (id, channel, user).
        asker = Asker(user="eval", role=role_of.get(q.role, q.role), channel="eval")
        conversation_id = f"eval-{run_id}-{q.conversation}" if q.conversation is not None else None
        tags = key.tags_of(q)
        t0 = time.perf_counter()
        try:
            answer = svc.ask(q.question, asker, conversation_id=conversation_id)
        except Exception as exc:  # one broken answer must not hide the others; it counts as an error
            log.exception("question %s failed", q.id)
            results.append(
                error_result(q, f"{type(exc).__name__}: {exc}", (time.perf_counter() - t0) * 1000, tags=tags)
            )
            continue
        latency = (time.perf_counter() - t0) * 1000
        answers[q.id] = answer
        chunks = chunk_infos(collection, [*answer.retrieved_chunk_ids, *(c.chunk_id for c in answer.citations)])
        results.append(
            evaluate_answer(
                q, answer, chunks=chunks, known_ids=known_ids,
                allowed_classifications=svc.clearance(asker), latency_ms=latency, tags=tags,
            )
        )  # fmt: skip
        _say(opts, f"[{i}/{len(key.questions)}] {q.id} {answer.intent} {latency:.0f} ms")

    hybrid_rankings = {r.id: r.doc_ranking for r in results}
    section_ranks: dict[str, int | None] | None = None
    if any(q.expected_sections for q in key.questions):
        section_ranks = {}
        for q in key.questions:
            ans = answers.get(q.id)
            if q.expected_sections and ans is not None:
                infos = chunk_infos(collection, ans.retrieved_chunk_ids)
                section_ranks[q.id] = section_hit_rank(ans.retrieved_chunk_ids, infos, q.expected_sections)
            elif q.expected_sections:
                section_ranks[q.id] = None
    retrieval = {"hybrid": ranking_scores("hybrid", key.questions, hybrid_rankings, section_ranks)}
    depth = [len(r.doc_ranking) for r in results if scored_for_retrieval(key.question(r.id))]

    baseline_latency = None
    # The naive vector-only ranking always runs (one query per question): the first-5-citations target is
    # relative to it. --baselines adds BM25 alone and the hybrid retriever alone, with their latency.
    _say(opts, "baselines: vector-only and BM25-only" if opts.baselines else "baseline: vector-only")
    scored = [q for q in key.questions if scored_for_retrieval(q) or q.expected_sections]
    runs = baselines.run_baselines(
        svc, scored, lambda q: svc.clearance(Asker(role=role_of.get(q.role, q.role), channel="eval")),
        vector_only=not opts.baselines,
    )  # fmt: skip
    for name, run in runs.runs.items():
        retrieval[name] = ranking_scores(
            name, key.questions, run.doc_rankings, run.section_ranks if section_ranks is not None else None
        )
    if opts.baselines:
        baseline_latency = runs.latency

    coverage = None
    if key.coverage and opts.gaps:
        _say(opts, "gap report (scope all, auditor)")
        t0 = time.perf_counter()
        gap_report = svc.gaps("all", Asker(user="eval", role=role_of.get(AUDITOR_ROLE, AUDITOR_ROLE), channel="eval"))
        seconds = time.perf_counter() - t0
        cited = [c.chunk_id for item in gap_report.items for c in item.citations]
        coverage = coverage_scores(gap_report, key, chunk_infos(collection, cited), seconds)

    gap_pairs = [(r.expected_verdict, r.verdict) for r in results if r.expected_verdict is not None]
    answer_sc = answer_scores(results, key)
    zero = must_be_zero(answer_sc, coverage)
    report = EvalReport(
        key_path=_display_path(key.path),
        organization=key.organization,
        questions=len(key.questions),
        answerer=es.answerer if es.answerer == "extractive" else f"{es.answerer}:{es.llm_model or ''}",
        generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        seconds=time.perf_counter() - started,
        index=index,
        retrieval=retrieval,
        hybrid_depth=sum(depth) / len(depth) if depth else 0.0,
        answers=answer_sc,
        verdicts=confusion((e, p) for e, p in gap_pairs if e is not None) if gap_pairs else None,
        abstention=abstention_scores(results),
        coverage=coverage,
        metadata=check_metadata(key, collection),
        latency=latency_by_intent(results),
        baseline_latency=baseline_latency,
        routing=intent_counts(results),
        must_be_zero=zero,
        passed=all(v == 0 for v in zero.values()),
        results=results,
    )
    report.quality = quality_rows(report, opts.floors)
    report.floors_passed = all(r.floor_status != "FAIL" for r in report.quality)
    return report


def _check_overrides(key: AnswerKey) -> None:
    """The key's per-file metadata must pass the pipeline's own override validation before any ingest."""
    from ingestion.pipeline import validate_overrides

    problems: list[str] = []
    for rel, overrides in key.metadata.items():
        try:
            validate_overrides(overrides)
        except ValueError as exc:
            problems.append(f"metadata.{rel}: {exc}")
    if problems:
        raise AnswerKeyError(key.path, problems)


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
