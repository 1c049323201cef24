"""The catalog's own Chroma collection: real Chroma on tmp_path, the real model (``embedder`` in conftest)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from assistant.catalog import Catalog
from assistant.catalog_index import (
    HASH_KEY,
    entry_document,
    open_catalog_collection,
    search_catalog,
    sync_catalog,
)
from ingestion.embedding import Embedder, FloatArray
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client

CATALOG_DIR = Path(__file__).resolve().parents[2] / "corpus" / "standard"


class CountingEmbedder:
    """The real embedder, counting the texts it embeds (and optionally reporting another model name)."""

    def __init__(self, inner: Embedder, name: str | None = None) -> None:
        self.inner = inner
        self.texts = 0
        self._name = name or inner.model_name

    @property
    def model_name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        self.texts += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> FloatArray:
        return self.inner.embed_query(text)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Settings, Catalog]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("catalog_index"), catalog_dir=CATALOG_DIR)
    catalog = Catalog.load(CATALOG_DIR)
    counting = CountingEmbedder(embedder)
    assert sync_catalog(settings, catalog, embedder=counting) == len(catalog)
    assert counting.texts == len(catalog)
    return settings, catalog


def test_every_entry_is_indexed_with_metadata(indexed: tuple[Settings, Catalog]) -> None:
    settings, catalog = indexed
    collection = open_catalog_collection(settings)
    assert collection.name == settings.catalog_collection
    assert collection.count() == len(catalog) == 92
    got = collection.get(ids=["catalog::6.1.4", "catalog::4", "catalog::A.10.3"], include=["metadatas", "documents"])
    by_id = dict(zip(got["ids"], zip(got["metadatas"] or [], got["documents"] or [], strict=True), strict=True))
    meta, doc = by_id["catalog::6.1.4"]
    assert meta == {"id": "6.1.4", "kind": "clause", "title": "AI system impact assessment", "parent": "6.1"}
    entry = catalog["6.1.4"]
    assert doc == entry_document(entry)
    assert entry.title in doc and entry.summary in doc and all(o in doc for o in entry.obligations)
    assert all(k in doc for k in entry.keywords)
    # a top-level clause has no parent key at all (Chroma metadata never holds None)
    assert "parent" not in by_id["catalog::4"][0]
    assert by_id["catalog::A.10.3"][0]["kind"] == "annex_a_control"
    assert (collection.metadata or {})[HASH_KEY] == catalog.content_hash


def test_unchanged_catalog_is_not_re_embedded(indexed: tuple[Settings, Catalog], embedder: Embedder) -> None:
    settings, catalog = indexed
    counting = CountingEmbedder(embedder)
    assert sync_catalog(settings, catalog, embedder=counting) == 0
    assert counting.texts == 0


def test_search_finds_the_right_entries(indexed: tuple[Settings, Catalog], embedder: Embedder) -> None:
    settings, _ = indexed
    queries = {
        "who runs our internal audits and how often": {"9.2", "9.2.1", "9.2.2"},
        "how do we watch for model drift once the model is live": {"A.6.2.6"},
        "where do we keep the statement of applicability": {"6.1.3"},
        "checking vendors that supply us AI models": {"A.10.3"},
    }
    for query, expected in queries.items():
        hits = search_catalog(settings, embedder.embed_query(query), k=3)
        assert len(hits) == 3
        assert expected & {entry_id for entry_id, _ in hits}, (query, hits)
        scores = [s for _, s in hits]
        assert scores == sorted(scores, reverse=True) and all(-1.0 <= s <= 1.0 for s in scores)
    collection = open_catalog_collection(settings)
    vector = embedder.embed_query("management review minutes")
    assert search_catalog(collection, vector, k=5) == search_catalog(settings, vector, k=5)
    assert search_catalog(collection, vector, k=0) == []


def test_catalog_never_enters_the_evidence_collection(indexed: tuple[Settings, Catalog]) -> None:
    settings, _ = indexed
    client = open_client(settings)
    evidence = chunk_collection(client, settings)
    assert evidence.count() == 0
    with pytest.raises(ValueError, match="must differ"):
        open_catalog_collection(settings.model_copy(update={"catalog_collection": settings.chunk_collection}))


def test_edited_catalog_or_other_model_is_re_indexed(tmp_path: Path, embedder: Embedder) -> None:
    small = tmp_path / "standard"
    small.mkdir()
    _write_subset(CATALOG_DIR / "clauses.yaml", small / "clauses.yaml", keep=("9", "10"), drop=set())
    settings = Settings(data_dir=tmp_path / "data", catalog_dir=small)
    catalog = Catalog.load(small)
    assert sync_catalog(settings, catalog, embedder=embedder) == len(catalog) == 12

    # a different embedding model invalidates the stored vectors
    other = CountingEmbedder(embedder, name="another-model")
    assert sync_catalog(settings, catalog, embedder=other) == 12 == other.texts
    assert sync_catalog(settings, catalog, embedder=other) == 0

    _write_subset(CATALOG_DIR / "clauses.yaml", small / "clauses.yaml", keep=("9", "10"), drop={"10.1", "10.2"})
    # without a catalog argument, the catalog is loaded from settings.catalog_dir
    counting = CountingEmbedder(embedder)
    assert sync_catalog(settings, embedder=counting) == 10 == counting.texts
    collection = open_catalog_collection(settings)
    assert collection.count() == 10
    assert collection.get(ids=["catalog::10.2"])["ids"] == []
    assert collection.get(ids=["catalog::9.3.3"])["ids"] == ["catalog::9.3.3"]


def _write_subset(source: Path, target: Path, keep: tuple[str, ...], drop: set[str]) -> None:
    """Copy the entries of some top-level clauses; related links are kept only within the copy."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    entries = [e for e in data["entries"] if e["id"].split(".")[0] in keep and e["id"] not in drop]
    kept = {e["id"] for e in entries}
    for e in entries:
        e["related"] = [r for r in e.get("related") or [] if r in kept]
    target.write_text(yaml.safe_dump({"entries": entries}, sort_keys=False), encoding="utf-8")
