"""BM25 (bm25s) over every chunk, persisted in ``settings.bm25_dir``.

Layout: each build writes a fresh folder ``bm25_dir/v-<stamp>/`` (bm25s arrays + ``chunks.json``
with ids, texts and metadata) under a temporary name, renames it into place, then atomically replaces
the one-line pointer file ``bm25_dir/CURRENT``. A reader therefore sees the old index or the new one,
never a half-written one; a build killed midway leaves only a temporary folder that the next build
deletes. The build reads the manifest (not Chroma) and records the manifest generation it reflects,
so the pipeline rebuilds exactly when the manifest changed since the last build — including after a
crash between a manifest commit and the rebuild.

Filters (classification, doc type, status, clause) are applied as a mask over all chunks before
the top k are taken, so a restricted caller still gets k results when k allowed ones exist.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ingestion.settings import Settings

#: Changes whenever :func:`tokenize` changes, so an index built by another tokenizer is rebuilt.
TOKENIZER_VERSION = "1"
_POINTER = "CURRENT"
_CHUNKS_FILE = "chunks.json"

_TOKEN = re.compile(r"a\.\d{1,2}(?:\.\d{1,2})*|a\d{1,2}(?:\.\d{1,2})+|\d+(?:\.\d+)+|[a-z0-9]+")
_STOPWORD_TEXT = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves shall may must also per via
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _stem(token: str) -> str:
    # Plural folding only: enough to match "reviews"/"review" and "policies"/"policy" without a stemmer
    # that would also mangle clause ids and names.
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded word tokens without stop words; clause ids stay whole (``a.6.2.4``)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    tokens: list[str] = []
    for raw in _TOKEN.findall(folded):
        if raw[0] == "a" and len(raw) > 1 and raw[1].isdigit() and "." in raw:
            raw = f"a.{raw[1:]}"
        if raw in _STOPWORDS:
            continue
        if raw[0].isdigit() or "." in raw:
            tokens.append(raw)
        else:
            tokens.append(_stem(raw))
    return tokens


def lexical_text(text: str, metadata: Mapping[str, Any]) -> str:
    """What BM25 indexes for a chunk: its section path (title and headings) and its text."""
    section = metadata.get("section")
    return f"{section}\n{text}" if section else text


class LexicalIndex:
    """A loaded BM25 index with the ids, texts and metadata of its chunks (same order)."""

    def __init__(
        self,
        *,
        ids: list[str],
        texts: list[str],
        metadatas: list[dict[str, Any]],
        stamp: str,
        generation: int,
        retriever: Any | None,
    ) -> None:
        self.ids = ids
        self.texts = texts
        self.metadatas = metadatas
        self.stamp = stamp
        self.generation = generation
        self._retriever = retriever
        self._row = {chunk_id: i for i, chunk_id in enumerate(ids)}
        self._classification = np.array([str(m.get("classification", "")) for m in metadatas], dtype=object)
        self._doc_type = np.array([str(m.get("doc_type", "")) for m in metadatas], dtype=object)
        self._status = np.array([str(m.get("status", "")) for m in metadatas], dtype=object)
        self._clauses: dict[str, list[int]] = {}
        for i, meta in enumerate(metadatas):
            for clause in meta.get("clause_refs") or ():
                self._clauses.setdefault(str(clause), []).append(i)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def vocabulary_size(self) -> int:
        """Distinct terms in the index."""
        if self._retriever is None:
            return 0
        return len(self._retriever.vocab_dict)

    def row(self, chunk_id: str) -> int | None:
        """Position of a chunk id in ``ids``/``metadatas``/``texts``."""
        return self._row.get(chunk_id)

    def mask(
        self,
        *,
        classifications: Collection[str] | None = None,
        doc_types: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
        clause: str | None = None,
    ) -> NDArray[np.bool_]:
        """Boolean mask of the chunks that pass every given filter."""
        keep = np.ones(len(self.ids), dtype=bool)
        if classifications is not None:
            keep &= np.isin(self._classification, list(classifications))
        if doc_types is not None:
            keep &= np.isin(self._doc_type, list(doc_types))
        if statuses is not None:
            keep &= np.isin(self._status, list(statuses))
        if clause is not None:
            only = np.zeros(len(self.ids), dtype=bool)
            only[self._clauses.get(clause, [])] = True
            keep &= only
        return keep

    def search(
        self,
        query: str,
        k: int,
        *,
        classifications: Collection[str] | None = None,
        doc_types: Collection[str] | None = None,
        clause: str | None = None,
        statuses: Collection[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Top ``k`` ``(chunk_id, score)`` among chunks passing the filters; only chunks sharing a term."""
        if k <= 0 or self._retriever is None or not self.ids:
            return []
        vocab: dict[str, int] = self._retriever.vocab_dict
        token_ids = [vocab[t] for t in tokenize(query) if t in vocab]
        if not token_ids:
            return []
        keep = self.mask(classifications=classifications, doc_types=doc_types, statuses=statuses, clause=clause)
        if not keep.any():
            return []
        scores = np.asarray(self._retriever.get_scores_from_ids(token_ids), dtype=np.float64)
        scores = np.where(keep, scores, 0.0)
        candidates = np.flatnonzero(scores > 0.0)
        if candidates.size == 0:
            return []
        order = np.argsort(-scores[candidates], kind="stable")[:k]
        return [(self.ids[int(i)], float(scores[int(i)])) for i in candidates[order]]

    def document_frequency(self, term: str) -> float:
        """Share of chunks containing ``term`` (after tokenization); 0.0 for an unknown term."""
        if self._retriever is None or not self.ids:
            return 0.0
        vocab: dict[str, int] = self._retriever.vocab_dict
        token_ids = [vocab[t] for t in tokenize(term) if t in vocab]
        if not token_ids:
            return 0.0
        scores = np.asarray(self._retriever.get_scores_from_ids(token_ids[:1]), dtype=np.float64)
        return float(np.count_nonzero(scores)) / len(self.ids)

    # --- persistence ---------------------------------------------------------------------------
    @staticmethod
    def current_stamp(settings: Settings) -> str | None:
        """The stamp of the persisted index (one small file read), ``None`` when none exists."""
        try:
            name = (settings.bm25_dir / _POINTER).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return name.removeprefix("v-") or None

    @classmethod
    def load(cls, settings: Settings) -> LexicalIndex | None:
        """Load the persisted index; ``None`` when nothing was built yet."""
        for _ in range(3):
            stamp = cls.current_stamp(settings)
            if stamp is None:
                return None
            folder = settings.bm25_dir / f"v-{stamp}"
            try:
                return cls._load_folder(folder)
            except FileNotFoundError:
                # A rebuild replaced the folder between reading the pointer and opening it: read again.
                continue
        return None

    @classmethod
    def _load_folder(cls, folder: Path) -> LexicalIndex:
        payload = json.loads((folder / _CHUNKS_FILE).read_text(encoding="utf-8"))
        retriever: Any | None = None
        if payload["ids"]:
            import bm25s

            retriever = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(
            ids=list(payload["ids"]),
            texts=list(payload["texts"]),
            metadatas=list(payload["metadatas"]),
            stamp=str(payload["stamp"]),
            generation=int(payload["generation"]),
            retriever=retriever,
        )

    @staticmethod
    def built_generation(settings: Settings) -> int | None:
        """Manifest generation the persisted index reflects (``None`` if absent or from another tokenizer)."""
        stamp = LexicalIndex.current_stamp(settings)
        if stamp is None:
            return None
        try:
            with (settings.bm25_dir / f"v-{stamp}" / "build.json").open(encoding="utf-8") as handle:
                info = json.load(handle)
        except (OSError, ValueError):
            return None
        if info.get("tokenizer") != TOKENIZER_VERSION:
            return None
        return int(info["generation"])


