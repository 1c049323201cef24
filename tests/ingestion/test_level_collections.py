"""One Chroma collection per classification level (issue 11 item 2): layout, queries, moves, crashes, migration.

Real parts throughout: the ingest pipeline, embedded Chroma on disk, the bundled model, a ``clausewise ingest``
subprocess killed with SIGKILL in the middle of a move, and an index rewritten into the single-collection layout
of earlier versions (the same records in one collection named ``chunk_collection``) to prove the upgrade.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from docfactory import write_markdown, write_yaml
from ingest_helpers import assert_same_index, snapshot

from assistant.models import Asker
from assistant.retrieval import clearance_where
from assistant.service import ClausewiseService
from ingestion.chunk_store import LEVELS, level_collection_name
from ingestion.embedding import Embedder
from ingestion.manifest import Manifest
from ingestion.pipeline import ingest
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client, open_collection

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "crash_runner.py"
SECRET = "The lantern reserve for model retraining holds exactly 8,615 credits"
SECRET_QUESTION = "how many credits does the lantern reserve for model retraining hold?"
STAFF = Asker(user="sam", role="staff", channel="cli")
AUDITOR = Asker(user="ann", role="auditor", channel="cli")
QUESTIONS = (
    "how long are datasets retained before deletion?",
    "who approves a new AI system before deployment?",
    "what does the incident log record?",
    SECRET_QUESTION,
)


def _corpus(root: Path) -> Path:
    """Documents at every level, two doc types, several chunks each."""
    docs = root / "docs"
    topics = ("retention of datasets", "approval of new AI systems", "incident logging", "supplier reviews")
    for i, level in enumerate((*LEVELS, "internal", "confidential", "internal", "restricted")):
        topic = topics[i % len(topics)]
        body = "".join(
            f"## Part {s}\n\nFor {topic}, family {i}.{s} rules apply: the owner reviews them every {3 + s} months "
            f"and records the outcome in register {i}-{s}.\n\n"
            for s in range(1, 4)
        )
        write_markdown(
            docs / f"doc_{i}_{level}.md",
            f"# Document {i}\n\n{body}",
            {"title": f"Document {i}", "doc_type": "policy" if i % 2 else "procedure", "classification": level},
        )
    write_markdown(
        docs / "reserve.md",
        f"# Retraining reserve\n\n{SECRET}. The finance lead reviews the reserve each quarter.\n",
        {"title": "Retraining Reserve", "doc_type": "procedure", "classification": "internal"},
    )
    return docs


def _settings(base: Path) -> Settings:
    return Settings(
        data_dir=base / "data",
        catalog_dir=REPO / "corpus" / "standard",
        prompts_dir=REPO / "prompts",
        answerer="extractive",
        api_keys=[],
    )


def _levels_by_id(settings: Settings) -> dict[str, list[str]]:
    """Chunk id → the level collections holding it (read straight from Chroma, not through ChunkStore)."""
    client = open_client(settings)
    out: dict[str, list[str]] = {}
    for level in LEVELS:
        coll = open_collection(client, level_collection_name(settings.chunk_collection, level))
        got = coll.get(include=["metadatas"])
        for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            assert meta["classification"] == level, f"{cid} ({meta['classification']}) in the {level} collection"
            out.setdefault(cid, []).append(level)
    return out


def _staff_sees_secret(svc: ClausewiseService) -> bool:
    answer = svc.ask(SECRET_QUESTION, STAFF)
    texts = [answer.answer, *(c.quote for c in answer.citations)]
    return "8,615" in " ".join(texts) or any(c.doc_id == "reserve.md" for c in answer.citations)


def _to_single_collection(settings: Settings) -> int:
    """Rewrite the index into the layout before this change: every chunk in one collection, level ones gone."""
    client = open_client(settings)
    store = chunk_collection(client, settings)
    got = store.get(include=["documents", "metadatas", "embeddings"])
    single = open_collection(client, settings.chunk_collection)
    single.add(
        ids=got["ids"], embeddings=got["embeddings"], documents=got["documents"], metadatas=got["metadatas"]
    )
    for level in LEVELS:
        client.delete_collection(level_collection_name(settings.chunk_collection, level))
    return len(got["ids"])


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "CLAUSEWISE_DATA_DIR": str(settings.data_dir),
        "CLAUSEWISE_CATALOG_DIR": str(settings.catalog_dir),
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }


@pytest.fixture()
def indexed(tmp_path: Path) -> tuple[Settings, Path]:
    docs = _corpus(tmp_path / "src")
    settings = _settings(tmp_path)
    report = ingest([docs], settings)
    assert report.ok, report.failed
    return settings, docs


def test_every_chunk_is_in_the_collection_of_its_level_once(indexed: tuple[Settings, Path]) -> None:
    settings, _ = indexed
    placed = _levels_by_id(settings)
    with Manifest(settings) as manifest:
        listed = manifest.all_chunk_ids()
        level_of_doc = {d.doc_id: str(d.classification) for d in manifest.documents()}
    assert set(placed) == set(listed)
    assert all(places == [level_of_doc[listed[cid]]] for cid, places in placed.items())
    assert {p[0] for p in placed.values()} == set(LEVELS)
    assert chunk_collection(open_client(settings), settings).count() == len(listed)


def test_level_queries_equal_one_filtered_collection(indexed: tuple[Settings, Path], embedder: Embedder) -> None:
    settings, _ = indexed
    client = open_client(settings)
    store = chunk_collection(client, settings)
    everything = store.get(include=["documents", "metadatas", "embeddings"])
    reference = open_collection(client, "reference_single")
    reference.add(ids=everything["ids"], embeddings=everything["embeddings"],
                  documents=everything["documents"], metadatas=everything["metadatas"])  # fmt: skip
    vectors = [embedder.embed_query(q).tolist() for q in QUESTIONS]
    compared = 0
    for role in ("staff", "compliance", "auditor"):
        clearance = settings.clearance_for(role)
        for doc_types in ((), ("policy",)):
            where = clearance_where(clearance, doc_types)
            for n in (3, 10, 40):
                got = store.query(query_embeddings=vectors, n_results=n, where=where,
                                  include=["distances", "metadatas"])  # fmt: skip
                want = reference.query(query_embeddings=vectors, n_results=n, where=where,
                                       include=["distances", "metadatas"])  # fmt: skip
                assert got["ids"] == want["ids"], (role, doc_types, n)
                assert np.allclose(np.array(got["distances"], dtype=object).astype(float),
                                   np.array(want["distances"], dtype=object).astype(float), atol=1e-5)  # fmt: skip
                for metas in got["metadatas"]:
                    assert all(m["classification"] in clearance for m in metas)
                    assert all(not doc_types or m["doc_type"] in doc_types for m in metas)
                compared += 1
    assert compared == 18
    # Reads by id and by metadata give what the single collection gives.
    some = everything["ids"][::3]
    assert sorted(store.get(ids=some, include=[])["ids"]) == sorted(some)
    staff_where = clearance_where(settings.clearance_for("staff"))
    assert sorted(store.get(where=staff_where, include=[])["ids"]) == sorted(
        reference.get(where=staff_where, include=[])["ids"]
    )


def test_a_chunk_left_in_a_lower_collection_never_reaches_staff(indexed: tuple[Settings, Path]) -> None:
    settings, docs = indexed
    client = open_client(settings)
    store = chunk_collection(client, settings)
    restricted = store.level("restricted").get(include=["documents", "metadatas", "embeddings"])
    assert restricted["ids"]
    # As if a move had been cut short: a restricted chunk (metadata says so) sits in the internal collection.
    internal = store.level("internal")
    internal.add(ids=restricted["ids"], embeddings=restricted["embeddings"],
                 documents=restricted["documents"], metadatas=restricted["metadatas"])  # fmt: skip
    staff = clearance_where(settings.clearance_for("staff"))
    own = [np.asarray(v).tolist() for v in restricted["embeddings"]]
    found = store.query(query_embeddings=own, n_results=5, where=staff, include=["metadatas"])
    assert not set(restricted["ids"]) & {cid for row in found["ids"] for cid in row}
    assert all(m["classification"] in ("public", "internal") for row in found["metadatas"] for m in row)
    svc = ClausewiseService.from_settings(settings, audit=None)
    for text in restricted["documents"]:
        answer = svc.ask(text[:200], STAFF)
        assert all(c.classification in ("public", "internal") for c in answer.citations)
        assert not set(restricted["ids"]) & {c.chunk_id for c in answer.citations}
    # The next ingest puts every chunk back where its metadata says, once.
    report = ingest([docs], settings)
    assert report.chunks_repaired >= len(restricted["ids"])
    placed = _levels_by_id(settings)
    assert all(placed[cid] == ["restricted"] for cid in restricted["ids"])


def test_reclassification_moves_chunks_both_ways(indexed: tuple[Settings, Path]) -> None:
    settings, docs = indexed
    svc = ClausewiseService.from_settings(settings, audit=None)
    assert _staff_sees_secret(svc)
    with Manifest(settings) as manifest:
        ids = manifest.chunk_ids_by_doc(["reserve.md"])["reserve.md"]
    sidecar = docs / "reserve.md.meta.yaml"
    write_yaml(sidecar, {"classification": "restricted"})
    assert ingest([docs], settings).ok
    assert all(_levels_by_id(settings)[cid] == ["restricted"] for cid in ids)
    assert not _staff_sees_secret(svc)
    assert any(c.doc_id == "reserve.md" for c in svc.ask(SECRET_QUESTION, AUDITOR).citations)
    sidecar.unlink()
    assert ingest([docs], settings).ok
    assert all(_levels_by_id(settings)[cid] == ["internal"] for cid in ids)
    assert _staff_sees_secret(svc)


@pytest.mark.slow
def test_ingest_killed_in_the_middle_of_a_move_hides_the_chunk_and_recovers(
    indexed: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, docs = indexed
    svc = ClausewiseService.from_settings(settings, audit=None)
    assert _staff_sees_secret(svc)
    with Manifest(settings) as manifest:
        ids = manifest.chunk_ids_by_doc(["reserve.md"])["reserve.md"]
    write_yaml(docs / "reserve.md.meta.yaml", {"classification": "restricted"})
    proc = subprocess.run(
        [sys.executable, str(RUNNER), "during-move", "1", "ingest", str(docs), "--json"],
        cwd=REPO, env=_env(settings), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    # Killed after the chunks left the internal collection and before they reached the restricted one.
    placed = _levels_by_id(settings)
    assert not set(ids) & set(placed)
    assert not _staff_sees_secret(svc)
    report = ingest([docs], settings)
    assert report.ok and report.chunks_repaired >= len(ids)
    placed = _levels_by_id(settings)
    assert all(placed[cid] == ["restricted"] for cid in ids)
    assert not _staff_sees_secret(svc)
    clean = _settings(tmp_path / "clean")
    assert ingest([docs], clean).ok
    assert_same_index(snapshot(settings), snapshot(clean))


def test_single_collection_index_is_migrated_by_the_next_ingest(indexed: tuple[Settings, Path]) -> None:
    settings, docs = indexed
    before = snapshot(settings)
    moved = _to_single_collection(settings)
    assert moved == len(before["manifest_chunks"])
    store = chunk_collection(open_client(settings), settings)
    assert store.has_legacy and all(store.level(level).count() == 0 for level in LEVELS)
    # Until then the old layout is read as before, filtered: staff gets nothing above internal.
    staff = clearance_where(settings.clearance_for("staff"))
    vector = np.asarray(before["embeddings"][before["manifest_chunks"][0]]).tolist()
    found = store.query(query_embeddings=[vector], n_results=40, where=staff, include=["metadatas"])
    assert found["ids"][0] and all(m["classification"] in ("public", "internal") for m in found["metadatas"][0])

    report = ingest([docs], settings)
    assert report.ok and report.chunks_written == 0, "nothing re-embedded"
    assert any("index layout upgraded" in w and str(moved) in w for w in report.warnings)
    after = chunk_collection(open_client(settings), settings)
    assert not after.has_legacy
    assert_same_index(snapshot(settings), before)
    assert sum(len(p) for p in _levels_by_id(settings).values()) == moved


def test_single_collection_index_is_migrated_when_a_service_opens_it(
    indexed: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, _ = indexed
    before = snapshot(settings)
    _to_single_collection(settings)
    svc = ClausewiseService.from_settings(settings, audit=None)
    assert not chunk_collection(open_client(settings), settings).has_legacy
    assert_same_index(snapshot(settings), before)
    assert _staff_sees_secret(svc)
    assert all(c.classification in ("public", "internal") for c in svc.ask(QUESTIONS[0], STAFF).citations)


def test_migration_cut_short_reads_each_chunk_once_and_completes(indexed: tuple[Settings, Path]) -> None:
    settings, docs = indexed
    before = snapshot(settings)
    _to_single_collection(settings)
    client = open_client(settings)
    store = chunk_collection(client, settings)
    # A migration killed half-way: half the chunks copied to their level collections, the old one still whole.
    half: dict[str, Any] = store.get(include=["documents", "metadatas", "embeddings"])
    keep = slice(0, len(half["ids"]) // 2)
    store.add(ids=half["ids"][keep], embeddings=half["embeddings"][keep],
              documents=half["documents"][keep], metadatas=half["metadatas"][keep])  # fmt: skip
    reread = chunk_collection(client, settings)
    assert reread.has_legacy
    assert sorted(reread.get(include=[])["ids"]) == sorted(half["ids"])
    vector = np.asarray(half["embeddings"][0]).tolist()
    row = reread.query(query_embeddings=[vector], n_results=len(half["ids"]), include=["distances"])["ids"][0]
    assert len(row) == len(set(row)) == len(half["ids"])
    assert ingest([docs], settings).ok
    assert not chunk_collection(open_client(settings), settings).has_legacy
    assert_same_index(snapshot(settings), before)


def test_reset_drops_every_level_collection(indexed: tuple[Settings, Path]) -> None:
    settings, docs = indexed
    before = snapshot(settings)
    report = ingest([docs], settings, reset=True)
    assert report.reset and report.ok
    assert_same_index(snapshot(settings), before)
    shutil.rmtree(docs)
    docs.mkdir()
    assert ingest([docs], settings).ok
    assert chunk_collection(open_client(settings), settings).count() == 0
