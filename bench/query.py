"""Query-scale benchmark: answer latency, bare Chroma and encoder cost, BM25 memory and process memory at
1k, 10k and 100k chunks.

    .venv/bin/python bench/query.py [--scales 1000,10000,100000] [--real 10000] [--work DIR] [--plot PNG]

Chunks are generated from the sample corpus text (sentences recombined under varied headings, with system
names, numbers and dates varied), with the metadata the pipeline writes (doc ids, classifications, doc
types, clause refs). The first ``--real`` chunks are embedded by the real model; chunk ``i`` beyond that is a
variant of chunk ``i mod real`` (same sentences, other names and numbers) and reuses its vector with a
little noise, so the index has the size and shape of a real one without hours of encoding.

Each scale is built by extending the chunk collections the service reads (one per classification level) and
rebuilding the BM25 index, then measured in a fresh process, so that the peak memory is that of a process
serving that index: ``ClausewiseService.ask`` (extractive, in-process; the path behind ``POST /v1/ask``) for the
sample key's questions with their roles, beside the question's encode time and bare Chroma queries (same top-n
as the retriever's dense list): over every level unfiltered, with the clearance (only the levels it covers),
and one unfiltered query of the largest single collection. The built indexes are kept under ``--work`` and
reused by the next run.

``--baseline-code DIR`` (a checkout of an earlier commit, e.g. from ``git archive``) builds and measures the
same chunks with that code imported instead of this one, in ``--baseline-work``, alternating with this code's
measurements (``--passes``), so the two layouts are compared in one run; with ``--migrate`` this code's index
is a copy of the baseline's single-collection index upgraded by ``ChunkStore.migrate`` (timed).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The Clausewise code to import: this checkout, or ``--code-root`` (an earlier commit measured as the baseline).
CODE = Path(sys.argv[sys.argv.index("--code-root") + 1]).resolve() if "--code-root" in sys.argv else ROOT
sys.path.insert(0, str(CODE))

SEED = 42
CHUNKS_PER_DOC = 20
#: Dense candidates the retriever asks Chroma for (SearchRequest.candidates); the bare query uses the same.
DENSE_N = 40
GENERATOR_VERSION = "1"

CLASSIFICATIONS = (("internal", 0.78), ("confidential", 0.12), ("restricted", 0.05), ("public", 0.05))
DOC_TYPES = ("policy", "procedure", "risk_assessment", "impact_assessment", "record", "model_card",
             "audit_report", "management_review", "data_inventory", "other")  # fmt: skip
SYSTEM_NAMES = ("ClaimSense", "PriceWise", "FraudLens", "Kestrel Assist", "DocReader")
_SYLLABLES = ("ka", "lo", "mi", "ra", "ve", "tor", "zen", "qua", "lis", "nor", "pex", "dri", "sol", "vin")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_NUMBER = re.compile(r"\d+")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               TOKENIZERS_PARALLELISM="false", CLAUSEWISE_ANSWERER="extractive")  # fmt: skip
    return env


# --------------------------------------------------------------------------------------------------
# Text generation


def _source_text() -> tuple[list[str], list[str]]:
    """Sentences and headings of the sample corpus's text sources (Markdown and TXT)."""
    sentences: list[str] = []
    headings: list[str] = []
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in {".md", ".txt"} and p.is_file())
    for path in files:
        if "standard" in path.parts or path.name == "README.md":
            continue
        body = path.read_text(encoding="utf-8", errors="replace")
        body = re.sub(r"\A---\n.*?\n---\n", "", body, flags=re.S)
        for block in re.split(r"\n\s*\n", body):
            block = block.strip()
            if block.startswith("#"):
                headings.append(block.lstrip("#").strip().splitlines()[0])
                continue
            if block.startswith("|"):
                continue
            for sentence in _SENTENCE.split(" ".join(block.split())):
                words = sentence.split()
                if 6 <= len(words) <= 60:
                    sentences.append(sentence.lstrip("-* "))
    if len(sentences) < 200:
        raise SystemExit(f"the sample corpus under {ROOT / 'corpus'} has too little text ({len(sentences)} sentences)")
    return sentences, headings or ["Section"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _vary(sentence: str, rng: random.Random, names: dict[str, str]) -> str:
    for original, replacement in names.items():
        sentence = sentence.replace(original, replacement)

    def number(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith("20"):
            return str(rng.randint(2019, 2027))
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))

    return _NUMBER.sub(number, sentence)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    x = rng.random()
    for value, weight in weighted:
        x -= weight
        if x <= 0:
            return value
    return weighted[-1][0]


