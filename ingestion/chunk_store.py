"""The evidence chunks in Chroma: one collection per classification level, read and written as one.

A staff question searches only the public and internal collections, each *unfiltered* (an HNSW query costs
milliseconds), and the lists are merged by distance: the same top n as one collection queried with a
classification filter, which costs hundreds of milliseconds at 100k chunks. ``ChunkStore`` speaks the subset
of Chroma's collection API the code uses (``get``, ``query``, ``upsert``, ``update``, ``delete``, ``count``);
the classification part of a ``where`` picks the collections and is then checked again on the metadata each
result comes with, so a chunk caught between two collections (a reclassification in progress, a crash) never
answers a query it does not match.

A chunk lives in the collection named ``{chunk_collection}.{level}`` of its metadata's classification
(a marking outside the four levels: the restricted one). Moving a chunk to a higher level deletes it from the
lower collection *before* it is written to the higher one, so it is never readable below its new level; a
crash in between leaves it missing, and the ingest's reconciliation re-embeds it from the manifest.

An index written before this layout (one collection named ``chunk_collection``) is read as it is, with the
filter, until :meth:`ChunkStore.migrate` has moved its chunks; the next ingest or service start does that.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ingestion.settings import CLASSIFICATION_ORDER, Settings
from ingestion.store import WRITE_BATCH, open_collection

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

LEVELS: tuple[str, ...] = CLASSIFICATION_ORDER
#: The collection for the top level also holds chunks whose classification is none of the four levels.
TOP = LEVELS[-1]
_RANK = {level: i for i, level in enumerate(LEVELS)}
_LEGACY = "legacy"
_FULL: list[str] = ["embeddings", "documents", "metadatas"]


def level_of(classification: object) -> str:
    """The collection level of a chunk with this classification (unknown markings: the most guarded one)."""
    return classification if isinstance(classification, str) and classification in _RANK else TOP


def level_collection_name(base: str, level: str) -> str:
    """The Chroma collection holding the chunks of one classification level."""
    return f"{base}.{level}"


@dataclass(frozen=True)
class _Constraint:
    """A condition on ``classification`` taken from a ``where``: one of ``values`` (or none of them)."""

    values: frozenset[str]
    positive: bool

    def admits(self, value: object) -> bool:
        return isinstance(value, str) and (value in self.values) == self.positive

    def may_hold(self, level: str) -> bool:
        """Whether the collection of ``level`` may hold a chunk that meets the condition."""
        if level == TOP and (not self.positive or any(v not in _RANK for v in self.values)):
            return True
        return (level in self.values) == self.positive


def _constraint(clause: Mapping[str, Any]) -> _Constraint | None:
    """``{"classification": X}`` with X a value, ``$eq``/``$ne``/``$in``/``$nin``; None for anything else."""
    if set(clause) != {"classification"}:
        return None
    cond = clause["classification"]
    if isinstance(cond, str):
        return _Constraint(frozenset([cond]), True)
    if not isinstance(cond, Mapping) or len(cond) != 1:
        return None
    (op, value), *_ = cond.items()
    if op in ("$eq", "$ne") and isinstance(value, str):
        return _Constraint(frozenset([value]), op == "$eq")
    if op in ("$in", "$nin") and isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return _Constraint(frozenset(value), op == "$in")
    return None


def split_where(where: Mapping[str, Any] | None) -> tuple[list[_Constraint], dict[str, Any] | None]:
    """The classification conditions of a ``where`` (top level or inside its ``$and``) and the rest of it."""
    if not where:
        return [], None
    parts: list[Mapping[str, Any]] = list(where["$and"]) if set(where) == {"$and"} else [where]
    constraints: list[_Constraint] = []
    rest: list[dict[str, Any]] = []
    for part in parts:
        found = _constraint(part)
        if found is None:
            rest.append(dict(part))
        else:
            constraints.append(found)
    if not rest:
        return constraints, None
    return constraints, rest[0] if len(rest) == 1 else {"$and": rest}


def _embedding_rows(value: Any, n: int) -> list[Any]:
    return [value[i] for i in range(n)] if value is not None else [None] * n


class ChunkStore:
    """The chunk collections of one data dir (one per level, plus a pre-upgrade one while it exists)."""

    def __init__(self, client: ClientAPI, settings: Settings) -> None:
        self.name = settings.chunk_collection
        self._client = client
        self._levels: dict[str, Collection] = {
            level: open_collection(client, level_collection_name(self.name, level)) for level in LEVELS
        }
        self._legacy: Collection | None = legacy_collection(client, settings)

    # --- layout ----------------------------------------------------------------------------------------
    @property
    def has_legacy(self) -> bool:
        """Whether chunks of the single-collection layout are still waiting for :meth:`migrate`."""
        return self._legacy is not None

    def level(self, level: str) -> Collection:
        """The Chroma collection of one level (for benchmarks and tests)."""
        return self._levels[level]

    def _members(
        self, levels: Iterable[str] | None = None, constraints: Sequence[_Constraint] = ()
    ) -> list[tuple[str, Collection]]:
        """Collections that may hold matching chunks: highest level first (the most guarded copy of a chunk
        in two places wins), the pre-upgrade collection last."""
        allowed = set(LEVELS) if levels is None else {level_of(v) for v in levels}
        out: list[tuple[str, Collection]] = [
            (level, self._levels[level])
            for level in reversed(LEVELS)
            if level in allowed and all(c.may_hold(level) for c in constraints)
        ]
        if self._legacy is not None:
            out.append((_LEGACY, self._legacy))
        return out

    # --- reads -----------------------------------------------------------------------------------------
    def count(self) -> int:
        """Chunks stored (a chunk in the middle of a move may count twice)."""
        return sum(coll.count() for _, coll in self._members())

    def get(
        self,
        ids: Sequence[str] | None = None,
        where: Mapping[str, Any] | None = None,
        include: Sequence[str] = ("metadatas", "documents"),
        limit: int | None = None,
        offset: int | None = None,
        *,
        levels: Iterable[str] | None = None,
    ) -> dict[str, Any]:
        """Chroma's ``get`` over the collections the ``where`` (and ``levels``) can match; each id once."""
        constraints, _rest = split_where(where)
        inc = [i for i in include if i in ("documents", "metadatas", "embeddings")]
        out_ids: list[str] = []
        docs: list[Any] = []
        metas: list[Any] = []
        embs: list[Any] = []
        seen: set[str] = set()
        for _level, coll in self._members(levels, constraints):
            got: dict[str, Any] = cast(Any, coll.get)(
                ids=list(ids) if ids is not None else None,
                where=cast(Any, dict(where)) if where else None,
                include=cast(Any, inc),
            )
            n = len(got["ids"])
            rows = zip(
                got["ids"],
                got.get("documents") or [None] * n,
                got.get("metadatas") or [None] * n,
                _embedding_rows(got.get("embeddings"), n),
                strict=True,
            )
            for cid, doc, meta, emb in rows:
                if cid in seen:
                    continue
                seen.add(cid)
                out_ids.append(cid)
                docs.append(doc)
                metas.append(meta)
                embs.append(emb)
        if limit is not None or offset:
            # Paging over several collections (rare: ``all_ids`` pages each collection itself).
            cut = slice(offset or 0, None if limit is None else (offset or 0) + limit)
            out_ids, docs, metas, embs = out_ids[cut], docs[cut], metas[cut], embs[cut]
        return {
            "ids": out_ids,
            "documents": docs if "documents" in inc else None,
            "metadatas": metas if "metadatas" in inc else None,
            "embeddings": np.asarray(embs) if "embeddings" in inc else None,
            "included": inc,
        }

    def query(
        self,
        query_embeddings: Any,
        n_results: int = 10,
        where: Mapping[str, Any] | None = None,
        include: Sequence[str] = ("metadatas", "documents", "distances"),
        *,
        levels: Iterable[str] | None = None,
    ) -> dict[str, Any]:
        """Chroma's ``query``: each collection the ``where`` can match is searched without its classification
        part, the lists are merged by distance and every result is checked against that part again."""
        constraints, rest = split_where(where)
        inc = [i for i in include if i in ("documents", "metadatas", "embeddings", "distances")]
        asked = [*{*inc, "distances", *(["metadatas"] if constraints else [])}]
        vectors = [list(map(float, v)) for v in query_embeddings]
        pooled: list[dict[str, tuple[float, Any, Any, Any]]] = [{} for _ in vectors]
        for level, coll in self._members(levels, constraints):
            # No count() first: it costs more than the query, and Chroma returns fewer results when it has fewer.
            got: dict[str, Any] = cast(Any, coll.query)(
                query_embeddings=cast(Any, vectors),
                n_results=n_results,
                # The pre-upgrade collection mixes levels: it still needs the whole filter.
                where=cast(Any, dict(where) if level == _LEGACY and where else rest),
                include=cast(Any, asked),
            )
            for q, row_ids in enumerate(got["ids"]):
                n = len(row_ids)
                rows = zip(
                    row_ids,
                    got["distances"][q],
                    (got.get("documents") or [[None] * n] * len(vectors))[q],
                    (got.get("metadatas") or [[None] * n] * len(vectors))[q],
                    _embedding_rows((got.get("embeddings") or [None] * len(vectors))[q], n),
                    strict=True,
                )
                for cid, dist, doc, meta, emb in rows:
                    if constraints and not all(c.admits((meta or {}).get("classification")) for c in constraints):
                        continue  # a chunk in the wrong collection for its metadata (a move in progress)
                    held = pooled[q].get(cid)
                    if held is None or float(dist) < held[0]:
                        pooled[q][cid] = (float(dist), doc, meta, emb)
        out: dict[str, Any] = {"ids": [], "distances": [], "documents": [], "metadatas": [], "embeddings": []}
        for found in pooled:
            best = sorted(found.items(), key=lambda item: item[1][0])[:n_results]
            out["ids"].append([cid for cid, _ in best])
            out["distances"].append([v[0] for _, v in best])
            out["documents"].append([v[1] for _, v in best])
            out["metadatas"].append([v[2] for _, v in best])
            out["embeddings"].append([v[3] for _, v in best])
        for key in ("distances", "documents", "metadatas", "embeddings"):
            if key not in inc:
                out[key] = None
        out["included"] = inc
        return out

    def all_ids(self) -> set[str]:
        """Every chunk id in every collection, read page by page."""
        found: set[str] = set()
        for _, coll in self._members():
            total = coll.count()
            offset = 0
            while offset < total:
                batch = coll.get(include=[], limit=10_000, offset=offset)["ids"]
                if not batch:
                    break
                found.update(batch)
                offset += len(batch)
        return found

    def _locate(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """For each id, the collections (levels, or ``legacy``) holding a copy."""
        where: dict[str, set[str]] = {cid: set() for cid in ids}
        for level, coll in self._members():
            for cid in coll.get(ids=list(ids), include=[])["ids"]:
                where[cid].add(level)
        return where

    # --- writes ----------------------------------------------------------------------------------------
    def add(
        self, ids: Sequence[str], embeddings: Any, documents: Sequence[str], metadatas: Sequence[Mapping[str, Any]]
    ) -> None:
        """Add new chunks (ids not stored anywhere yet), each to its level's collection."""
        self._write_levels("add", ids, embeddings, documents, metadatas)

    def upsert(
        self, ids: Sequence[str], embeddings: Any, documents: Sequence[str], metadatas: Sequence[Mapping[str, Any]]
    ) -> None:
        """Write chunks to their level's collection; a copy elsewhere is removed (below the level: first)."""
        located = self._locate(ids)
        targets = [level_of(m.get("classification")) for m in metadatas]
        self._delete_copies(ids, targets, located, below=True)
        self._write_levels("upsert", ids, embeddings, documents, metadatas)
        self._delete_copies(ids, targets, located, below=False)

    def _write_levels(
        self,
        method: str,
        ids: Sequence[str],
        embeddings: Any,
        documents: Sequence[str | None],
        metadatas: Sequence[Mapping[str, Any]],
    ) -> None:
        """``add`` or ``upsert`` each chunk into the collection of its metadata's level."""
        for level, rows in _by_level(range(len(ids)), metadatas).items():
            getattr(self._levels[level], method)(
                ids=[ids[i] for i in rows],
                embeddings=np.asarray([embeddings[i] for i in rows], dtype=np.float32),
                documents=[documents[i] or "" for i in rows],
                metadatas=[dict(metadatas[i]) for i in rows],
            )

    def update(self, ids: Sequence[str], metadatas: Sequence[Mapping[str, Any]]) -> None:
        """Merge metadata into stored chunks (a key set to None is deleted); a new level moves the chunk."""
        located = self._locate(ids)
        in_place: dict[str, list[int]] = {}
        moves: list[int] = []
        for i, cid in enumerate(ids):
            places = located[cid]
            if not places:
                continue  # as Chroma does: updating an id that is not stored changes nothing
            new_level = metadatas[i].get("classification")
            if new_level is None or places == {level_of(new_level)}:
                for place in places:
                    in_place.setdefault(place, []).append(i)
            else:
                moves.append(i)
        for place, rows in in_place.items():
            coll = self._legacy if place == _LEGACY else self._levels[place]
            assert coll is not None
            coll.update(ids=[ids[i] for i in rows], metadatas=cast(Any, [dict(metadatas[i]) for i in rows]))
        if moves:
            self._move([ids[i] for i in moves], [metadatas[i] for i in moves])

    def _move(self, ids: Sequence[str], changes: Sequence[Mapping[str, Any]]) -> None:
        """Rewrite chunks with merged metadata in their new level's collection, removing the other copies."""
        got = self.get(ids=ids, include=_FULL)
        stored = {
            cid: (got["documents"][i], got["metadatas"][i] or {}, got["embeddings"][i])
            for i, cid in enumerate(got["ids"])
        }
        keep = [cid for cid in ids if cid in stored]
        merged: list[dict[str, Any]] = []
        for cid, change in zip(ids, changes, strict=True):
            if cid in stored:
                meta = {**stored[cid][1], **change}
                merged.append({k: v for k, v in meta.items() if v is not None})
        self.upsert(keep, [stored[c][2] for c in keep], [stored[c][0] or "" for c in keep], merged)

    def _delete_copies(
        self, ids: Sequence[str], targets: Sequence[str], located: dict[str, set[str]], *, below: bool
    ) -> None:
        """Delete the copies of each id outside its target level: those below it (``below``) or the others."""
        doomed: dict[str, list[str]] = {}
        for cid, target in zip(ids, targets, strict=True):
            for place in located.get(cid, set()) - {target}:
                lower = place == _LEGACY or _RANK[place] < _RANK[target]
                if lower == below:
                    doomed.setdefault(place, []).append(cid)
        for place, doomed_ids in doomed.items():
            coll = self._legacy if place == _LEGACY else self._levels[place]
            assert coll is not None
            for start in range(0, len(doomed_ids), WRITE_BATCH):
                coll.delete(ids=doomed_ids[start : start + WRITE_BATCH])

    def delete(self, ids: Sequence[str]) -> None:
        """Delete chunks from every collection."""
        for _, coll in self._members():
            coll.delete(ids=list(ids))

    # --- repair and upgrade ----------------------------------------------------------------------------
    def settle(self) -> int:
        """Put every chunk in the collection of its metadata's level (after a crash during a move).

        A copy in the wrong collection is deleted when the right one holds the id, else moved there.
        Returns how many copies were fixed.
        """
        fixed = 0
        for level, coll in self._levels.items():
            others = [lvl for lvl in LEVELS if lvl != level]
            wrong_where: dict[str, Any] = (
                {"classification": {"$in": others}} if level == TOP else {"classification": {"$ne": level}}
            )
            wrong = coll.get(where=cast(Any, wrong_where), include=[])["ids"]
            for start in range(0, len(wrong), WRITE_BATCH):
                part = wrong[start : start + WRITE_BATCH]
                got: dict[str, Any] = cast(Any, coll.get)(ids=part, include=_FULL)
                n = len(got["ids"])
                metas = [dict(m or {}) for m in got.get("metadatas") or [None] * n]
                embs = _embedding_rows(got.get("embeddings"), n)
                docs = got.get("documents") or [""] * n
                todo: list[int] = []
                for target, rows in _by_level(range(n), metas).items():
                    there = set(self._levels[target].get(ids=[got["ids"][i] for i in rows], include=[])["ids"])
                    todo.extend(i for i in rows if got["ids"][i] not in there)
                # The metadata already keeps a misplaced copy from lower readers: copy first, then delete.
                self._write_levels(
                    "upsert", [got["ids"][i] for i in todo], [embs[i] for i in todo],
                    [docs[i] for i in todo], [metas[i] for i in todo],
                )  # fmt: skip
                coll.delete(ids=list(got["ids"]))
                fixed += n
        return fixed

    def migrate(self) -> int:
        """Move the chunks of the single-collection layout into the level collections, then drop it.

        Copies first (upserts: a run killed half-way repeats them), so every chunk stays readable throughout.
        Returns how many chunks were moved.
        """
        legacy = self._legacy
        if legacy is None:
            return 0
        total = legacy.count()
        moved = 0
        for offset in range(0, total, WRITE_BATCH):
            got: dict[str, Any] = cast(Any, legacy.get)(include=_FULL, limit=WRITE_BATCH, offset=offset)
            n = len(got["ids"])
            metas = [dict(m or {}) for m in got.get("metadatas") or [None] * n]
            embs = _embedding_rows(got.get("embeddings"), n)
            self._write_levels("upsert", got["ids"], embs, got.get("documents") or [""] * n, metas)
            moved += n
        from chromadb.errors import NotFoundError

        with contextlib.suppress(NotFoundError, ValueError):
            self._client.delete_collection(self.name)
        self._legacy = None
        return moved

    def drop(self) -> None:
        """Delete every chunk collection (``--reset``)."""
        from chromadb.errors import NotFoundError

        for name in (self.name, *(level_collection_name(self.name, lvl) for lvl in LEVELS)):
            with contextlib.suppress(NotFoundError, ValueError):
                self._client.delete_collection(name)
        self._legacy = None


def _by_level(rows: Iterable[int], metadatas: Sequence[Mapping[str, Any]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in rows:
        out.setdefault(level_of(metadatas[i].get("classification")), []).append(i)
    return out


def legacy_collection(client: ClientAPI, settings: Settings) -> Collection | None:
    """The single chunk collection of the layout before one collection per level, if it still exists."""
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(settings.chunk_collection, embedding_function=None)
    except (NotFoundError, ValueError):
        return None
