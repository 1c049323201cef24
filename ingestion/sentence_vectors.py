"""Sentence vectors of the data dir: each sentence of a chunk encoded once per model and kept.

Two kinds, both cached in memory and in ``sentence_vectors.sqlite3``:

- *Passage sentences* (:meth:`SentenceVectors.passage_sentences`): every sentence span of a chunk, pooled
  from the chunk's own forward pass (the mean of the span's contextual token embeddings). Ingest computes
  them with the chunk vectors at no extra model cost, so answering a new question encodes nothing but the
  question; a chunk ingested before they existed gets them on first use (one forward pass for the chunk).
- *Free sentences* (:meth:`SentenceVectors.vectors`): any text encoded on its own, for sentences that have no
  passage (gap evidence lines, a span past the model's window).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingestion.embedding import Embedder, SpanEmbedder
from ingestion.sentences import sentences

#: The store's file in the data dir.
SENTENCE_VECTORS_FILE = "sentence_vectors.sqlite3"

#: How passage rows are stored (int64 span bounds, float16 vectors); part of their key.
PASSAGE_FORMAT = "f16"

#: A passage's sentence vectors by the span's (start, end) in the chunk text.
SpanVectors = Mapping[tuple[int, int], np.ndarray]


def embed_text(text: str, section: str | None) -> str:
    """What the model embeds for a chunk: its section path, then its text (the text is always the suffix)."""
    return f"{section}\n{text}" if section else text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans of a chunk text, as the answerer splits it."""
    return [(s.start, s.end) for s in sentences(text)]


#: Vectors kept in memory per process; one 384-d float32 vector is 1.5 KiB, so 20k vectors are ~30 MiB.
MEMORY_ITEMS = 20_000
#: Chunks whose sentence vectors are kept in memory (~8 sentences of 1.5 KiB each: ~60 MiB at the limit).
MEMORY_PASSAGES = 5_000