class ChunkSpec:
    """One generated chunk: its id, text and metadata."""

    __slots__ = ("id", "meta", "text")

    def __init__(self, chunk_id: str, text: str, meta: dict[str, Any]) -> None:
        self.id = chunk_id
        self.text = text
        self.meta = meta


def generate(start: int, stop: int, real: int, known_ids: frozenset[str] | None) -> list[ChunkSpec]:
    """Chunks ``start..stop-1``; chunk ``i >= real`` reuses the sentences of chunk ``i % real``."""
    from ingestion.clause_refs import extract_clause_refs

    sentences, headings = _source_text()
    out: list[ChunkSpec] = []
    for i in range(start, stop):
        base = i % real
        layout = random.Random(f"{SEED}-layout-{base}")  # which sentences: shared by a chunk and its variants
        variety = random.Random(f"{SEED}-vary-{i}")  # names, numbers, dates: differ per chunk
        doc_no = i // CHUNKS_PER_DOC
        doc_rng = random.Random(f"{SEED}-doc-{doc_no}")
        names = {s: f"{_name(doc_rng)}{'' if ' ' not in s else ' ' + _name(doc_rng)}" for s in SYSTEM_NAMES}
        names["Kestrel Mutual"] = f"{_name(doc_rng)} {doc_rng.choice(('Mutual', 'Insurance', 'Bank', 'Health'))}"
        heading = layout.choice(headings)
        picked = [layout.choice(sentences) for _ in range(layout.randint(5, 9))]
        text = f"{heading}\n\n" + " ".join(_vary(s, variety, names) for s in picked)
        doc_id = f"bench/doc_{doc_no:06d}.md"
        digest = hashlib.sha256(f"{doc_id}-{GENERATOR_VERSION}".encode()).hexdigest()[:12]
        meta: dict[str, Any] = {
            "doc_id": doc_id,
            "source": doc_id,
            "title": f"{names['Kestrel Mutual']} document {doc_no}",
            "doc_type": doc_rng.choice(DOC_TYPES),
            "classification": _pick(doc_rng, CLASSIFICATIONS),
            "status": "superseded" if doc_rng.random() < 0.05 else "current",
            "owner": "AI Governance Lead",
            "version": f"{doc_rng.randint(1, 4)}.{doc_rng.randint(0, 9)}",
            "effective_date": f"{doc_rng.randint(2022, 2025)}-{doc_rng.randint(1, 12):02d}-01",
            "content_hash": digest,
            "ingested_at": "2025-01-01T00:00:00+00:00",
            "section": heading,
            "chunk_index": i % CHUNKS_PER_DOC,
        }
        refs = extract_clause_refs(text, known_ids)
        if refs:
            meta["clause_refs"] = refs
        out.append(ChunkSpec(f"{doc_id}::{digest}::{i % CHUNKS_PER_DOC}", text, meta))
    return out


# --------------------------------------------------------------------------------------------------
# Build (a subprocess per scale)


def _settings(work: Path) -> Any:
    from ingestion.settings import Settings

    return Settings(data_dir=work / "index", chroma_url=None, audit_db_url="")


def _state(work: Path) -> dict[str, Any]:
    path = work / "state.json"
    return dict(json.loads(path.read_text())) if path.is_file() else {}


