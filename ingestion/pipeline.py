"""Ingestion: files → chunks → embeddings → Chroma + manifest + BM25, incremental and crash-safe.

Consistency protocol (the manifest in SQLite is the source of truth; Chroma and BM25 derive from it):

* Chunk ids are deterministic: ``{doc_id}::{content_hash[:12]}::{chunk_index}``. Writing the same
  file twice writes the same ids, so an upsert can be repeated safely.
* Writing a batch of documents: (1) mark them *pending* in the manifest and commit; (2) upsert the
  new chunks into Chroma (or update metadata in place when only metadata changed); (3) commit the
  documents' new rows in the manifest in one transaction, which also clears their pending mark;
  (4) delete the documents' old chunk ids from Chroma.
* Removing documents: delete them from the manifest first, then their chunks from Chroma.
* Chroma keeps one collection per classification level (``chunk_store``); a chunk whose level changes
  leaves the lower collection before it is written to the higher one.
* Hence, whatever instant a process is killed at, Chroma holds every chunk the manifest lists plus,
  possibly, *orphans* (ids the manifest does not list), and a pending document's chunks in Chroma may
  be ahead of the manifest, in the wrong level's collection or (killed mid-move) missing. Every ingest
  starts (and ends) with a reconciliation: copies in the wrong collection are settled; orphans are deleted;
  chunks of pending documents are compared with the manifest and restored from it (metadata updated,
  re-embedded only when the embedded text differs); chunks the manifest lists but Chroma lacks (a
  store damaged or replaced from outside) are re-embedded from the manifest's text. After that,
  Chroma equals the manifest and planning compares files against the manifest as usual.
* The BM25 index records the manifest generation it was built from and is rebuilt (atomically,
  see ``lexical``) whenever the manifest moved on, including after a crash before the rebuild; so are the
  register tables (``tables``, DuckDB).
* One ingest at a time per data dir (a file lock); ``--reset`` clears the manifest before dropping
  the collection, so a crash in between leaves only orphans.

Unchanged files are recognised by a fingerprint (content hash, the bytes of every metadata source
that applies, overrides, the catalog and the index settings), so an unchanged re-ingest reads and
hashes files but never loads the embedding model or any document parser.

``prepare_files`` does the expensive part of an ingest (read, load, chunk, embed) without the lock and
writes nothing; ``ingest(prepared=...)`` then holds the lock for the steps above only, reusing a prepared
file while its content hash, fingerprint and the run's limits are unchanged (else preparing it again).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from pydantic import BaseModel, Field, computed_field

from ingestion import lexical, review_cycles, tables
from ingestion.chunking import Chunker
from ingestion.clause_refs import catalog_digest, load_known_ids, merge_refs, metadata_clause_refs
from ingestion.discovery import Candidate, Discovery, discover, doc_id_for, is_metadata_file
from ingestion.embedding import Embedder, get_embedder, max_input_tokens, model_name, token_counter
from ingestion.loaders import LimitError, Limits, LoadedDocument, LoaderError, is_supported, load_file
from ingestion.manifest import ChunkRow, DocumentWrite, Manifest, StoredDocument
from ingestion.metadata import (
    METADATA_VERSION,
    MetadataError,
    MetaLayer,
    near_field,
    normalise_key,
    normalise_value,
    read_meta_file,
    resolve_metadata,
    title_from_filename,
    unknown_keys,
)
from ingestion.sentence_vectors import SENTENCE_VECTORS_FILE, SentenceVectors, embed_text
from ingestion.settings import CLASSIFICATION_ORDER, Settings
from ingestion.store import (
    WRITE_BATCH,
    all_ids,
    chunk_collection,
    delete_ids,
    drop_chunk_collection,
    open_client,
    reopen_client,
)

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from ingestion.chunk_store import ChunkStore

#: Bump when loading, chunking or metadata logic changes so that every document is re-read and re-chunked.
#: 3: XLSX read past a <dimension> tag that understates the sheet; hard-split chunks. 4: a one-page PDF loses its
#: numbered footer. 5: no sentence ends after an honorific ("Dr."), so sentence spans (and their cached vectors) move.
PIPELINE_VERSION = "5"
#: Every metadata key a chunk record may carry (docs/architecture.md, "Chunk record in Chroma").
CHUNK_METADATA_KEYS: tuple[str, ...] = (
    "doc_id", "title", "doc_type", "owner", "version", "effective_date", "classification", "status", "source",
    "content_hash", "ingested_at", "section", "page", "chunk_index", "clause_refs",
)  # fmt: skip
_LOCK_FILE = ".ingest.lock"
#: Pause between two model batches of ``prepare_files`` (see ``_Run._embed_round``).
_EMBED_YIELD_S = 0.02
_LOCK_TIMEOUT_S = 3600.0


class FileError(BaseModel):
    """A file that could not be ingested, and why."""

    path: str
    doc_id: str | None = None
    error: str
    #: Refused, not broken: the document's classification is above the clearance the ingest was given.
    forbidden: bool = False
    #: Refused for its size: the setting whose limit it is over (e.g. ``CLAUSEWISE_MAX_ROWS``).
    limit: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.error}"


class IngestReport(BaseModel):
    """What one ingest did; printed by ``clausewise ingest`` and returned by the HTTP upload."""

    roots: list[str] = Field(default_factory=list)
    new: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: list[FileError] = Field(default_factory=list)
    #: Files skipped because no loader reads their extension.
    skipped: list[str] = Field(default_factory=list)
    #: Documents that got the default classification because no source set one.
    unclassified: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    chunks_written: int = 0
    chunks_deleted: int = 0
    #: Chunks restored into Chroma from the manifest by reconciliation (after a crash or damage).
    chunks_repaired: int = 0
    #: Chunks found in Chroma without a manifest entry and deleted by reconciliation.
    orphans_removed: int = 0
    reset: bool = False
    lexical_rebuilt: bool = False
    documents_total: int = 0
    chunks_total: int = 0
    model: str = ""
    seconds: float = 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def chunks_per_s(self) -> float:
        """Chunks written per second of the whole run."""
        return round(self.chunks_written / self.seconds, 2) if self.seconds > 0 else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed


@dataclass(frozen=True)
class ProgressEvent:
    """Progress of a running ingest (file counts include unchanged and failed files)."""

    files_total: int
    files_done: int
    chunks_total: int
    chunks_done: int
    current: str | None = None
    #: Files read so far: unchanged, failed, or loaded and chunked (``files_done`` counts written ones).
    files_read: int = 0
    #: Chunks embedded so far (unchanged and metadata-only ones count at once); advances within a round.
    chunks_embedded: int = 0


ProgressCallback = Callable[[ProgressEvent], None]


@dataclass
class _WorkItem:
    candidate: Candidate
    kind: Literal["new", "changed"]


@dataclass
class _Prepared:
    candidate: Candidate
    kind: Literal["new", "changed"]
    write: DocumentWrite
    embed_texts: list[str]
    old_ids: list[str]
    metadata_only: bool
    #: Vectors of ``embed_texts`` computed before the run (``prepare_files``); None: embed them in the run.
    vectors: np.ndarray[Any, Any] | None = None


@dataclass
class _Batch:
    docs: list[_Prepared] = field(default_factory=list)
    chunks: int = 0


@dataclass(frozen=True)
class PreparedFile:
    """One file read, loaded, chunked and embedded by :func:`prepare_files`, outside the ingest lock.

    :func:`ingest` (``prepared=``) writes it as is when the file still has this content hash and metadata
    fingerprint (and the run the same limits); otherwise it prepares the file again under the lock.
    """

    candidate: Candidate
    content_hash: str
    #: The manifest fingerprint (content hash, every metadata source's bytes, overrides, catalog, index settings).
    fingerprint: str
    #: The document's manifest rows: resolved metadata and chunk rows (ids, texts, chunk metadata).
    write: DocumentWrite
    #: The metadata sources, for the clearance check of the run that writes it.
    layers: tuple[MetaLayer, ...]
    #: Report lines the file gave: from its metadata sources (reported once per run) and its own.
    layer_warnings: tuple[str, ...]
    warnings: tuple[str, ...]
    unclassified: bool
    #: Limits and reader settings it was prepared under (a run with other limits prepares it again).
    limits_key: str
    #: One vector per chunk row; None when only metadata changed (nothing to embed).
    vectors: np.ndarray[Any, Any] | None = None

    @property
    def doc_id(self) -> str:
        """The document id the file was prepared under."""
        return self.candidate.doc_id

    def matches(self, candidate: Candidate, content_hash: str, fingerprint: str, limits_key: str) -> bool:
        """Whether this preparation is still what ``candidate`` with these hashes would give."""
        return (
            self.candidate == candidate
            and self.content_hash == content_hash
            and self.fingerprint == fingerprint
            and self.limits_key == limits_key
        )


@dataclass(frozen=True)
class Preparation:
    """What :func:`prepare_files` made: the files ready to write, and a report of the ones that failed."""

    files: list[PreparedFile]
    #: ``failed``, ``skipped`` and ``warnings`` of the reading; no counts (nothing was written).
    report: IngestReport


def validate_overrides(overrides: Mapping[str, str] | None) -> dict[str, object]:
    """Check metadata overrides (CLI flags, upload form); raises ``MetadataError`` naming the field."""
    clean: dict[str, object] = {}
    for raw_key, value in (overrides or {}).items():
        key = normalise_key(raw_key)
        if value is None or value == "":
            continue
        if key not in ("title", "doc_type", "owner", "version", "effective_date", "classification", "status"):
            raise MetadataError(f"override {raw_key!r} is not a metadata field")
        try:
            clean[key] = normalise_value(key, value)
        except MetadataError as exc:
            raise MetadataError(f"override {exc}") from exc
    return clean


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _for_chroma(metadata: Mapping[str, Any], also_clear: Iterable[str] = ()) -> dict[str, Any]:
    # Chroma merges metadata on upsert and update; a key set to None is deleted. Without this, a
    # rewritten chunk would keep e.g. an owner or clause_refs that its document no longer has.
    cleared = {k: None for k in (*CHUNK_METADATA_KEYS, *also_clear) if k not in metadata}
    return {**metadata, **cleared}


def _embed_text(text: str, metadata: Mapping[str, Any]) -> str:
    return embed_text(text, metadata.get("section"))


class _IngestLock:
    """One ingest (or removal) at a time per data dir; the OS drops the lock if the process dies."""

    def __init__(self, settings: Settings) -> None:
        from filelock import FileLock

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(settings.data_dir / _LOCK_FILE), timeout=_LOCK_TIMEOUT_S)

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout as exc:
            raise RuntimeError("another ingest has held the data dir lock for an hour; giving up") from exc

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def index_config(settings: Settings) -> str:
    """Settings that make every stored vector or chunk invalid when they change."""
    return json.dumps(
        {
            "model": model_name(settings),
            "chunk_tokens": settings.chunk_tokens,
            "chunk_overlap_tokens": settings.chunk_overlap_tokens,
            "pipeline": PIPELINE_VERSION,
        },
        sort_keys=True,
    )


class _Run:
    """State of one ingest call."""

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        overrides: dict[str, object],
        progress: ProgressCallback | None,
        *,
        clearance: Iterable[str] | None = None,
        keep_on_failure: bool = False,
        prepared: Iterable[PreparedFile] = (),
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.overrides = overrides
        self.progress = progress
        self.clearance = frozenset(clearance) if clearance is not None else None
        self.keep_on_failure = keep_on_failure
        self.report = IngestReport(model=model_name(settings))
        self._client: ClientAPI | None = None
        self._collection: ChunkStore | None = None
        self._embedder: Embedder | None = None
        self._sentence_vectors: SentenceVectors | None = None
        self._chunker: Chunker | None = None
        self._known_ids: frozenset[str] | None = None
        self._known_loaded = False
        self._meta_cache: dict[Path, tuple[str, dict[str, object] | MetadataError]] = {}
        self._files_total = 0
        self._files_done = 0
        self._chunks_total = 0
        self._chunks_done = 0
        self._files_prepared = 0
        self._chunks_embedded = 0
        self._catalog_digest = catalog_digest(settings.catalog_dir)
        self._config = index_config(settings)
        overrides_json = json.dumps(overrides, sort_keys=True, default=str)
        self._run_digest = _sha256(
            "|".join(
                [
                    self._config,
                    self._catalog_digest,
                    settings.default_classification,
                    settings.unknown_classification,
                    METADATA_VERSION,
                    overrides_json,
                ]
            ).encode()
        )
        self._stored: dict[str, StoredDocument] = {}
        self._limits = Limits.from_settings(settings)
        self._stored_classification: dict[str, str] = {}
        self._counter_lock = threading.Lock()
        # Files prepared before the run (outside the lock) by doc id, and what else their reuse depends on.
        self._ready: dict[str, PreparedFile] = {p.doc_id: p for p in prepared}
        self._limits_key = repr((self._limits, settings.max_file_mb))
        # Content of files not (yet) at their path (``prepare_files`` for an upload before it is stored).
        self._contents: dict[Path, bytes] = {}

    # --- lazily opened parts -------------------------------------------------------------------
    @property
    def collection(self) -> ChunkStore:
        if self._collection is None:
            # A fresh client: one cached in this process may predate another process's writes (a level
            # collection it saw empty is then "nothing found on disk" here); the ingest lock makes this run the
            # only writer, so what it reads now stays true.
            self._client = reopen_client(self.settings)
            self._collection = chunk_collection(self._client, self.settings)
            # Opened under the ingest lock (every writer comes here first): upgrade a single-collection index.
            moved = self._collection.migrate()
            if moved:
                self.report.warnings.append(
                    f"index layout upgraded: {moved} chunks moved to one collection per classification level"
                )
        return self._collection

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def sentence_vectors(self) -> SentenceVectors:
        """The data dir's sentence-vector store, filled with each chunk's sentences as the chunk is embedded."""
        if self._sentence_vectors is None:
            self._sentence_vectors = SentenceVectors(self.embedder, self.settings.data_dir / SENTENCE_VECTORS_FILE)
        return self._sentence_vectors

    @property
    def chunker(self) -> Chunker:
        if self._chunker is None:
            self._chunker = Chunker(
                token_counter(self.settings),
                chunk_tokens=self.settings.chunk_tokens,
                overlap_tokens=self.settings.chunk_overlap_tokens,
                max_input_tokens=max_input_tokens(self.settings),
                max_chunks=self.settings.max_chunks,
            )
        return self._chunker

    @property
    def known_ids(self) -> frozenset[str] | None:
        if not self._known_loaded:
            self._known_ids = load_known_ids(self.settings.catalog_dir)
            self._known_loaded = True
        return self._known_ids

    def _emit(self, current: str | None = None) -> None:
        if self.progress is not None:
            with self._counter_lock:
                self._send(current)

    def _send(self, current: str | None) -> None:
        if self.progress is not None:
            self.progress(
                ProgressEvent(
                    files_total=self._files_total,
                    files_done=self._files_done,
                    chunks_total=self._chunks_total,
                    chunks_done=self._chunks_done,
                    current=current,
                    # Written files were prepared first: count each file once.
                    files_read=self._files_done - len(self.report.new) - len(self.report.changed)
                    + self._files_prepared,
                    chunks_embedded=self._chunks_embedded,
                )
            )

    # --- reset and reconciliation --------------------------------------------------------------
    def reset_if_needed(self, reset: bool) -> None:
        stored_config = self.manifest.get_state("index_config")
        changed = stored_config is not None and stored_config != self._config and bool(self.manifest.stored())
        if reset or changed:
            if changed and not reset:
                self.report.warnings.append(
                    "the embedding model or chunk settings changed since the last ingest: index rebuilt"
                )
            # Manifest first: if the process dies before the collection is dropped, the leftover
            # chunks are orphans that the next reconciliation deletes.
            self.manifest.clear()
            if self._client is None:
                self._client = open_client(self.settings)
            drop_chunk_collection(self._client, self.settings)
            self._collection = None
            self.report.reset = True
        if stored_config != self._config:
            self.manifest.set_state("index_config", self._config)

    def reconcile(self, *, final: bool = False) -> None:
        """Make Chroma equal the manifest (see the module docstring)."""
        collection = self.collection
        # A run killed while moving chunks between level collections left copies in the wrong one.
        self.report.chunks_repaired += collection.settle()
        in_chroma = all_ids(collection)
        listed = self.manifest.all_chunk_ids()
        orphans = in_chroma - listed.keys()
        if orphans:
            self.report.orphans_removed += delete_ids(collection, orphans)
        missing = set(listed) - in_chroma
        pending = self.manifest.pending()
        if final and missing:
            self.report.warnings.append(
                f"{len(missing)} chunks vanished from the vector store during the ingest; restored"
            )
        suspects: dict[str, list[ChunkRow]] = {}
        for doc_id in pending | {listed[c] for c in missing}:
            rows = self.manifest.chunks_of(doc_id)
            if rows:
                suspects[doc_id] = rows
        if suspects:
            self._restore(suspects, missing)
        if pending:
            self.manifest.clear_pending(pending)

    def _restore(self, docs: Mapping[str, list[ChunkRow]], missing: set[str]) -> None:
        rows = [row for doc_rows in docs.values() for row in doc_rows]
        present: dict[str, tuple[str | None, Mapping[str, Any] | None]] = {}
        candidates = [r.chunk_id for r in rows if r.chunk_id not in missing]
        for start in range(0, len(candidates), WRITE_BATCH):
            got = self.collection.get(
                ids=candidates[start : start + WRITE_BATCH], include=cast(Any, ["documents", "metadatas"])
            )
            documents = got.get("documents") or []
            metadatas = got.get("metadatas") or []
            for i, chunk_id in enumerate(got["ids"]):
                document = documents[i] if i < len(documents) else None
                present[chunk_id] = (document, metadatas[i] if i < len(metadatas) else None)
        re_embed: list[ChunkRow] = []
        re_meta: list[ChunkRow] = []
        foreign: set[str] = set()
        for row in rows:
            if row.chunk_id not in present:
                re_embed.append(row)
                continue
            document, metadata = present[row.chunk_id]
            if document is None or metadata is None:
                re_embed.append(row)
                continue
            if document != row.text or _embed_text(document, metadata) != _embed_text(row.text, row.metadata):
                re_embed.append(row)
            elif dict(metadata) != row.metadata:
                re_meta.append(row)
                foreign.update(k for k in metadata if k not in row.metadata)
        self._update_metadata(re_meta, also_clear=foreign)
        if re_embed:
            vectors = self._encode([r.text for r in re_embed], [_embed_text(r.text, r.metadata) for r in re_embed])
            self._upsert(re_embed, vectors)
        self.report.chunks_repaired += len(re_embed) + len(re_meta)

    def _update_metadata(self, rows: Sequence[ChunkRow], also_clear: Iterable[str] = ()) -> None:
        # Metadata only: passing documents without embeddings would make Chroma embed them itself.
        clear = tuple(also_clear)
        for start in range(0, len(rows), WRITE_BATCH):
            part = rows[start : start + WRITE_BATCH]
            self.collection.update(
                ids=[r.chunk_id for r in part], metadatas=cast(Any, [_for_chroma(r.metadata, clear) for r in part])
            )

    def _upsert(self, rows: Sequence[ChunkRow], vectors: np.ndarray[Any, Any]) -> None:
        for start in range(0, len(rows), WRITE_BATCH):
            part = rows[start : start + WRITE_BATCH]
            self.collection.upsert(
                ids=[r.chunk_id for r in part],
                embeddings=cast(Any, vectors[start : start + len(part)]),
                documents=[r.text for r in part],
                metadatas=cast(Any, [_for_chroma(r.metadata) for r in part]),
            )

    # --- planning ------------------------------------------------------------------------------
    def _meta_source(self, path: Path) -> tuple[str, dict[str, object] | MetadataError]:
        cached = self._meta_cache.get(path)
        if cached is None:
            try:
                data = path.read_bytes()
            except OSError as exc:
                cached = ("unreadable", MetadataError(f"{path.name}: cannot be read: {exc.strerror}"))
            else:
                digest = _sha256(data)
                try:
                    cached = (digest, read_meta_file(path, data))
                except MetadataError as exc:
                    cached = (digest, exc)
            self._meta_cache[path] = cached
        return cached

    def _fingerprint(self, candidate: Candidate, content_hash: str) -> str:
        parts = [self._run_digest, candidate.doc_id, content_hash]
        for meta_file in candidate.meta_files():
            parts.append(f"{meta_file.relative_to(candidate.root).as_posix()}={self._meta_source(meta_file)[0]}")
        sidecar = candidate.sidecar()
        if sidecar.is_file():
            parts.append(f"sidecar={self._meta_source(sidecar)[0]}")
        return _sha256("\n".join(parts).encode())

    def _read(self, candidate: Candidate) -> bytes:
        given = self._contents.get(candidate.path)
        size = len(given) if given is not None else candidate.path.stat().st_size
        limit = self.settings.max_file_mb * 1024 * 1024
        if size > limit:
            raise LimitError(
                f"file is {size / 1024 / 1024:.1f} MB, over the {self.settings.max_file_mb:g} MB limit",
                "CLAUSEWISE_MAX_FILE_MB",
            )
        return given if given is not None else candidate.path.read_bytes()

    def _fail(
        self, candidate: Candidate | None, path: str, error: str, *, forbidden: bool = False, limit: str | None = None
    ) -> None:
        self.report.failed.append(
            FileError(
                path=path,
                doc_id=candidate.doc_id if candidate else None,
                error=error,
                forbidden=forbidden,
                limit=limit,
            )
        )
        if candidate is not None:
            with self._counter_lock:
                self._files_done += 1
                self._send(candidate.doc_id)

    def plan(self, found: Discovery) -> tuple[list[_WorkItem], set[str]]:
        """Split candidates into unchanged and work; returns the work and the doc ids to keep."""
        stored = self._stored
        keep: set[str] = set()
        by_id: dict[str, list[Candidate]] = {}
        for candidate in found.candidates:
            by_id.setdefault(candidate.doc_id, []).append(candidate)

        owners: dict[str, Candidate] = {}
        for doc_id, group in by_id.items():
            record = stored.get(doc_id)
            owner: Candidate | None = None
            holder: str | None = None
            same = [c for c in group if record is not None and str(c.path) == record.path]
            if same:
                owner = same[0]
            elif record is not None and Path(record.path).exists():
                holder = record.path
            else:
                owner = group[0]
            if owner is not None:
                owners[doc_id] = owner
                holder = str(owner.path)
            for candidate in group:
                if candidate is not owner:
                    self._fail(
                        candidate,
                        _display(candidate.path),
                        f"doc id {doc_id!r} is already used by {holder}; rename one of the files or "
                        "ingest them under different roots",
                    )

        work: list[_WorkItem] = []
        for candidate in found.candidates:
            if owners.get(candidate.doc_id) is not candidate:
                continue
            record = stored.get(candidate.doc_id)
            try:
                data = self._read(candidate)
            except (OSError, LoaderError) as exc:
                self._fail(candidate, _display(candidate.path), _reason(exc), limit=getattr(exc, "limit", None))
                continue
            fingerprint = self._fingerprint(candidate, _sha256(data))
            if record is not None and record.fingerprint == fingerprint and record.path == str(candidate.path):
                self.report.unchanged.append(candidate.doc_id)
                keep.add(candidate.doc_id)
                self._files_done += 1
                self._chunks_total += record.chunk_count
                self._chunks_done += record.chunk_count
                self._chunks_embedded += record.chunk_count
                continue
            work.append(_WorkItem(candidate, "changed" if record is not None else "new"))
        self._emit()
        return work, keep

    def _known_root(self, candidate: Candidate) -> Candidate:
        # A file named on its own that is already indexed keeps its doc id, so that re-ingesting
        # one edited file of an ingested folder replaces it instead of adding a second copy.
        if candidate.from_dir:
            return candidate
        for doc_id, record in self._stored.items():
            if record.path == str(candidate.path) and doc_id != candidate.doc_id:
                return Candidate(path=candidate.path, root=Path(record.root), doc_id=doc_id, from_dir=False)
        return candidate

    # --- processing ----------------------------------------------------------------------------
    def _layers(self, candidate: Candidate, loaded: LoadedDocument) -> list[MetaLayer]:
        layers: list[MetaLayer] = []
        for meta_file in candidate.meta_files():
            label = meta_file.relative_to(candidate.root).as_posix()
            values = self._meta_source(meta_file)[1]
            if isinstance(values, MetadataError):
                raise MetadataError(f"{label}: {str(values).split(': ', 1)[-1]}")
            self._warn_unknown(label, values)
            layers.append(MetaLayer(label, values))
        if loaded.properties:
            # Office tools' own fields (Producer, Creator) are no metadata of the organization's: not kept.
            layers.append(MetaLayer("document properties", loaded.properties, strict=False, keep_custom=False))
        if loaded.front_matter:
            # Written for a site generator or another tool (``type: post``): unusable values fall back, other
            # keys are kept as custom metadata; only a likely typo of a field is worth a warning.
            for key in unknown_keys(loaded.front_matter):
                if (field_name := near_field(key)) is not None:
                    self._warn_once(
                        f"{candidate.doc_id}: front matter key {key!r} kept as custom metadata "
                        f"(did you mean {field_name!r}?)"
                    )
            layers.append(MetaLayer("front matter", loaded.front_matter, strict=False))
        sidecar = candidate.sidecar()
        if sidecar.is_file():
            label = sidecar.name
            values = self._meta_source(sidecar)[1]
            if isinstance(values, MetadataError):
                raise MetadataError(f"sidecar {values!s}")
            self._warn_unknown(label, values)
            layers.append(MetaLayer(f"sidecar {label}", values))
        if self.overrides:
            layers.append(MetaLayer("command-line override", self.overrides, keep_custom=False))
        return layers

    def _warn_unknown(self, label: str, values: Mapping[str, object]) -> None:
        # Keys that are no field are custom metadata (``tags``, ``approved_by``); only a likely typo of a field
        # (``clasification``) is worth a warning, as its value would otherwise be lost without a word.
        for key in unknown_keys(values):
            if (field_name := near_field(key)) is not None:
                self._warn_once(f"{label}: unknown key {key!r} kept as custom metadata; did you mean {field_name!r}?")

    def _above_clearance(self, layers: Sequence[MetaLayer], classification: str) -> str | None:
        """Why a document of ``classification`` may not be ingested under this run's clearance, or None."""
        if self.clearance is None or classification in self.clearance:
            return None
        source = next(
            (layer.label for layer in reversed(layers)
             if any(normalise_key(str(k)) == "classification" for k in layer.values)),
            "the default classification (CLAUSEWISE_DEFAULT_CLASSIFICATION)",
        )
        return f"classification {classification!r} (set by {source}) is above the uploader's clearance"

    def _warn_once(self, message: str) -> None:
        if message not in self.report.warnings:
            self.report.warnings.append(message)

    def _prepare(self, item: _WorkItem) -> _Prepared | None:
        candidate = item.candidate
        analysed = self._analyse(candidate)
        if analysed is None:
            return None
        write = analysed.write
        rows = write.chunks
        old_rows, metadata_only = self._old_rows(candidate.doc_id, rows)
        vectors = None if metadata_only else analysed.vectors
        with self._counter_lock:
            self._chunks_total += len(rows)
            self._files_prepared += 1
            if metadata_only or vectors is not None:  # nothing to embed
                self._chunks_embedded += len(rows)
            self._send(candidate.doc_id)
        return _Prepared(
            candidate=candidate,
            kind=item.kind,
            write=write,
            embed_texts=[] if metadata_only else [_embed_text(r.text, r.metadata) for r in rows],
            old_ids=[r.chunk_id for r in old_rows],
            metadata_only=metadata_only,
            vectors=vectors,
        )

    def _old_rows(self, doc_id: str, rows: Sequence[ChunkRow]) -> tuple[list[ChunkRow], bool]:
        """The document's rows in the manifest, and whether ``rows`` change only their metadata."""
        old_rows = self.manifest.chunks_of(doc_id) if doc_id in self._stored else []
        # Same ids, texts and section paths mean the same vectors: only the metadata needs writing.
        metadata_only = bool(old_rows) and [r.chunk_id for r in old_rows] == [r.chunk_id for r in rows]
        if metadata_only:
            metadata_only = all(
                o.text == n.text and _embed_text(o.text, o.metadata) == _embed_text(n.text, n.metadata)
                for o, n in zip(old_rows, rows, strict=True)
            )
        return old_rows, metadata_only

    def _analyse(self, candidate: Candidate) -> PreparedFile | None:
        """Read, load, resolve and chunk one file, or take its preparation (``prepare_files``) if it still holds."""
        try:
            data = self._read(candidate)
            content_hash = _sha256(data)
            fingerprint = self._fingerprint(candidate, content_hash)
            ready = self._ready.get(candidate.doc_id)
            if ready is not None and ready.matches(candidate, content_hash, fingerprint, self._limits_key):
                return self._reuse(ready)
            loaded = load_file(candidate.path, data, self._limits)
            warned = len(self.report.warnings)  # only this thread adds warnings while files are prepared
            layers = self._layers(candidate, loaded)
            layer_warnings = tuple(self.report.warnings[warned:])
            resolved = resolve_metadata(
                layers,
                doc_id=candidate.doc_id,
                content_hash=content_hash,
                ingested_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                fallback_title=loaded.title_hint or title_from_filename(candidate.path),
                default_classification=self.settings.default_classification,
                unknown_classification=self.settings.unknown_classification,
            )
            refused = self._above_clearance(layers, resolved.meta.classification)
            if refused is not None:
                # Decided on the resolved metadata, before anything is chunked, embedded or written.
                self._fail(candidate, _display(candidate.path), refused, forbidden=True)
                return None
            chunks = self.chunker.chunk(loaded, resolved.meta.title, self.known_ids)
        except (LoaderError, MetadataError, OSError) as exc:
            self._fail(candidate, _display(candidate.path), _reason(exc), limit=getattr(exc, "limit", None))
            return None
        except Exception as exc:  # a parser bug on one odd file must not stop the whole corpus
            self._fail(candidate, _display(candidate.path), f"unexpected {type(exc).__name__}: {exc}")
            return None
        if not chunks:
            self._fail(candidate, _display(candidate.path), "no text could be extracted")
            return None
        file_warnings = tuple(f"{candidate.doc_id}: {warning}" for warning in loaded.warnings + resolved.warnings)
        self.report.warnings.extend(file_warnings)
        if resolved.classification_defaulted:
            self.report.unclassified.append(candidate.doc_id)

        base = resolved.meta.chroma_metadata()
        # Ids the document's own metadata lists (``iso-42001_references: [A.6.2.6]``) are about the whole
        # document: every chunk names them, as retrieval and the gap judge read refs per chunk.
        listed_refs = metadata_clause_refs(resolved.custom, self.known_ids)
        rows: list[ChunkRow] = []
        for chunk in chunks:
            metadata: dict[str, Any] = dict(base)
            metadata["section"] = chunk.section
            if chunk.page is not None:
                metadata["page"] = chunk.page
            metadata["chunk_index"] = chunk.chunk_index
            refs = merge_refs([chunk.clause_refs, listed_refs]) if listed_refs else list(chunk.clause_refs)
            if refs:
                metadata["clause_refs"] = refs
            chunk_id = f"{candidate.doc_id}::{content_hash[:12]}::{chunk.chunk_index}"
            rows.append(ChunkRow(chunk_id, chunk.chunk_index, chunk.text, metadata))
        write = DocumentWrite(
            meta=resolved.meta,
            root=str(candidate.root),
            path=str(candidate.path),
            fingerprint=fingerprint,
            chunks=rows,
            custom=resolved.custom,
        )
        return PreparedFile(
            candidate=candidate,
            content_hash=content_hash,
            fingerprint=fingerprint,
            write=write,
            layers=tuple(layers),
            layer_warnings=layer_warnings,
            warnings=file_warnings,
            unclassified=resolved.classification_defaulted,
            limits_key=self._limits_key,
        )

    def _reuse(self, ready: PreparedFile) -> PreparedFile | None:
        """A file prepared before the run, unchanged since: checked against this run's clearance, reported again."""
        candidate = ready.candidate
        refused = self._above_clearance(ready.layers, ready.write.meta.classification)
        if refused is not None:
            self._fail(candidate, _display(candidate.path), refused, forbidden=True)
            return None
        for warning in ready.layer_warnings:
            self._warn_once(warning)
        self.report.warnings.extend(ready.warnings)
        if ready.unclassified:
            self.report.unclassified.append(candidate.doc_id)
        return ready

    def _batches(self, work: Sequence[_WorkItem]) -> Iterator[_Batch]:
        # Big rounds: the model sorts a round's texts by length before batching, so the more texts a
        # round holds the less padding it computes (256-chunk rounds cost ~8 % more than one sort of
        # everything, 1,024-chunk rounds ~3 %); a round is also the unit of commit after a crash.
        limit = max(1, self.settings.embedding_batch_size * 32)
        batch = _Batch()
        for item in work:
            prepared = self._prepare(item)
            if prepared is None:
                continue
            batch.docs.append(prepared)
            batch.chunks += len(prepared.embed_texts)
            if batch.chunks >= limit:
                yield batch
                batch = _Batch()
        if batch.docs:
            yield batch

    def _write(self, batch: _Batch, vectors: np.ndarray[Any, Any] | None) -> None:
        docs = batch.docs
        self.manifest.mark_pending(p.write.meta.doc_id for p in docs)
        self._tighten(docs)
        to_embed = [row for p in docs if not p.metadata_only for row in p.write.chunks]
        if to_embed:
            assert vectors is not None and len(vectors) == len(to_embed)
            self._upsert(to_embed, vectors)
        self._update_metadata([row for p in docs if p.metadata_only for row in p.write.chunks])
        self.manifest.commit_documents([p.write for p in docs])
        stale: list[str] = []
        for p in docs:
            new_ids = {r.chunk_id for r in p.write.chunks}
            stale.extend(i for i in p.old_ids if i not in new_ids)
        if stale:
            self.report.chunks_deleted += delete_ids(self.collection, stale)
        with self._counter_lock:
            for p in docs:
                (self.report.new if p.kind == "new" else self.report.changed).append(p.write.meta.doc_id)
                self.report.chunks_written += len(p.write.chunks) if not p.metadata_only else 0
                self._files_done += 1
                self._chunks_done += len(p.write.chunks)
            self._send(docs[-1].write.meta.doc_id)

    def _tighten(self, docs: Sequence[_Prepared]) -> None:
        """Raise the classification of a document's old chunks first when its new version is classified higher.

        Between the upsert of a new version and the deletion of the old chunks both are in the store; without
        this, a document reclassified upwards would stay readable at its old level for that moment. The update
        moves the old chunks out of the lower level's collection before they are written to the higher one
        (``ChunkStore.update``). Marked pending before, so a crash here is repaired from the manifest like any
        other interrupted write.
        """
        rank: dict[str, int] = {c: i for i, c in enumerate(CLASSIFICATION_ORDER)}
        for p in docs:
            if p.metadata_only or not p.old_ids:
                continue
            new_level = str(p.write.meta.classification)
            old = self._stored_classification.get(p.write.meta.doc_id)
            if old is not None and rank.get(new_level, 0) > rank.get(old, 0):
                for start in range(0, len(p.old_ids), WRITE_BATCH):
                    part = p.old_ids[start : start + WRITE_BATCH]
                    self.collection.update(ids=part, metadatas=cast(Any, [{"classification": new_level}] * len(part)))

    def _encode(self, texts: Sequence[str], embedded: Sequence[str]) -> np.ndarray[Any, Any]:
        """The chunks' vectors; their sentences' vectors are pooled from the same pass and kept for answering."""
        return self.sentence_vectors.embed_chunks(texts, embedded)

    def _embed_round(self, texts: list[str], chunk_texts: list[str], *, stepwise: bool = False) -> np.ndarray[Any, Any]:
        """Embed one round; with a progress callback (or ``stepwise``), one model batch per call, reporting after each.

        The model sorts a call's texts by length before batching them; sorting the round the same way and
        cutting it into contiguous batches keeps those batches, so reporting costs no extra padding. Between
        two calls the embedder is free for others (``stepwise``: asks and other uploads of a serving process).
        """
        step = max(1, self.settings.embedding_batch_size)
        if (self.progress is None and not stepwise) or len(texts) <= step:
            vectors = self._encode(chunk_texts, texts)
            with self._counter_lock:
                self._chunks_embedded += len(texts)
            return vectors
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        parts: list[np.ndarray[Any, Any]] = []
        for start in range(0, len(order), step):
            part = order[start : start + step]
            parts.append(self._encode([chunk_texts[i] for i in part], [texts[i] for i in part]))
            with self._counter_lock:
                self._chunks_embedded += len(part)
                self._send(None)
            if stepwise:
                # The embedder's lock is not fair: re-taken at once, a thread woken to take it (an ask) rarely
                # gets it on a busy machine and waited several batches. A short pause lets it in.
                time.sleep(_EMBED_YIELD_S)
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=parts[0].dtype)
        vectors[np.asarray(order)] = np.concatenate(parts)
        return vectors

    def process(self, work: Sequence[_WorkItem]) -> set[str]:
        """Prepare, embed and write the work items; returns the doc ids written.

        Three stages overlap: a thread loads and chunks the next documents (Python, holding the GIL)
        while the model embeds the current round (torch, releasing it) and another thread writes the
        previous round to Chroma and the manifest.
        """
        written: set[str] = set()
        if not work:
            return written
        rounds: queue.Queue[_Batch | BaseException | None] = queue.Queue(maxsize=2)
        stop = threading.Event()

        def put(item: _Batch | BaseException | None) -> bool:
            while not stop.is_set():
                try:
                    rounds.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def produce() -> None:
            try:
                for batch in self._batches(work):
                    if not put(batch):
                        return
                put(None)
            except BaseException as exc:  # handed to the main thread, which re-raises it
                put(exc)

        producer = threading.Thread(target=produce, name="clausewise-prepare", daemon=True)
        producer.start()
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clausewise-write") as pool:
                pending: Future[None] | None = None
                while (item := rounds.get()) is not None:
                    if isinstance(item, BaseException):
                        raise item
                    todo = [p for p in item.docs if p.vectors is None]
                    texts = [t for p in todo for t in p.embed_texts]
                    chunk_texts = [r.text for p in todo if p.embed_texts for r in p.write.chunks]
                    vectors = _round_vectors(item.docs, self._embed_round(texts, chunk_texts) if texts else None)
                    if pending is not None:
                        pending.result()
                    pending = pool.submit(self._write, item, vectors)
                    written.update(p.write.meta.doc_id for p in item.docs)
                if pending is not None:
                    pending.result()
        finally:
            stop.set()
            producer.join()
        return written

    def remove(self, doc_ids: Sequence[str]) -> list[str]:
        """Remove documents: manifest first, then their chunks in Chroma."""
        if not doc_ids:
            return []
        chunk_ids = self.manifest.chunk_ids_by_doc(doc_ids)
        removed = self.manifest.delete_documents(doc_ids)
        ids = [c for d in removed for c in chunk_ids.get(d, [])]
        if ids:
            self.report.chunks_deleted += delete_ids(self.collection, ids)
        return removed

    def sync_lexical(self) -> None:
        generation = self.manifest.generation
        if lexical.LexicalIndex.built_generation(self.settings) != generation:
            lexical.build(self.settings, self.manifest.iter_chunks(), generation)
            self.report.lexical_rebuilt = True
        # Register tables (DuckDB) derive from the manifest the same way: rebuilt when it moved on.
        if tables.built_generation(self.settings) != generation:
            tables.build(self.settings, self.manifest.iter_chunks(), generation)
        # Review cycles the documents state (assistant/freshness.py), read from the same chunk text.
        if review_cycles.built_generation(self.settings) != generation:
            review_cycles.build(self.settings, generation, self.manifest.documents(), self.manifest.iter_chunks())

    # --- the whole run -------------------------------------------------------------------------
    def execute(self, paths: Sequence[Path], reset: bool, root: Path | None) -> IngestReport:
        self.reset_if_needed(reset)
        self.reconcile()
        self._stored = self.manifest.stored()
        self._stored_classification = {d.doc_id: str(d.classification) for d in self.manifest.documents()}
        found = discover(paths, root)
        if root is None:
            found.candidates = [self._known_root(c) for c in found.candidates]
        self.report.roots = [str(p) for p in found.dir_roots]
        self.report.skipped = list(found.unsupported)
        for path, reason in found.errors:
            self.report.failed.append(FileError(path=path, error=reason))
        self._files_total = len(found.candidates)
        work, keep = self.plan(found)
        keep |= self.process(work)

        gone: list[str] = []
        # A root with a folder that could not be listed is not known completely: remove nothing there.
        incomplete = [Path(p) for p, _ in found.errors]
        for doc_id, record in self._stored.items():
            if doc_id in keep:
                continue
            in_dir_root = any(record.root == str(r) for r in found.dir_roots)
            if in_dir_root and not any(p.is_relative_to(record.root) for p in incomplete):
                gone.append(doc_id)
            elif (
                not self.keep_on_failure
                and any(f.doc_id == doc_id for f in self.report.failed)
                and any(c.doc_id == doc_id and str(c.path) == record.path for c in found.candidates)
            ):
                # The file is still there but no longer loads: the index must not keep stale text.
                gone.append(doc_id)
        self.report.removed = self.remove(sorted(gone))

        self.reconcile(final=True)
        self.sync_lexical()
        for listing in (self.report.new, self.report.changed, self.report.unchanged, self.report.unclassified):
            listing.sort()
        self.report.documents_total = len(self.manifest.stored())
        self.report.chunks_total = self.manifest.chunk_count()
        self._emit()
        return self.report

    def prepare(self, paths: Sequence[Path], root: Path | None, contents: Mapping[Path, bytes]) -> Preparation:
        """Read, load, chunk and embed the files that an ingest of ``paths`` would write; writes nothing.

        The manifest is only read (unchanged files are skipped, a metadata-only change is not embedded).
        """
        self._stored = self.manifest.stored()
        found = discover([p for p in paths if p not in contents], root)
        for given in paths:
            if given in contents:
                self._from_memory(given, contents[given], root, found)
        if root is None:
            found.candidates = [self._known_root(c) for c in found.candidates]
        self.report.roots = [str(p) for p in found.dir_roots]
        self.report.skipped = list(found.unsupported)
        for path, reason in found.errors:
            self.report.failed.append(FileError(path=path, error=reason))
        self._files_total = len(found.candidates)
        files: list[PreparedFile] = []
        for candidate in found.candidates:
            record = self._stored.get(candidate.doc_id)
            if record is not None and record.path == str(candidate.path):
                try:
                    unchanged = record.fingerprint == self._fingerprint(candidate, _sha256(self._read(candidate)))
                except (OSError, LoaderError):
                    unchanged = False  # _analyse reports it
                if unchanged:
                    continue
            analysed = self._analyse(candidate)
            if analysed is None:
                continue
            rows = analysed.write.chunks
            with self._counter_lock:
                self._chunks_total += len(rows)
                self._files_prepared += 1
            if self._old_rows(candidate.doc_id, rows)[1]:  # only metadata changed: nothing to embed
                files.append(analysed)
                continue
            vectors = self._embed_round(
                [_embed_text(r.text, r.metadata) for r in rows], [r.text for r in rows], stepwise=True
            )
            files.append(replace(analysed, vectors=vectors))
        self._emit()
        return Preparation(files=files, report=self.report)

    def _from_memory(self, given: Path, data: bytes, root: Path | None, found: Discovery) -> None:
        """Add a file that is not at its path yet, as ``discover`` would find it there."""
        path = Path(given).expanduser().resolve()
        file_root = root.resolve() if root is not None else path.parent
        try:
            doc_id = doc_id_for(path, file_root)
        except ValueError:
            found.errors.append((str(given), f"not inside the ingest root {file_root}"))
            return
        if is_metadata_file(path.name):
            found.errors.append((str(given), "is a metadata file (_meta.yaml / *.meta.yaml), not a document"))
        elif not is_supported(path):
            found.unsupported.append(doc_id)
        else:
            self._contents[path] = data
            found.candidates.append(Candidate(path=path, root=file_root, doc_id=doc_id, from_dir=False))


