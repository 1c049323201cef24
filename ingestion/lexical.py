"""BM25 (bm25s) over every chunk, persisted in ``settings.bm25_dir``.

Layout: each build writes a fresh folder ``bm25_dir/v-<stamp>/`` (bm25s arrays; ids, texts and
metadata as memory-mapped blobs; filter keys as integer columns; ``build.json`` last) under a temporary
name, renames it into place, then atomically replaces the one-line pointer file
``bm25_dir/CURRENT``. A reader therefore sees the old index or the new one,
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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from ingestion.settings import Settings

#: Changes whenever :func:`tokenize` changes, so an index built by another tokenizer is rebuilt.
TOKENIZER_VERSION = "1"
#: On-disk layout; an index of another layout is rebuilt by the next ingest (and still read until then).
FORMAT = 2
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
    folded = text.lower()
    if not folded.isascii():  # ASCII has nothing to decompose: the per-character pass was 2/3 of a BM25 build
        folded = unicodedata.normalize("NFKD", folded)
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


class _Blob(Sequence[str]):
    """Strings stored as one UTF-8 blob plus an offsets array, both memory-mapped: no Python object per row."""

    def __init__(self, data: Any, offsets: NDArray[np.int64]) -> None:
        self._data = data
        self._offsets = offsets

    def __len__(self) -> int:
        return max(0, len(self._offsets) - 1)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError(index)
        return bytes(self._data[int(self._offsets[i]) : int(self._offsets[i + 1])]).decode("utf-8")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class _Columns:
    """The metadata a search filters on, as small integer codes per chunk (code 0: key absent)."""

    KEYS = ("doc_id", "classification", "doc_type", "status")

    def __init__(
        self,
        codes: Mapping[str, NDArray[np.int32]],
        labels: Mapping[str, list[Any]],
        clause_ptr: NDArray[np.int64],
        clause_codes: NDArray[np.int32],
        clause_labels: list[str],
    ) -> None:
        self.codes = codes
        self.labels = labels
        self.clause_ptr = clause_ptr
        self.clause_codes = clause_codes
        self.clause_labels = clause_labels
        self._clause_code = {label: i for i, label in enumerate(clause_labels)}
        self._clause_rows: dict[int, NDArray[np.int64]] | None = None

    @classmethod
    def from_metadatas(cls, metadatas: Iterable[Mapping[str, Any]]) -> _Columns:
        """Encode metadata rows (a build, or an index of the older JSON layout)."""
        labels: dict[str, list[Any]] = {key: [None] for key in cls.KEYS}
        lookup: dict[str, dict[str, int]] = {key: {} for key in cls.KEYS}
        codes: dict[str, list[int]] = {key: [] for key in cls.KEYS}
        clause_lookup: dict[str, int] = {}
        clause_labels: list[str] = []
        clause_ptr = [0]
        clause_codes: list[int] = []
        for meta in metadatas:
            for key in cls.KEYS:
                if key not in meta:
                    codes[key].append(0)
                    continue
                value = meta[key]
                token = json.dumps(value, sort_keys=True)
                code = lookup[key].get(token)
                if code is None:
                    code = lookup[key][token] = len(labels[key])
                    labels[key].append(value)
                codes[key].append(code)
            for clause in meta.get("clause_refs") or ():
                clause = str(clause)
                c = clause_lookup.get(clause)
                if c is None:
                    c = clause_lookup[clause] = len(clause_labels)
                    clause_labels.append(clause)
                clause_codes.append(c)
            clause_ptr.append(len(clause_codes))
        return cls(
            {key: np.asarray(v, dtype=np.int32) for key, v in codes.items()},
            labels,
            np.asarray(clause_ptr, dtype=np.int64),
            np.asarray(clause_codes, dtype=np.int32),
            clause_labels,
        )

    def save(self, folder: Path) -> None:
        for key in self.KEYS:
            np.save(folder / f"col.{key}.npy", self.codes[key])
        np.save(folder / "clauses.ptr.npy", self.clause_ptr)
        np.save(folder / "clauses.codes.npy", self.clause_codes)
        _write_json(folder / "columns.json", {"labels": self.labels, "clauses": self.clause_labels})

    @classmethod
    def load(cls, folder: Path) -> _Columns:
        info = json.loads((folder / "columns.json").read_text(encoding="utf-8"))
        return cls(
            {key: np.load(folder / f"col.{key}.npy", mmap_mode="r") for key in cls.KEYS},
            {key: list(info["labels"][key]) for key in cls.KEYS},
            np.load(folder / "clauses.ptr.npy", mmap_mode="r"),
            np.load(folder / "clauses.codes.npy", mmap_mode="r"),
            [str(c) for c in info["clauses"]],
        )

    def allowed(self, key: str, values: Collection[str]) -> NDArray[np.bool_]:
        """Rows whose value of ``key`` (as a string; absent = "") is one of ``values``."""
        wanted = {str(v) for v in values}
        ok = [i for i, label in enumerate(self.labels[key]) if (label is None and "" in wanted)
              or (label is not None and str(label) in wanted)]  # fmt: skip
        return np.isin(self.codes[key], np.asarray(ok, dtype=np.int32))

    def value(self, key: str, row: int) -> Any:
        """The row's value of a column key; KeyError when the row has none."""
        code = int(self.codes[key][row])
        if code == 0:
            raise KeyError(key)
        return self.labels[key][code]

    def clauses_of(self, row: int) -> list[str]:
        """Clause ids of one row, in stored order."""
        a, b = int(self.clause_ptr[row]), int(self.clause_ptr[row + 1])
        return [self.clause_labels[int(c)] for c in self.clause_codes[a:b]]

    def clause_rows(self, clause: str) -> NDArray[np.int64]:
        """Rows naming ``clause``."""
        code = self._clause_code.get(clause)
        if code is None:
            return np.zeros(0, dtype=np.int64)
        if self._clause_rows is None:
            # Row of every stored code, grouped by code once (a few ms at 100k chunks).
            rows = np.repeat(np.arange(len(self.clause_ptr) - 1, dtype=np.int64), np.diff(self.clause_ptr))
            order = np.argsort(self.clause_codes, kind="stable")
            bounds = np.searchsorted(self.clause_codes[order], np.arange(len(self.clause_labels) + 1))
            self._clause_rows = {c: rows[order[bounds[c] : bounds[c + 1]]] for c in range(len(self.clause_labels))}
        return self._clause_rows[code]