def build(work: Path, scale: int, real: int, vectors_dir: Path | None = None) -> dict[str, Any]:
    """Extend the collection to ``scale`` chunks and rebuild BM25 over exactly those chunks."""
    import numpy as np

    from assistant.catalog_index import sync_catalog
    from ingestion import lexical
    from ingestion.clause_refs import load_known_ids
    from ingestion.embedding import get_embedder
    from ingestion.store import batches, chunk_collection, open_client

    settings = _settings(work)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    state = _state(work)
    if state.get("generator") not in (None, GENERATOR_VERSION) or state.get("real") not in (None, real):
        raise SystemExit(f"{work} holds an index from other generator settings; remove it or use --work")
    have = int(state.get("chunks", 0))
    if have > scale:
        raise SystemExit(f"{work} already holds {have} chunks (> {scale}); scales must grow, or use a fresh --work")
    known = load_known_ids(ROOT / "corpus" / "standard")
    embedder = get_embedder(settings)
    collection = chunk_collection(open_client(settings), settings)
    (vectors_dir or work).mkdir(parents=True, exist_ok=True)
    vec_path = (vectors_dir or work) / f"vectors_{real}_{GENERATOR_VERSION}.npy"
    info: dict[str, Any] = {"scale": scale}
    t0 = time.perf_counter()
    if have < scale:
        new = generate(have, scale, real, known)
        cached = np.load(vec_path) if vec_path.is_file() else np.zeros((0, embedder.dimension), np.float32)
        # Vectors of the first `real` chunks are cached across runs and work dirs: encode only what is missing.
        todo = generate(len(cached), min(scale, real), real, known) if len(cached) < min(scale, real) else []
        if todo:
            t_enc = time.perf_counter()
            fresh = embedder.embed_documents([f"{c.meta['section']}\n{c.text}" for c in todo])
            info["encode_s"] = round(time.perf_counter() - t_enc, 1)
            info["encode_chunks_per_s"] = round(len(todo) / info["encode_s"], 1)
            cached = np.concatenate([cached, fresh]) if len(cached) else fresh
            np.save(vec_path, cached)
        noise = np.random.default_rng(SEED + have)
        vectors = np.empty((len(new), embedder.dimension), dtype=np.float32)
        for j, i in enumerate(range(have, scale)):
            v = cached[i] if i < real else cached[i % real] + noise.normal(0, 0.01, embedder.dimension)
            vectors[j] = v / np.linalg.norm(v)
        t_add = time.perf_counter()
        for part in batches(list(range(len(new)))):
            collection.add(
                ids=[new[k].id for k in part],
                embeddings=vectors[part[0] : part[-1] + 1],
                documents=[new[k].text for k in part],
                metadatas=[new[k].meta for k in part],
            )
        info["chroma_add_s"] = round(time.perf_counter() - t_add, 1)
    rows = generate(0, scale, real, known)
    t_man = time.perf_counter()
    generation = _write_manifest(settings, rows)
    info["manifest_s"] = round(time.perf_counter() - t_man, 1)
    t_bm = time.perf_counter()
    lexical.build(settings, ((c.id, c.text, c.meta) for c in rows), generation=generation)
    info["bm25_build_s"] = round(time.perf_counter() - t_bm, 1)
    from ingestion import tables

    tables.build(settings, ((c.id, c.text, c.meta) for c in rows), generation)
    if int(state.get("passages", 0)) < scale:
        t_pass = time.perf_counter()
        info["passage_rows"] = _keep_passages(settings, embedder, rows, int(state.get("passages", 0)), real,
                                              vectors_dir or work)  # fmt: skip
        info["passages_s"] = round(time.perf_counter() - t_pass, 1)
    sync_catalog(settings, embedder=embedder)
    info["build_s"] = round(time.perf_counter() - t0, 1)
    info["chroma_count"] = collection.count()
    (work / "state.json").write_text(
        json.dumps({"generator": GENERATOR_VERSION, "real": real, "chunks": scale, "passages": scale})
    )
    return info