class SentenceVectors:
    """Normalised embeddings of sentences, computed once per model and cached (memory LRU + SQLite file)."""

    def __init__(self, embedder: Embedder, path: Path | None) -> None:
        self.embedder = embedder
        self._model = embedder.model_name
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._path = path
        self._db_ok = path is not None
        self._passages: OrderedDict[str, SpanVectors] = OrderedDict()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with self._connect() as conn:
                    conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS passages (key TEXT PRIMARY KEY, spans BLOB NOT NULL, "
                        "vecs BLOB NOT NULL)"
                    )
            except sqlite3.Error:
                self._db_ok = False  # a read-only data dir: memory cache only

    def _connect(self) -> sqlite3.Connection:
        assert self._path is not None
        conn = sqlite3.connect(self._path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def _passage_key(self, embedded: str) -> str:
        # The storage format is part of the key: rows of another format are never read as this one.
        return self._key(f"passage/{PASSAGE_FORMAT}\x00{embedded}")

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self._model}\x00{text}".encode()).hexdigest()

    # --- passage sentences --------------------------------------------------------------------------

    @property
    def pools_spans(self) -> bool:
        """Whether the embedder can pool sentence vectors from a chunk's own encoding."""
        return isinstance(self.embedder, SpanEmbedder)

    def passage_sentences(self, passages: Sequence[tuple[str, str]]) -> list[SpanVectors]:
        """For each ``(text, embedded text)`` chunk, its sentences' vectors by span of ``text``.

        Kept ones are read; the others are pooled now, one forward pass per chunk, and kept. A span past the
        model's window is absent (the caller encodes it as a free sentence). Empty maps when the embedder
        cannot pool spans.
        """
        if not self.pools_spans or not passages:
            return [{} for _ in passages]
        keys = [self._passage_key(embedded) for _, embedded in passages]
        by_key = dict(zip(keys, passages, strict=True))

        def pool(missing: list[str]) -> dict[str, SpanVectors]:
            pooled = self._run([by_key[k][0] for k in missing], [by_key[k][1] for k in missing])[1]
            fresh = dict(zip(missing, pooled, strict=True))
            self._store_passages(fresh)
            return fresh

        found = self._through_caches(self._passages, MEMORY_PASSAGES, keys, self._load_passages, pool)
        return [found[k] for k in keys]

    def embed_chunks(self, texts: Sequence[str], embedded: Sequence[str]) -> np.ndarray:
        """The vectors of chunks (``embedded`` texts), keeping their sentences' vectors from the same pass.

        What ingest calls instead of ``embed_documents``: the model runs once for both.
        """
        if not self.pools_spans:
            return np.asarray(self.embedder.embed_documents(list(embedded)), dtype=np.float32)
        vectors, pooled = self._run(texts, embedded)
        keys = [self._passage_key(e) for e in embedded]
        self._store_passages(dict(zip(keys, pooled, strict=True)))
        return vectors

    def keep_passages(self, embedded: Sequence[str], pooled: Sequence[SpanVectors]) -> None:
        """Keep sentence vectors computed elsewhere (e.g. a benchmark building an index without the pipeline)."""
        keys = [self._passage_key(e) for e in embedded]
        self._store_passages(dict(zip(keys, pooled, strict=True)))

    def pool(self, texts: Sequence[str], embedded: Sequence[str]) -> tuple[np.ndarray, list[SpanVectors]]:
        """The chunks' vectors and their sentences' vectors, without keeping anything."""
        return self._run(texts, embedded)

    def _run(self, texts: Sequence[str], embedded: Sequence[str]) -> tuple[np.ndarray, list[SpanVectors]]:
        assert isinstance(self.embedder, SpanEmbedder)
        spans = [sentence_spans(t) for t in texts]
        offsets = [len(e) - len(t) for t, e in zip(texts, embedded, strict=True)]
        shifted = [[(s + o, e + o) for s, e in sp] for sp, o in zip(spans, offsets, strict=True)]
        vectors, pooled = self.embedder.embed_with_spans(list(embedded), shifted)
        out: list[SpanVectors] = []
        for sp, rows in zip(spans, pooled, strict=True):
            # A zero row: the span lies past the model's window; leaving it out sends it to the free path.
            # Kept as float16 (half the file; ranking unchanged), so rounded here too: a passage scores the
            # same whether its vectors were pooled just now or read back.
            half = np.asarray(rows, dtype=np.float16).astype(np.float32)
            out.append({s: half[i] for i, s in enumerate(sp) if rows[i].any()})
        return np.asarray(vectors, dtype=np.float32), out

    def _load_passages(self, keys: Sequence[str]) -> dict[str, SpanVectors]:
        out: dict[str, SpanVectors] = {}
        dim = self.embedder.dimension
        try:
            with self._connect() as conn:
                for start in range(0, len(keys), 500):
                    part = list(keys[start : start + 500])
                    marks = ",".join("?" * len(part))
                    query = f"SELECT key, spans, vecs FROM passages WHERE key IN ({marks})"
                    for key, span_blob, vec_blob in conn.execute(query, part):
                        spans = np.frombuffer(span_blob, dtype=np.int64).reshape(-1, 2)
                        if len(vec_blob) != len(spans) * dim * 2:
                            continue  # a damaged row: pooled again
                        vecs = np.frombuffer(vec_blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)
                        out[str(key)] = {(int(a), int(b)): vecs[i].copy() for i, (a, b) in enumerate(spans)}
        except (sqlite3.Error, ValueError):
            return out
        return out

    def _store_passages(self, passages: Mapping[str, Mapping[tuple[int, int], np.ndarray]]) -> None:
        if not self._db_ok or not passages:
            return
        rows = []
        for key, spans in passages.items():
            bounds = np.asarray(list(spans), dtype=np.int64).reshape(-1, 2)
            vecs = np.asarray(list(spans.values()), dtype=np.float16).reshape(len(spans), self.embedder.dimension)
            rows.append((key, bounds.tobytes(), vecs.tobytes()))
        try:
            with self._connect() as conn:
                conn.executemany("INSERT OR REPLACE INTO passages(key, spans, vecs) VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # the cache is an optimisation; a locked or read-only file only costs pooling again later

    # --- free sentences ---------------------------------------------------------------------------------

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text (same order); unseen texts are encoded in one batch."""
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        by_key = dict(zip(keys, texts, strict=True))

        def encode(missing: list[str]) -> dict[str, np.ndarray]:
            encoded = np.asarray(self.embedder.embed_documents([by_key[k] for k in missing]), dtype=np.float32)
            fresh = dict(zip(missing, encoded, strict=True))
            self._store(fresh)
            return fresh

        found = self._through_caches(self._memory, MEMORY_ITEMS, keys, self._load, encode)
        return np.stack([found[k] for k in keys])

    def _through_caches(
        self,
        memory: OrderedDict[str, Any],
        limit: int,
        keys: Sequence[str],
        load: Callable[[Sequence[str]], dict[str, Any]],
        compute: Callable[[list[str]], dict[str, Any]],
    ) -> dict[str, Any]:
        """Values for ``keys``: from memory (LRU of ``limit``), else the file, else ``compute`` (which keeps them)."""
        found: dict[str, Any] = {}
        with self._lock:
            for k in keys:
                got = memory.get(k)
                if got is not None:
                    memory.move_to_end(k)
                    found[k] = got
        todo = [k for k in dict.fromkeys(keys) if k not in found]
        if todo and self._db_ok:
            found.update(load(todo))
        missing = [k for k in todo if k not in found]
        if missing:
            found.update(compute(missing))
        with self._lock:
            for k in todo:
                memory[k] = found[k]
            while len(memory) > limit:
                memory.popitem(last=False)
        return found

    def _load(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        try:
            with self._connect() as conn:
                for start in range(0, len(keys), 500):
                    part = list(keys[start : start + 500])
                    marks = ",".join("?" * len(part))
                    for key, blob in conn.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part):
                        out[str(key)] = np.frombuffer(blob, dtype=np.float32).copy()
        except sqlite3.Error:
            return out
        return out

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        if not self._db_ok or not vectors:
            return
        try:
            with self._connect() as conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO vectors(key, vec) VALUES (?, ?)",
                    [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()],
                )
        except sqlite3.Error:
            pass  # the cache is an optimisation; a locked or read-only file only costs re-encoding later