def _round_vectors(docs: Sequence[_Prepared], fresh: np.ndarray[Any, Any] | None) -> np.ndarray[Any, Any] | None:
    """The vectors of a round's ``embed_texts`` in order: prepared ones as they are, the others from ``fresh``."""
    parts: list[np.ndarray[Any, Any]] = []
    used = 0
    for p in docs:
        if not p.embed_texts:
            continue
        if p.vectors is not None:
            parts.append(p.vectors)
        else:
            assert fresh is not None
            parts.append(fresh[used : used + len(p.embed_texts)])
            used += len(p.embed_texts)
    return np.concatenate(parts) if parts else None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot be read: {exc.strerror or exc}"
    return str(exc)


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    *,
    reset: bool = False,
    overrides: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    root: Path | None = None,
    clearance: Iterable[str] | None = None,
    keep_on_failure: bool = False,
    prepared: Iterable[PreparedFile] = (),
) -> IngestReport:
    """Ingest files and directories (see the module docstring); per-file problems land in the report.

    A directory is its own root (doc id = path relative to it) and documents gone from it are removed;
    a file's root is ``root`` if given, else its folder. ``overrides`` set metadata on every file.
    ``clearance``: the classifications the caller may create; a file resolving to another one (front matter,
    sidecar, ``_meta.yaml``, properties, overrides or the default) fails with ``forbidden`` and is not written.
    ``keep_on_failure``: a failing file keeps its indexed version (for a caller that restores the old file).
    ``prepared``: files made ready by :func:`prepare_files`; written as they are when unchanged since (so the
    lock is held only for the writes), prepared again otherwise.
    """
    started = time.perf_counter()
    clean_overrides = validate_overrides(overrides)
    with _IngestLock(settings), Manifest(settings) as manifest:
        run = _Run(
            settings, manifest, clean_overrides, progress,
            clearance=clearance, keep_on_failure=keep_on_failure, prepared=prepared,
        )  # fmt: skip
        report = run.execute([Path(p) for p in paths], reset, root)
        report.seconds = round(time.perf_counter() - started, 3)
        # Kept for `clausewise status`, /readyz and the warning on answers of a partly failed index.
        manifest.set_state(LAST_INGEST_STATE, last_ingest_record(report))
    return report