def _keep_passages(settings: Any, embedder: Any, rows: Sequence[ChunkSpec], start: int, real: int,
                   cache_dir: Path) -> int:  # fmt: skip
    """Keep each chunk's sentence vectors, as ingest does (pooled from the chunk's own encoding).

    The first ``real`` chunks are pooled by the real model (cached in ``cache_dir`` across runs); a variant
    reuses its base chunk's sentence vectors with a little noise, like its chunk vector, when it splits into
    as many sentences (else it has none kept, and an answer pools it on first use, as for an old index).
    """
    import numpy as np

    from ingestion.sentence_vectors import SENTENCE_VECTORS_FILE, SentenceVectors, embed_text, sentence_spans

    store = SentenceVectors(embedder, settings.data_dir / SENTENCE_VECTORS_FILE)
    path = cache_dir / f"passages_{real}_{GENERATOR_VERSION}.npz"
    base = rows[: min(real, len(rows))]
    if path.is_file() and int(np.load(path)["counts"].shape[0]) >= len(base):
        saved = np.load(path)
        counts, flat = saved["counts"], saved["vecs"].astype(np.float32)
    else:
        counts_l: list[int] = []
        parts: list[Any] = []
        for at in range(0, len(base), 256):
            part = base[at : at + 256]
            _, pooled = store.pool([c.text for c in part], [embed_text(c.text, c.meta["section"]) for c in part])
            for spans, c in zip(pooled, part, strict=True):
                order = sentence_spans(c.text)
                counts_l.append(len(order))
                parts.append(np.stack([spans.get(sp, np.zeros(embedder.dimension, np.float32)) for sp in order])
                             if order else np.zeros((0, embedder.dimension), np.float32))  # fmt: skip
        counts, flat = np.asarray(counts_l, dtype=np.int32), np.concatenate(parts)
        np.savez(path, counts=counts, vecs=flat.astype(np.float16))
    offsets = np.concatenate([[0], np.cumsum(counts)])
    noise = np.random.default_rng(SEED + 7 + start)
    kept = 0
    for at in range(start, len(rows), 2000):
        embedded, pooled = [], []
        for i in range(at, min(at + 2000, len(rows))):
            c, b = rows[i], i % real
            order = sentence_spans(c.text)
            vecs = flat[offsets[b] : offsets[b + 1]]
            if len(order) != len(vecs):
                continue
            if i >= real:
                vecs = vecs + noise.normal(0, 0.01, vecs.shape).astype(np.float32)
                vecs = vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
            embedded.append(embed_text(c.text, c.meta["section"]))
            pooled.append({sp: v for sp, v in zip(order, vecs, strict=True) if v.any()})
        store.keep_passages(embedded, pooled)
        kept += len(embedded)
    return kept


def migrate(work: Path) -> dict[str, Any]:
    """Upgrade a single-collection index in ``work`` to one collection per level (``ChunkStore.migrate``)."""
    from ingestion.store import chunk_collection, open_client

    settings = _settings(work)
    store = chunk_collection(open_client(settings), settings)
    before = store.count()
    t0 = time.perf_counter()
    moved = store.migrate()
    seconds = time.perf_counter() - t0
    counts = {level: store.level(level).count() for level in ("public", "internal", "confidential", "restricted")}
    if sum(counts.values()) != before or store.has_legacy:
        raise SystemExit(f"migration lost chunks: {before} before, {counts} after")
    return {"migrate_s": round(seconds, 1), "moved": moved, "level_counts": counts}


