"""Helpers shared by the ingestion tests: settings on tmp_path and snapshots of the whole index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ingestion.lexical import LexicalIndex
from ingestion.manifest import Manifest
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client


def make_settings(base: Path, **extra: Any) -> Settings:
    """Settings with a data dir under ``base`` and no catalog (syntax-only clause refs)."""
    return Settings(data_dir=base / "data", catalog_dir=base / "no-catalog", **extra)


def chroma_records(settings: Settings, *, embeddings: bool = False) -> dict[str, dict[str, Any]]:
    """Every chunk in Chroma: id → {"document", "metadata"[, "embedding"]}."""
    collection = chunk_collection(open_client(settings), settings)
    include: list[Any] = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
    got = collection.get(include=include)
    out: dict[str, dict[str, Any]] = {}
    for i, chunk_id in enumerate(got["ids"]):
        record: dict[str, Any] = {
            "document": (got["documents"] or [])[i],
            "metadata": dict((got["metadatas"] or [])[i]),
        }
        if embeddings:
            record["embedding"] = np.asarray((got["embeddings"] if got["embeddings"] is not None else [])[i])
        out[chunk_id] = record
    return out


def snapshot(settings: Settings) -> dict[str, Any]:
    """Chroma, manifest and BM25 contents with the run-dependent ``ingested_at`` removed."""

    def strip(meta: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in meta.items() if k != "ingested_at"}

    records = chroma_records(settings, embeddings=True)
    with Manifest(settings) as manifest:
        documents = [d.model_dump(exclude={"ingested_at", "root", "path"}) for d in manifest.documents()]
        listed = manifest.all_chunk_ids()
        pending = manifest.pending()
    lexical = LexicalIndex.load(settings)
    return {
        "chroma": {cid: (r["document"], strip(r["metadata"])) for cid, r in records.items()},
        "embeddings": {cid: r["embedding"] for cid, r in records.items()},
        "manifest_docs": documents,
        "manifest_chunks": sorted(listed),
        "pending": pending,
        "bm25": None if lexical is None else sorted(lexical.ids),
        "bm25_meta": None
        if lexical is None
        else {cid: strip(m) for cid, m in zip(lexical.ids, lexical.metadatas, strict=True)},
    }


def assert_same_index(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Two snapshots hold the same documents, chunks, metadata, vectors and BM25 entries."""
    assert sorted(got["chroma"]) == sorted(want["chroma"]), "chunk ids differ"
    assert got["chroma"] == want["chroma"]
    assert got["manifest_docs"] == want["manifest_docs"]
    assert got["manifest_chunks"] == want["manifest_chunks"] == sorted(want["chroma"])
    assert got["pending"] == set()
    assert got["bm25"] == want["bm25"] == sorted(want["chroma"])
    assert got["bm25_meta"] == want["bm25_meta"]
    for chunk_id, vector in want["embeddings"].items():
        assert np.allclose(got["embeddings"][chunk_id], vector, atol=1e-5), chunk_id
