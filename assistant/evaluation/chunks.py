"""Reading stored chunks back from Chroma for verification."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.evaluation.metrics import ChunkInfo


def chunk_infos(collection: Any, chunk_ids: Sequence[str]) -> dict[str, ChunkInfo]:
    """Stored text and metadata of chunks by id (missing ids are simply absent)."""
    ids = list(dict.fromkeys(chunk_ids))
    out: dict[str, ChunkInfo] = {}
    for start in range(0, len(ids), 500):
        got = collection.get(ids=ids[start : start + 500], include=["documents", "metadatas"])
        for i, cid in enumerate(got["ids"]):
            meta = got["metadatas"][i] or {}
            out[cid] = ChunkInfo(
                text=got["documents"][i] or "",
                doc_id=str(meta.get("doc_id", "")),
                section=str(meta.get("section", "")),
                classification=str(meta.get("classification", "")),
            )
    return out
