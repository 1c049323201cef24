"""Chroma access: the embedded store in the data dir, or a Chroma server when ``chroma_url`` is set.

Collections are always created with ``embedding_function=None`` (Clausewise embeds itself and
queries by vector) and cosine space.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ingestion.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from ingestion.chunk_store import ChunkStore

COLLECTION_METADATA: dict[str, Any] = {"hnsw:space": "cosine"}
#: Ids per Chroma call; well under the embedded store's maximum batch size.
WRITE_BATCH = 1000


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """``http(s)://host[:port]`` → ``(host, port, ssl)``; raises ``ValueError`` naming the setting."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"CLAUSEWISE_CHROMA_URL must look like http://host:port, got {url!r}")
    if parts.path not in ("", "/"):
        raise ValueError(f"CLAUSEWISE_CHROMA_URL must not have a path, got {url!r}")
    ssl = parts.scheme == "https"
    try:
        port = parts.port or (443 if ssl else 8000)
    except ValueError as exc:
        raise ValueError(f"CLAUSEWISE_CHROMA_URL has an invalid port: {url!r}") from exc
    return parts.hostname, port, ssl


def store_location(settings: Settings) -> str:
    """Where the vectors live, for humans (a folder or a server URL)."""
    return settings.chroma_url or str(settings.chroma_path.resolve())


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client: ``HttpClient`` when ``chroma_url`` is set, else ``PersistentClient(chroma_path)``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        host, port, ssl = parse_chroma_url(settings.chroma_url)
        return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def reopen_client(settings: Settings) -> ClientAPI:
    """A client that reads the store as it is on disk now.

    An embedded ``PersistentClient`` is cached per path and keeps its vector index in memory, so writes made
    by another process stay invisible to it; dropping the cache makes the next client load the store afresh.
    Handles of the old client keep working (an ingest running in this process is not disturbed).
    """
    if not settings.chroma_url:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    return open_client(settings)


def open_collection(client: ClientAPI, name: str) -> Collection:
    """A Chroma collection by name, created when missing (no embedding function, cosine space)."""
    return client.get_or_create_collection(name, embedding_function=None, metadata=COLLECTION_METADATA)


def chunk_collection(client: ClientAPI, settings: Settings) -> ChunkStore:
    """The document chunks (evidence): one Chroma collection per classification level, used as one."""
    from ingestion.chunk_store import ChunkStore

    return ChunkStore(client, settings)


def catalog_collection(client: ClientAPI, settings: Settings) -> Collection:
    """The collection of ISO/IEC 42001 catalog entries, kept apart from evidence."""
    return open_collection(client, settings.catalog_collection)


def drop_chunk_collection(client: ClientAPI, settings: Settings) -> None:
    """Delete every chunk collection (each level's and a pre-upgrade single one) if it exists."""
    from ingestion.chunk_store import ChunkStore

    ChunkStore(client, settings).drop()


def all_ids(collection: Collection | ChunkStore) -> set[str]:
    """Every id in a collection (or in every collection of a ``ChunkStore``), read page by page."""
    from ingestion.chunk_store import ChunkStore

    if isinstance(collection, ChunkStore):
        return collection.all_ids()
    ids: set[str] = set()
    total = collection.count()
    offset = 0
    page = 10_000
    while offset < total:
        result = collection.get(include=[], limit=page, offset=offset)
        batch = result["ids"]
        if not batch:
            break
        ids.update(batch)
        offset += len(batch)
    return ids


def delete_ids(collection: Collection | ChunkStore, ids: Iterable[str]) -> int:
    """Delete ids in batches; returns how many were asked for."""
    pending = sorted(set(ids))
    for start in range(0, len(pending), WRITE_BATCH):
        collection.delete(ids=pending[start : start + WRITE_BATCH])
    return len(pending)


def batches(items: Sequence[Any], size: int = WRITE_BATCH) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