def prepare_files(
    paths: Sequence[Path],
    settings: Settings,
    *,
    root: Path | None = None,
    overrides: Mapping[str, str] | None = None,
    clearance: Iterable[str] | None = None,
    contents: Mapping[Path, bytes] | None = None,
    progress: ProgressCallback | None = None,
) -> Preparation:
    """The expensive part of ``ingest(paths, ...)`` (read, load, chunk, embed), without the ingest lock.

    Nothing is written; pass ``Preparation.files`` to :func:`ingest` (``prepared=``, same paths, root,
    overrides and clearance). Files that fail (limits, clearance, unreadable) are in ``Preparation.report``.
    ``contents``: the bytes of paths that are not there yet (an upload before it is stored), read as if they
    were. The embedder is called one model batch at a time, so other users of it (asks) wait one batch at most.
    """
    clean_overrides = validate_overrides(overrides)
    given = {Path(p): data for p, data in (contents or {}).items()}
    with Manifest(settings) as manifest:
        run = _Run(settings, manifest, clean_overrides, progress, clearance=clearance)
        return run.prepare([Path(p) for p in paths], root, given)


#: ``state`` key of the manifest holding the last ingest's outcome (JSON, see ``last_ingest_record``).
LAST_INGEST_STATE = "last_ingest"