class _MetaRow(Mapping[str, Any]):
    """One chunk's metadata: filter keys answered from the columns, the rest decoded from JSON on demand."""

    __slots__ = ("_columns", "_full", "_json", "_row")

    def __init__(self, columns: _Columns, json_rows: _Blob, row: int) -> None:
        self._columns = columns
        self._json = json_rows
        self._row = row
        self._full: dict[str, Any] | None = None

    def _decoded(self) -> dict[str, Any]:
        if self._full is None:
            self._full = json.loads(self._json[self._row])
        return self._full

    def __getitem__(self, key: str) -> Any:
        if key in _Columns.KEYS:
            return self._columns.value(key, self._row)
        if key == "clause_refs":
            refs = self._columns.clauses_of(self._row)
            if refs:
                return refs
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())


class _MetaRows(Sequence[Mapping[str, Any]]):
    """Metadata of every chunk, one read-only mapping per row (nothing decoded until asked)."""

    def __init__(self, columns: _Columns, json_rows: _Blob) -> None:
        self._columns = columns
        self._json = json_rows

    def __len__(self) -> int:
        return len(self._json)

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[Mapping[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Mapping[str, Any] | list[Mapping[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError(index)
        return _MetaRow(self._columns, self._json, i)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str) or len(other) != len(self):
            return False
        return all(dict(a) == dict(b) for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class LexicalIndex:
    """A loaded BM25 index with the ids, texts and metadata of its chunks (same order).

    In the current layout ids, texts and metadata stay in memory-mapped files (``ids.bin``, ``texts.bin``,
    ``metas.bin`` with ``*.off.npy`` offsets) and the filter keys are integer columns, so a loaded index
    holds few Python objects: at 100k chunks it costs tens of MiB instead of hundreds (docs/benchmarks.md).
    """

    def __init__(
        self,
        *,
        ids: Sequence[str],
        texts: Sequence[str],
        metadatas: Sequence[Mapping[str, Any]],
        stamp: str,
        generation: int,
        retriever: Any | None,
        columns: _Columns | None = None,
    ) -> None:
        self.ids = ids
        self.texts = texts
        self.metadatas = metadatas
        self.stamp = stamp
        self.generation = generation
        self._retriever = retriever
        self._columns = columns if columns is not None else _Columns.from_metadatas(metadatas)
        self._row: dict[str, int] | None = None

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
        if self._row is None:
            self._row = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        return self._row.get(chunk_id)

    def doc_id(self, chunk_id: str) -> str:
        """The doc id of one chunk ("" when it is not indexed or has none)."""
        i = self.row(chunk_id)
        if i is None:
            return ""
        label = self._columns.labels["doc_id"][int(self._columns.codes["doc_id"][i])]
        return "" if label is None else str(label)

    def doc_ids(self) -> list[str]:
        """The doc id of every chunk, in row order ("" where a chunk has none)."""
        labels = ["" if label is None else str(label) for label in self._columns.labels["doc_id"]]
        return [labels[int(c)] for c in self._columns.codes["doc_id"]]

    def doc_refs(self) -> dict[str, frozenset[str]]:
        """Clause/control ids each document's chunks name (from the columns; no metadata decoded)."""
        cols = self._columns
        refs: dict[str, set[str]] = {}
        labels = ["" if label is None else str(label) for label in cols.labels["doc_id"]]
        codes = np.asarray(cols.codes["doc_id"])
        for code in np.unique(codes):
            refs[labels[int(code)]] = set()
        ptr = np.asarray(cols.clause_ptr, dtype=np.int64)
        counts = ptr[1:] - ptr[:-1]
        row_of = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        for doc_code, clause_code in set(
            zip(codes[row_of].tolist(), np.asarray(cols.clause_codes).tolist(), strict=True)
        ):
            refs[labels[doc_code]].add(cols.clause_labels[clause_code])
        return {d: frozenset(r) for d, r in refs.items()}

    def mask(
        self,
        *,
        classifications: Collection[str] | None = None,
        doc_types: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
        clause: str | None = None,
        doc_ids: Collection[str] | None = None,
    ) -> NDArray[np.bool_]:
        """Boolean mask of the chunks that pass every given filter."""
        keep = np.ones(len(self.ids), dtype=bool)
        if doc_ids is not None:
            keep &= self._columns.allowed("doc_id", doc_ids)
        if classifications is not None:
            keep &= self._columns.allowed("classification", classifications)
        if doc_types is not None:
            keep &= self._columns.allowed("doc_type", doc_types)
        if statuses is not None:
            keep &= self._columns.allowed("status", statuses)
        if clause is not None:
            only = np.zeros(len(self.ids), dtype=bool)
            only[self._columns.clause_rows(clause)] = True
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
        if k <= 0 or self._retriever is None or not len(self.ids):
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

    def containing(
        self, identifier: str, *, classifications: Collection[str] | None = None, limit: int = 20
    ) -> list[str]:
        """Ids of chunks whose text holds ``identifier`` as written (case-insensitive, whole), at most ``limit``.

        Record ids ("HZ-12", "NC-2025-02") tokenize into common parts ("hz", "12"), so BM25 ranks the row that
        holds one no higher than any other row; only chunks holding every part are read to check the whole id.
        """
        if self._retriever is None or not len(self.ids):
            return []
        vocab: dict[str, int] = self._retriever.vocab_dict
        parts = tokenize(identifier)
        if not parts or any(t not in vocab for t in parts):
            return []
        keep = self.mask(classifications=classifications)
        for t in dict.fromkeys(parts):
            keep &= np.asarray(self._retriever.get_scores_from_ids([vocab[t]])) > 0.0
        pattern = re.compile(r"(?<![\w-])" + re.escape(identifier) + r"(?![\w-])", re.I)
        out: list[str] = []
        for i in np.flatnonzero(keep):
            if pattern.search(self.texts[int(i)]):
                out.append(self.ids[int(i)])
                if len(out) >= limit:
                    break
        return out

    def document_frequency(self, term: str) -> float:
        """Share of chunks containing ``term`` (after tokenization); 0.0 for an unknown term."""
        if self._retriever is None or not len(self.ids):
            return 0.0
        vocab: dict[str, int] = self._retriever.vocab_dict
        token_ids = [vocab[t] for t in tokenize(term) if t in vocab]
        if not token_ids:
            return 0.0
        scores = np.asarray(self._retriever.get_scores_from_ids(token_ids[:1]), dtype=np.float64)
        return float(np.count_nonzero(scores)) / len(self.ids)

    def written_forms(self, word: str, limit: int = 50) -> list[str]:
        """How the documents write ``word`` where it is not the first word of a sentence (at most ``limit`` chunks).

        A word the documents write capitalised in mid-sentence ("TriageBot", "Acme") names something, even when
        a user types it in lower case.
        """
        if self._retriever is None or not len(self.ids) or not word.isalpha():
            return []
        vocab: dict[str, int] = self._retriever.vocab_dict
        token_ids = [vocab[t] for t in tokenize(word) if t in vocab]
        if len(token_ids) != 1:
            return []
        scores = np.asarray(self._retriever.get_scores_from_ids(token_ids), dtype=np.float64)
        # Mid-sentence only: after a word, comma or bracket and a space (not a line, cell or sentence start).
        pattern = re.compile(r"(?<=[\w,;)] )" + re.escape(word) + r"\b", re.IGNORECASE)
        forms: list[str] = []
        for row in np.flatnonzero(scores)[:limit]:
            forms += [m.group(0) for m in pattern.finditer(str(self.texts[int(row)]))]
        return forms

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
        if (folder / _CHUNKS_FILE).is_file():
            return cls._load_json_folder(folder)
        info = json.loads((folder / "build.json").read_text(encoding="utf-8"))
        ids = _load_blob(folder, "ids")
        retriever: Any | None = None
        if len(ids):
            import bm25s

            # Memory-mapped score arrays: a query touches only the postings of its terms.
            retriever = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        columns = _Columns.load(folder)
        return cls(
            ids=ids,
            texts=_load_blob(folder, "texts"),
            metadatas=_MetaRows(columns, _load_blob(folder, "metas")),
            stamp=str(info["stamp"]),
            generation=int(info["generation"]),
            retriever=retriever,
            columns=columns,
        )

    @classmethod
    def _load_json_folder(cls, folder: Path) -> LexicalIndex:
        # The layout before FORMAT 2 (everything in chunks.json): still readable until the next ingest rebuilds.
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
        """Manifest generation the persisted index reflects (``None`` if absent, another tokenizer or layout)."""
        stamp = LexicalIndex.current_stamp(settings)
        if stamp is None:
            return None
        try:
            with (settings.bm25_dir / f"v-{stamp}" / "build.json").open(encoding="utf-8") as handle:
                info = json.load(handle)
        except (OSError, ValueError):
            return None
        if info.get("tokenizer") != TOKENIZER_VERSION or info.get("format") != FORMAT:
            return None
        return int(info["generation"])


def _write_blob(folder: Path, name: str, values: Iterable[str]) -> None:
    """``name.bin`` (UTF-8, concatenated) and ``name.off.npy`` (n + 1 byte offsets)."""
    offsets = [0]
    with (folder / f"{name}.bin").open("wb") as handle:
        for value in values:
            data = value.encode("utf-8")
            handle.write(data)
            offsets.append(offsets[-1] + len(data))
        handle.flush()
        os.fsync(handle.fileno())
    np.save(folder / f"{name}.off.npy", np.asarray(offsets, dtype=np.int64))


def _load_blob(folder: Path, name: str) -> _Blob:
    offsets = np.load(folder / f"{name}.off.npy", mmap_mode="r")
    path = folder / f"{name}.bin"
    # np.memmap refuses an empty file.
    data: Any = np.memmap(path, dtype=np.uint8, mode="r") if path.stat().st_size else b""
    return _Blob(data, offsets)


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
    if ids:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        retriever.save(str(tmp), show_progress=False)
    del corpus
    _write_blob(tmp, "ids", ids)
    _write_blob(tmp, "texts", texts)
    _write_blob(tmp, "metas", (json.dumps(m, ensure_ascii=False, separators=(",", ":")) for m in metadatas))
    _Columns.from_metadatas(metadatas).save(tmp)
    build_info = {"generation": generation, "tokenizer": TOKENIZER_VERSION, "format": FORMAT, "chunks": len(ids),
                  "stamp": stamp}  # fmt: skip
    _write_json(tmp / "build.json", build_info)
    _fsync_dir(tmp)
    os.rename(tmp, final)
    pointer_tmp = base / f".{_POINTER}.{stamp}"
    pointer_tmp.write_text(f"v-{stamp}\n", encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, base / _POINTER)
    _fsync_dir(base)
    _prune(base, keep={final.name})
    # The caller gets the index as readers will see it (memory-mapped), not the lists built above.
    del ids, texts, metadatas
    return LexicalIndex._load_folder(final)


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