def _write_manifest(settings: Any, rows: Sequence[ChunkSpec]) -> int:
    """Record the generated documents in the manifest as an ingest would; returns its generation.

    The service answers only from an index whose manifest lists documents, and its start-up repair compares
    Chroma, BM25 and the register tables with the manifest's generation: without these rows it would delete
    every chunk as an orphan.
    """
    from ingestion.manifest import ChunkRow, DocumentWrite, Manifest
    from ingestion.metadata import DocumentMeta
    from ingestion.pipeline import index_config

    by_doc: dict[str, list[ChunkSpec]] = {}
    for c in rows:
        by_doc.setdefault(c.meta["doc_id"], []).append(c)
    with Manifest(settings) as manifest:
        have = set(manifest.stored())
        writes = []
        for doc_id, specs in by_doc.items():
            if doc_id in have:
                continue
            m = specs[0].meta
            meta = DocumentMeta(**{k: m[k] for k in (
                "doc_id", "title", "doc_type", "owner", "version", "effective_date", "classification", "status",
                "source", "content_hash", "ingested_at")})  # fmt: skip
            writes.append(DocumentWrite(
                meta=meta, root=str(ROOT / "bench"), path=str(ROOT / "bench" / "generated" / doc_id),
                fingerprint=f"bench-{GENERATOR_VERSION}",
                chunks=[ChunkRow(c.id, int(c.meta["chunk_index"]), c.text, c.meta) for c in specs],
            ))  # fmt: skip
        for start in range(0, len(writes), 500):
            manifest.commit_documents(writes[start : start + 500])
        manifest.set_state("index_config", index_config(settings))
        return manifest.generation