def last_ingest_record(report: IngestReport) -> str:
    """The outcome of an ingest as stored in the manifest: when, what changed, which files failed and why."""
    return json.dumps(
        {
            "finished_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "new": len(report.new),
            "changed": len(report.changed),
            "unchanged": len(report.unchanged),
            "removed": len(report.removed),
            "documents": report.documents_total,
            "chunks": report.chunks_total,
            "seconds": report.seconds,
            "failed": [{"path": f.path, "error": f.error} for f in report.failed],
        }
    )


def remove_documents(doc_ids: Sequence[str], settings: Settings) -> list[str]:
    """Remove documents from the manifest, Chroma and BM25; returns the ids that existed.

    The source files are not touched: a later ingest of their root would add them again.
    """
    with _IngestLock(settings), Manifest(settings) as manifest:
        run = _Run(settings, manifest, {}, None)
        run.reconcile()
        removed = run.remove(list(doc_ids))
        run.sync_lexical()
    return removed


def repair_if_interrupted(settings: Settings) -> bool:
    """At a serving process's start: finish what an interrupted ingest left (Chroma vs manifest, a stale BM25),
    and move an index of the single-collection layout into one collection per classification level.

    Returns True when a repair ran. Skipped when another process is ingesting right now (it repairs at its own
    end) or when there is no manifest yet. Until a repair, readers stay safe anyway: every chunk is re-checked
    against the clearance on the metadata fetched with it.
    """
    from filelock import FileLock, Timeout

    from ingestion.chunk_store import legacy_collection
    from ingestion.manifest import read_generation

    if not settings.manifest_path.exists():
        return False
    generation = read_generation(settings)
    # An index in the single-collection layout is upgraded here too (the reconciliation's first step).
    upgrade = legacy_collection(open_client(settings), settings) is not None
    built = lexical.LexicalIndex.built_generation(settings) == generation == tables.built_generation(settings)
    if not upgrade and built:
        with Manifest(settings) as manifest:
            if not manifest.pending():
                return False
    lock = FileLock(str(settings.data_dir / _LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return False
    try:
        with Manifest(settings) as manifest:
            run = _Run(settings, manifest, {}, None)
            run.reconcile(final=True)
            run.sync_lexical()
    finally:
        lock.release()
    return True