def build(settings: Settings, chunks: Iterable[tuple[str, str, dict[str, Any]]], generation: int) -> LexicalIndex:
    """Build from ``(chunk_id, text, metadata)`` rows and persist atomically; returns the new index."""
    ids: list[str] = []
    texts: list[str] = []
    metadatas: list[dict[str, Any]] = []
    corpus: list[list[str]] = []
    for chunk_id, text, metadata in chunks:
        ids.append(chunk_id)
        texts.append(text)
        metadatas.append(metadata)
        corpus.append(tokenize(lexical_text(text, metadata)))

    stamp = f"{generation}-{uuid.uuid4().hex[:12]}"
    base = settings.bm25_dir
    base.mkdir(parents=True, exist_ok=True)
    tmp = base / f".tmp-{stamp}"
    final = base / f"v-{stamp}"
    tmp.mkdir()
    retriever: Any | None = None
    if ids:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        retriever.save(str(tmp), show_progress=False)
    payload = {"stamp": stamp, "generation": generation, "ids": ids, "texts": texts, "metadatas": metadatas}
    _write_json(tmp / _CHUNKS_FILE, payload)
    _write_json(tmp / "build.json", {"generation": generation, "tokenizer": TOKENIZER_VERSION, "chunks": len(ids)})
    _fsync_dir(tmp)
    os.rename(tmp, final)
    pointer_tmp = base / f".{_POINTER}.{stamp}"
    pointer_tmp.write_text(f"v-{stamp}\n", encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, base / _POINTER)
    _fsync_dir(base)
    _prune(base, keep={final.name})
    return LexicalIndex(
        ids=ids, texts=texts, metadatas=metadatas, stamp=stamp, generation=generation, retriever=retriever
    )


def size_on_disk(settings: Settings) -> int:
    """Bytes used by the current index folder (0 when none)."""
    stamp = LexicalIndex.current_stamp(settings)
    if stamp is None:
        return 0
    folder = settings.bm25_dir / f"v-{stamp}"
    return sum(p.stat().st_size for p in folder.glob("*") if p.is_file()) if folder.is_dir() else 0


def _write_json(path: Path, payload: Mapping[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not supported on this platform (Windows); rename atomicity is what matters
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(base: Path, keep: set[str]) -> None:
    # Keep the newest previous version for a moment: a server may be loading it right now.
    versions = sorted(
        (p for p in base.iterdir() if p.is_dir() and p.name.startswith("v-") and p.name not in keep),
        key=lambda p: p.stat().st_mtime,
    )
    doomed = versions[:-1] + [
        p for p in base.iterdir() if p.name.startswith(".tmp-") or p.name.startswith(f".{_POINTER}.")
    ]
    for path in doomed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