# --------------------------------------------------------------------------------------------------
# Measure (a fresh subprocess per scale)


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _pct(values: Sequence[float], p: float) -> float:
    from assistant.evaluation.stats import percentile

    got = percentile(values, p)
    return round(got, 1) if got is not None else float("nan")


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(work: Path, rounds: int) -> dict[str, Any]:
    """Load the service on the built index and time answers, encodes and bare queries."""
    import ingestion
    from assistant.evaluation.key import load_key
    from assistant.models import Asker
    from assistant.retrieval import clearance_where
    from assistant.service import ClausewiseService
    from ingestion import lexical
    from ingestion.lexical import LexicalIndex

    settings = _settings(work)
    out: dict[str, Any] = {"rss_start_mib": round(_rss_kib() / 1024, 1), "code": str(CODE)}
    if Path(ingestion.__file__).resolve().parents[1] != CODE:
        raise SystemExit(f"imported {ingestion.__file__}, not the code under {CODE}")

    # BM25: load time in a clean state, then its memory as traced allocations of a second load.
    t0 = time.perf_counter()
    idx = LexicalIndex.load(settings)
    out["bm25_load_s"] = round(time.perf_counter() - t0, 2)
    del idx
    gc.collect()
    tracemalloc.start()
    idx = LexicalIndex.load(settings)
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["bm25_mem_mib"] = round(current / 2**20, 1)
    out["bm25_disk_mib"] = round(lexical.size_on_disk(settings) / 2**20, 1)
    del idx
    gc.collect()

    t0 = time.perf_counter()
    svc = ClausewiseService.from_settings(settings)
    out["service_start_s"] = round(time.perf_counter() - t0, 2)
    out["chunks"] = svc.retriever.collection.count()
    out["chroma_disk_mib"] = round(_dir_bytes(settings.chroma_path) / 2**20, 1)
    key = load_key(ROOT / "corpus" / "org" / "expected.yaml")
    questions = [(q.question, q.role) for q in key.questions]
    for text, role in questions[:3]:  # warm-up: model, BM25 and Chroma caches, audit log tables
        svc.ask(text, Asker(user="bench", role=role, channel="eval"))

    ask_ms: list[float] = []
    by_intent: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    for _ in range(rounds):
        for text, role in questions:
            t = time.perf_counter()
            try:
                answer = svc.ask(text, Asker(user="bench", role=role, channel="eval"))
            except Exception as exc:  # a failing answer is reported, not timed; the run goes on
                name = f"{type(exc).__name__}: {str(exc)[:120]}"
                errors[name] = errors.get(name, 0) + 1
                continue
            ms = (time.perf_counter() - t) * 1000
            ask_ms.append(ms)
            by_intent.setdefault(answer.intent, []).append(ms)
    out["ask_errors"] = errors

    encode_ms: list[float] = []
    query_ms: list[float] = []
    query_filtered_ms: list[float] = []
    query_one_ms: list[float] = []
    bare_ms: list[float] = []
    collection = svc.retriever.collection
    # One unfiltered query of one Chroma collection: the largest level's here (the only one in the old layout).
    levels = getattr(collection, "level", None)
    single = max((levels(lv) for lv in ("public", "internal", "confidential", "restricted")),
                 key=lambda c: c.count()) if levels else collection  # fmt: skip
    out["single_collection_chunks"] = single.count()
    n = min(DENSE_N, out["chunks"])
    for _ in range(rounds):
        for text, role in questions:
            clearance = svc.clearance(Asker(role=role))
            t = time.perf_counter()
            # The model itself: the retriever's cache of query vectors already holds these questions.
            vec = svc.retriever.embedder.embed_query(text).tolist()
            t1 = time.perf_counter()
            collection.query(query_embeddings=[vec], n_results=n, include=["distances"])
            t2 = time.perf_counter()
            collection.query(
                query_embeddings=[vec], n_results=n, where=clearance_where(clearance), include=["distances"]
            )
            t3 = time.perf_counter()
            single.query(query_embeddings=[vec], n_results=n, include=["distances"])
            t4 = time.perf_counter()
            encode_ms.append((t1 - t) * 1000)
            query_ms.append((t2 - t1) * 1000)
            query_filtered_ms.append((t3 - t2) * 1000)
            query_one_ms.append((t4 - t3) * 1000)
            bare_ms.append((t1 - t + t3 - t2) * 1000)

    out.update(
        asks=len(ask_ms),
        ask_p50_ms=_pct(ask_ms, 50),
        ask_p95_ms=_pct(ask_ms, 95),
        ask_by_intent={k: {"n": len(v), "p50": _pct(v, 50), "p95": _pct(v, 95)} for k, v in sorted(by_intent.items())},
        encode_p50_ms=_pct(encode_ms, 50),
        encode_p95_ms=_pct(encode_ms, 95),
        chroma_p50_ms=_pct(query_ms, 50),
        chroma_p95_ms=_pct(query_ms, 95),
        chroma_filtered_p50_ms=_pct(query_filtered_ms, 50),
        chroma_filtered_p95_ms=_pct(query_filtered_ms, 95),
        bare_p50_ms=_pct(bare_ms, 50),
        bare_p95_ms=_pct(bare_ms, 95),
        chroma_one_p50_ms=_pct(query_one_ms, 50),
        chroma_one_p95_ms=_pct(query_one_ms, 95),
        unfiltered_bare_p95_ms=_pct([e + q for e, q in zip(encode_ms, query_one_ms, strict=True)], 95),
        peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        load_average=[round(x, 2) for x in os.getloadavg()],
    )
    out["ask_over_bare_p95"] = round(out["ask_p95_ms"] / out["bare_p95_ms"], 2) if out["bare_p95_ms"] else None
    out["ask_over_unfiltered_p95"] = (
        round(out["ask_p95_ms"] / out["unfiltered_bare_p95_ms"], 2) if out["unfiltered_bare_p95_ms"] else None
    )
    return out


# --------------------------------------------------------------------------------------------------
# Orchestration


def _child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        env=_env(), cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench/query.py {' '.join(args)} failed with exit code {proc.returncode}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def markdown_table(results: Sequence[dict[str, Any]]) -> str:
    """The figures as a Markdown table (one row per scale)."""
    head = (
        "| chunks | ask p50 / p95 ms | encode p50 / p95 ms | Chroma p50 / p95 ms (no filter) "
        "| Chroma p50 / p95 ms (clearance filter) | encode + filtered query p95 ms | ask p95 ÷ that "
        "| BM25 load s | BM25 memory MiB | peak RSS MiB |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [
        f"| {r['chunks']:,}{' (' + r['label'] + ')' if r.get('label') else ''} "
        f"| {r['ask_p50_ms']:.0f} / {r['ask_p95_ms']:.0f} | {r['encode_p50_ms']:.1f} / "
        f"{r['encode_p95_ms']:.1f} | {r['chroma_p50_ms']:.1f} / {r['chroma_p95_ms']:.1f} | "
        f"{r['chroma_filtered_p50_ms']:.1f} / {r['chroma_filtered_p95_ms']:.1f} | {r['bare_p95_ms']:.0f} | "
        f"{r['ask_over_bare_p95']} | {r['bm25_load_s']:.2f} | {r['bm25_mem_mib']:.0f} | {r['peak_rss_mib']:.0f} |"
        for r in results
    ]
    return "\n".join([head, *rows])


