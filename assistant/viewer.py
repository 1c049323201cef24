"""The document viewer's content: a document's chunks in order, only when the asker may read the document."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from assistant.retrieval import Retriever, and_where, clearance_where, readable

_INDEX = re.compile(r"::(\d+)$")


class ViewChunk(BaseModel):
    """One stored chunk of a document, verbatim."""

    chunk_id: str
    section: str = ""
    page: int | None = None
    text: str


class DocumentView(BaseModel):
    """A document's listing row (``ClausewiseService.documents``) and its chunks, in reading order."""

    doc_id: str
    meta: dict[str, Any]
    chunks: list[ViewChunk]


def _order(chunk_id: str) -> tuple[int, str]:
    m = _INDEX.search(chunk_id)
    return (int(m.group(1)) if m else 0, chunk_id)


def load(retriever: Retriever, row: Mapping[str, Any], clearance: Sequence[str]) -> DocumentView:
    """The chunks of the document ``row`` describes that ``clearance`` allows (each chunk checked again)."""
    doc_id = str(row["doc_id"])
    where = and_where({"doc_id": doc_id}, clearance_where(clearance))
    got = retriever.store_call(lambda c: c.get(where=where, include=["documents", "metadatas"]))
    chunks: list[ViewChunk] = []
    for i, cid in enumerate(got["ids"]):
        meta = dict(got["metadatas"][i] or {})
        if not readable(meta, clearance) or str(meta.get("doc_id", "")) != doc_id:
            continue
        page = meta.get("page")
        chunks.append(ViewChunk(
            chunk_id=cid, section=str(meta.get("section", "")),
            page=int(page) if isinstance(page, int | float) else None, text=got["documents"][i] or "",
        ))  # fmt: skip
    chunks.sort(key=lambda c: _order(c.chunk_id))
    return DocumentView(doc_id=doc_id, meta=dict(row), chunks=chunks)
