"""Uploading and deleting documents, shared by the JSON API and the web app (same checks, same locks)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile
from starlette.concurrency import run_in_threadpool

from assistant.routers.deps import (
    AppState,
    asker_of,
    jsonable,
    logger,
    read_limited,
    require,
    sanitize_filename,
    service_of,
)
from ingestion.loaders import SUPPORTED_EXTENSIONS
from ingestion.pipeline import validate_overrides
from ingestion.settings import CLASSIFICATION_ORDER, ApiKey

#: File types the ingestion pipeline reads; anything else is refused before it is stored.
ALLOWED_EXTENSIONS: frozenset[str] = SUPPORTED_EXTENSIONS
#: Fields of the ingest report returned for an upload.
_UPLOAD_REPORT_FIELDS = ("new", "changed", "unchanged", "unclassified", "warnings", "chunks_written",
                         "chunks_deleted", "documents_total", "chunks_total", "seconds")


async def upload_document(
    state: AppState, key: ApiKey, file: UploadFile, values: Mapping[str, str | None], declared: str | None
) -> dict[str, Any]:
    """Store and ingest one uploaded file with its metadata fields; HTTPException (or ValueError) says why not.

    ``declared`` is the request's Content-Length, refused early when already over the limit.
    """
    require(key, "upload")
    settings = state.settings
    limit = int(settings.max_upload_mb * 1024 * 1024)
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise HTTPException(413, f"upload larger than the {settings.max_upload_mb:g} MB limit")
    try:
        name = sanitize_filename(file.filename or "")
    except ValueError as exc:
        raise HTTPException(400, f"file: {exc}") from exc
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        allowed_list = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise HTTPException(415, f"file {name!r}: type {ext or '(none)'} not accepted (allowed: {allowed_list})")
    overrides = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
    asker = asker_of(key)
    service = service_of(state)
    clearance = service.clearance(asker)
    validate_overrides(overrides)  # a bad value fails here, before anything is stored
    if "classification" in overrides:
        level = overrides["classification"]
        if level not in CLASSIFICATION_ORDER:
            raise HTTPException(400, f"classification: {level!r} is not one of {', '.join(CLASSIFICATION_ORDER)}")
        if level not in clearance:
            raise HTTPException(403, f"classification: role '{key.role}' may not upload {level} documents")
    uploads = state.uploads
    target = uploads.path_for(name)
    root = settings.data_dir
    doc_id = uploads.doc_id_for(name)
    content = await read_limited(file, limit, name)
    if not content:
        raise HTTPException(400, f"file {name!r} is empty")

    def check_name(indexed: Mapping[str, str]) -> None:
        # Taken means: indexed, and not readable by this caller. A file without an index entry is
        # the leftover of an upload that never finished; it does not hold the name.
        if doc_id in indexed and doc_id not in {d.get("doc_id") for d in service.documents(asker)}:
            raise HTTPException(409, f"file name {name!r} is taken; choose another name")

    def refusal(failed: Sequence[Any]) -> HTTPException:
        reasons = "; ".join(f.error for f in failed)
        if any(f.forbidden for f in failed):
            return HTTPException(403, f"file {name!r}: {reasons}; role '{key.role}' may not upload such documents")
        if any(f.limit for f in failed):
            # Over a size limit (CLAUSEWISE_MAX_ROWS, ..._PAGES, ...): the reason names the limit.
            return HTTPException(413, f"file {name!r} is too large to ingest: {reasons}")
        return HTTPException(422, f"file {name!r} could not be ingested: {reasons}")

    def progress(event: Any) -> None:
        logger.debug("upload %s: %d of %d chunks embedded", name, event.chunks_embedded, event.chunks_total)

    def store_and_ingest() -> Any:
        started = time.perf_counter()
        check_name(uploads.indexed())  # cheap, and checked again under the lock
        # The expensive part (read, load, chunk, embed) holds no lock, so other uploads and asks proceed
        # meanwhile. The classification the document resolves to (front matter, sidecar, _meta.yaml,
        # properties, form) is checked here too: a refused file is never stored.
        preparation = service.prepare_files(
            [target], root, overrides, uploader=asker, contents={target: content}, progress=progress
        )
        if preparation.report.failed:
            raise refusal(preparation.report.failed)
        # The thread lock orders this worker's requests, the file lock those of every worker; both are held for
        # the writes only (the pipeline prepares the file again if its metadata sources changed meanwhile).
        with state.write_lock, uploads.lock():
            indexed = uploads.indexed()
            check_name(indexed)
            staged = uploads.stage(name, content, replaces_indexed=doc_id in indexed)
            try:
                report = service.ingest_files([target], root, overrides, uploader=asker,
                                              prepared=preparation.files)
            except BaseException:
                staged.rollback()
                raise
            if report.failed:
                # A file that could not be ingested must not linger; the indexed version stays as it was.
                staged.rollback()
                raise refusal(report.failed)
            staged.commit()
        # The file's warnings are in the report either way (replayed from the preparation, or found again).
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    report = jsonable(await run_in_threadpool(store_and_ingest))
    # The full report also names server paths (its roots); the caller gets what concerns its upload.
    summary = {k: report.get(k) for k in _UPLOAD_REPORT_FIELDS if isinstance(report, dict) and k in report}
    return {"doc_id": doc_id, "filename": name, "report": summary}




def remove_document(state: AppState, key: ApiKey, doc_id: str) -> bool:
    """Delete a document the key may read (and its uploaded file); False when there is none (or it is unreadable)."""
    require(key, "delete")
    asker = asker_of(key)
    service = service_of(state)
    with state.write_lock, state.uploads.lock():
        # A document the caller cannot read is reported exactly like one that does not exist.
        if doc_id not in {d.get("doc_id") for d in service.documents(asker)}:
            return False
        removed = service.delete_document(doc_id)
        if removed:
            state.uploads.remove(doc_id)
        return removed