def comparison_table(results: Sequence[dict[str, Any]]) -> str:
    """This layout against the baseline's, pass by pass: ask p95, the target ratio, peak RSS, load."""
    head = (
        "| pass | layout | ask p50 / p95 ms | encode p95 ms | one unfiltered query p95 ms | clearance query p95 ms "
        "| ask p95 ÷ (encode + one unfiltered query) | peak RSS MiB | load average |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---|"
    )
    rows = [
        f"| {r.get('pass', 1)} | {r.get('label', 'this code')} | {r['ask_p50_ms']:.0f} / {r['ask_p95_ms']:.0f} "
        f"| {r['encode_p95_ms']:.1f} | {r.get('chroma_one_p95_ms', r['chroma_p95_ms']):.1f} "
        f"| {r['chroma_filtered_p95_ms']:.1f} | {r.get('ask_over_unfiltered_p95', '')} | {r['peak_rss_mib']:.0f} "
        f"| {' / '.join(str(x) for x in r.get('load_average', []))} |"
        for r in results
    ]
    return "\n".join([head, *rows])


def _one_per_scale(results: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The last measurement of each scale (alternating passes measure a scale more than once)."""
    last = {r["chunks"]: r for r in results}
    return [last[k] for k in sorted(last)]


def plot(results: Sequence[dict[str, Any]], path: Path) -> None:
    """Latency and memory against the number of chunks (log x)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before = sorted((r for r in results if str(r.get("label", "")).startswith("baseline")), key=lambda r: r["chunks"])
    results = _one_per_scale([r for r in results if not str(r.get("label", "")).startswith("baseline")])
    xs = [r["chunks"] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    if before:
        bx = [r["chunks"] for r in before]
        left.plot(bx, [r["ask_p95_ms"] for r in before], "o", mfc="none", color="C0", label="before: svc.ask p95")
        left.plot(bx, [r["chroma_filtered_p95_ms"] for r in before], "D", mfc="none", color="C3",
                  label="before: Chroma query, clearance filter, p95")  # fmt: skip
        right.plot(bx, [r["peak_rss_mib"] for r in before], "o", mfc="none", color="C0", label="before: peak RSS")
    left.plot(xs, [r["ask_p95_ms"] for r in results], "o-", color="C0", label="svc.ask p95")
    left.plot(xs, [r["ask_p50_ms"] for r in results], "o--", color="C1", label="svc.ask p50")
    left.plot(xs, [r["bare_p95_ms"] for r in results], "s-", color="C2", label="encode + clearance query p95")
    left.plot(xs, [r["chroma_filtered_p95_ms"] for r in results], "D-", color="C3",
              label="Chroma query, clearance (level collections), p95")  # fmt: skip
    left.plot(xs, [r["chroma_p95_ms"] for r in results], "^-", color="C4", label="Chroma query, all levels, p95")
    left.plot(xs, [r["encode_p95_ms"] for r in results], "v-", color="C5", label="question encode p95")
    left.axhline(150, color="grey", linestyle=":", label="goal: ask p95 150 ms")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("chunks in the index")
    left.set_ylabel("milliseconds")
    left.set_title("Latency")
    left.legend(fontsize=7)
    right.plot(xs, [r["peak_rss_mib"] for r in results], "o-", color="C0", label="process peak RSS")
    right.plot(xs, [r["bm25_mem_mib"] for r in results], "s-", color="C1", label="BM25 index in memory")
    right.axhline(600, color="grey", linestyle=":", label="goal: 600 MiB per worker at 100k")
    right.set_xscale("log")
    right.set_xlabel("chunks in the index")
    right.set_ylabel("MiB")
    right.set_title("Memory")
    right.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> int:
    """Entry point: build and measure each scale, print the table, write JSON and the plot."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1000,10000,100000")
    parser.add_argument("--real", type=int, default=10000, help="chunks embedded by the real model")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the sample key's questions")
    parser.add_argument("--work", type=Path, default=ROOT / ".clausewise" / "bench" / "query")
    parser.add_argument(
        "--vectors", type=Path, default=ROOT / ".clausewise" / "bench" / "vectors",
        help="cache of the real model's chunk vectors, shared by runs with other --work folders",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "query.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "bench_query.png")
    parser.add_argument("--replot", type=Path, nargs="+", help="only redraw the plot and table from saved JSON files")
    parser.add_argument(
        "--baseline-code", type=Path,
        help="a checkout of earlier code: its bench/query.py builds and measures the same chunks, alternating",
    )  # fmt: skip
    parser.add_argument("--code-root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--baseline-work", type=Path, help="the baseline's work dir (default: WORK-baseline)")
    parser.add_argument("--passes", type=int, default=1, help="alternating measurements per scale (with a baseline)")
    parser.add_argument(
        "--migrate", action="store_true",
        help="with --baseline-code: this code's index is a copy of the baseline's, upgraded by ChunkStore.migrate",
    )  # fmt: skip
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--migrate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replot is not None:
        saved = [r for path in args.replot for r in json.loads(path.read_text())["results"]]
        plot(saved, args.plot)
        print(markdown_table(saved))
        if any(r.get("label") for r in saved):
            print("\n" + comparison_table([r for r in saved if r.get("label")]))
        return 0
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.build is not None:
        print(json.dumps(build(work, args.build, args.real, args.vectors.resolve())))
        return 0
    if args.measure:
        print(json.dumps(measure(work, args.rounds)))
        return 0
    if args.migrate_only:
        print(json.dumps(migrate(work)))
        return 0

    scales = sorted(int(s) for s in args.scales.split(","))
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    baseline = ["--code-root", str(args.baseline_code.resolve())] if args.baseline_code else []
    baseline_work: Path = (args.baseline_work or work.with_name(work.name + "-baseline")).resolve()
    for scale in scales:
        build_args = ["--build", str(scale), "--real", str(args.real), "--vectors", str(args.vectors)]
        if baseline:
            built_old = _child(["--work", str(baseline_work), *build_args, *baseline])
            print(f"baseline built {scale:,} chunks: {json.dumps(built_old)}", file=sys.stderr, flush=True)
        if baseline and args.migrate:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(baseline_work, work)
            built = _child(["--work", str(work), "--migrate-only"])
        else:
            built = _child(["--work", str(work), *build_args])
        print(f"built {scale:,} chunks: {json.dumps(built)}", file=sys.stderr, flush=True)
        for n_pass in range(1, (args.passes if baseline else 1) + 1):
            runs = [("baseline (one collection, filtered)", baseline_work, baseline)] if baseline else []
            runs.append(("one collection per level" if baseline else "", work, []))
            for label, where, code in runs:
                measured = _child(["--work", str(where), "--measure", "--rounds", str(args.rounds), *code])
                measured.update(build=built if not code else built_old, label=label, scale=scale)
                measured["pass"] = n_pass
                results.append(measured)
                print(f"measured {scale:,} {label}: {json.dumps(measured)}", file=sys.stderr, flush=True)
    load = os.getloadavg()
    summary = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "load_average_after": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 1),
        "real_vectors": args.real,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    plot(results, args.plot)
    print(markdown_table(results))
    if baseline:
        print("\n" + comparison_table(results))
    print(f"\n{summary['machine']}; load average after the run {summary['load_average_after']}; "
          f"{summary['seconds']} s; JSON {args.out}; plot {args.plot}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
