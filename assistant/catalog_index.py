"""The clause catalog in its own Chroma collection, so answers can retrieve guidance on the standard.

Catalog entries never enter the evidence collection: retrieval over organization documents and retrieval
over the catalog stay separate, so catalog text can never be cited as the organization's evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from assistant.catalog import Catalog, CatalogEntry, load_catalog
from ingestion.embedding import Embedder, get_embedder, model_name
from ingestion.settings import Settings
from ingestion.store import all_ids, catalog_collection, open_client

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

ID_PREFIX = "catalog::"
#: Collection metadata keys recording what the stored vectors were built from.
HASH_KEY = "catalog_hash"
MODEL_KEY = "embedding_model"


def record_id(entry_id: str) -> str:
    """Chroma id of a catalog entry (``catalog::6.1.4``)."""
    return ID_PREFIX + entry_id


def entry_document(entry: CatalogEntry) -> str:
    """The text embedded for an entry: title, keywords, summary, obligations.

    Keywords come right after the title because the model reads only its first 256 tokens and the
    keywords carry the colloquial phrasings that questions use.
    """
    parts = [entry.title]
    if entry.keywords:
        parts.append("Also called: " + "; ".join(entry.keywords) + ".")
    parts.append(entry.summary)
    parts.append("An auditor checks: " + " ".join(entry.obligations))
    return "\n".join(parts)


def entry_metadata(entry: CatalogEntry) -> dict[str, str]:
    """Chroma metadata of an entry; ``parent`` is omitted (never None) for top-level entries."""
    meta = {"id": entry.id, "kind": entry.kind, "title": entry.title}
    if entry.parent is not None:
        meta["parent"] = entry.parent
    return meta


def open_catalog_collection(settings: Settings, client: ClientAPI | None = None) -> Collection:
    """The catalog collection (created empty if missing), never the evidence collection."""
    if settings.catalog_collection == settings.chunk_collection:
        raise ValueError("settings catalog_collection and chunk_collection must differ: catalog text is never evidence")
    return catalog_collection(client if client is not None else open_client(settings), settings)


def sync_catalog(
    settings: Settings,
    catalog: Catalog | None = None,
    *,
    embedder: Embedder | None = None,
    client: ClientAPI | None = None,
) -> int:
    """Index every catalog entry; returns how many were (re)embedded, 0 when the stored index is current."""
    catalog = catalog if catalog is not None else load_catalog(settings)
    collection = open_catalog_collection(settings, client)
    wanted = {record_id(entry.id) for entry in catalog}
    stored_meta: dict[str, Any] = dict(collection.metadata or {})
    # The model name is known without loading the model, so an up-to-date index costs no model load.
    model = embedder.model_name if embedder is not None else model_name(settings)
    if (
        stored_meta.get(HASH_KEY) == catalog.content_hash
        and stored_meta.get(MODEL_KEY) == model
        and all_ids(collection) == wanted
    ):
        return 0
    embedder = embedder if embedder is not None else get_embedder(settings)
    entries = list(catalog)
    vectors = embedder.embed_documents([entry_document(e) for e in entries])
    stale = sorted(all_ids(collection) - wanted)
    if stale:
        collection.delete(ids=stale)
    collection.upsert(
        ids=[record_id(e.id) for e in entries],
        embeddings=np.asarray(vectors, dtype=np.float32),
        documents=[entry_document(e) for e in entries],
        metadatas=[entry_metadata(e) for e in entries],
    )
    # Written last: an interrupted sync leaves the old hash, so the next run re-embeds.
    collection.modify(metadata={HASH_KEY: catalog.content_hash, MODEL_KEY: embedder.model_name})
    return len(entries)


def search_catalog(
    target: Settings | Collection, query_embedding: Sequence[float] | np.ndarray, k: int = 5
) -> list[tuple[str, float]]:
    """Nearest catalog entries to a query vector: ``[(entry_id, cosine similarity)]``, best first."""
    collection = open_catalog_collection(target) if isinstance(target, Settings) else target
    total = collection.count()
    if total == 0 or k <= 0:
        return []
    # One query row; Chroma wants a 2-D batch.
    batch: NDArray[np.float32] = np.asarray(query_embedding, dtype=np.float32).reshape(1, -1)
    result = collection.query(query_embeddings=batch, n_results=min(k, total), include=["metadatas", "distances"])
    ids = result["ids"][0]
    distances = (result.get("distances") or [[]])[0]
    metadatas = (result.get("metadatas") or [[]])[0]
    out: list[tuple[str, float]] = []
    for chroma_id, distance, meta in zip(ids, distances, metadatas, strict=True):
        entry_id = str(meta.get("id")) if meta and meta.get("id") else chroma_id.removeprefix(ID_PREFIX)
        out.append((entry_id, round(1.0 - float(distance), 6)))
    return out
