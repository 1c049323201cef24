"""Uploaded files under ``<data_dir>/<upload_dir_name>``: staged writes, undo, and reconciliation at start.

An upload is written to a hidden temp file ``.<name>.part``; the version it replaces (if indexed) is moved to
a hidden backup ``.<name>.prev``; then the temp file is renamed into place and ingested. Success drops the
backup, failure puts it back. Every step is a rename, so a process killed at any instant leaves at most:
a temp file, a backup, or a file the manifest does not list. :meth:`UploadStore.reconcile` (run when a serving
process starts) repairs each: temp files are deleted; a backup is restored when the manifest still holds its
content, dropped when the manifest holds the new file's; a file without a manifest entry is **removed**, not
adopted: its uploader never got a 201, and adopting it would ingest it without the form's metadata (e.g. a
``classification`` set only in the form, so a confidential file would become internal).

One upload (or delete) at a time per data dir, across worker processes: a file lock ``<data_dir>/.upload.lock``
(outside the folder, which holds documents only).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from ingestion.discovery import is_metadata_file
from ingestion.manifest import Manifest
from ingestion.settings import Settings

log = logging.getLogger("clausewise.uploads")

_LOCK_NAME = ".upload.lock"
_PART = ".part"
_PREV = ".prev"
#: An ingest of one upload is bounded by the upload limits; an hour means a stuck process, not a slow file.
_LOCK_TIMEOUT_S = 3600.0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class StagedUpload:
    """An upload moved into place, not yet confirmed: :meth:`commit` after a good ingest, else :meth:`rollback`."""

    target: Path
    backup: Path | None

    def commit(self) -> None:
        """The new file is indexed: the previous version is no longer needed."""
        if self.backup is not None:
            self.backup.unlink(missing_ok=True)

    def rollback(self) -> None:
        """Put the previous version back (or remove the new file when there was none)."""
        if self.backup is not None and self.backup.exists():
            os.replace(self.backup, self.target)
        else:
            self.target.unlink(missing_ok=True)


class UploadStore:
    """The upload folder of one data dir."""

    def __init__(self, settings: Settings) -> None:
        """The store of ``settings``' data dir (the folder is created on first write)."""
        self.settings = settings
        self.root = settings.data_dir
        self.folder = settings.data_dir / settings.upload_dir_name

    def lock(self) -> FileLock:
        """The cross-process lock every upload, delete and reconciliation holds (a context manager)."""
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.root / _LOCK_NAME), timeout=_LOCK_TIMEOUT_S)

    def path_for(self, name: str) -> Path:
        """Where an upload named ``name`` (already sanitised) is stored."""
        return self.folder / name

    def doc_id_for(self, name: str) -> str:
        """The document id of an upload named ``name``."""
        return self.path_for(name).relative_to(self.root).as_posix()

    def indexed(self) -> dict[str, str]:
        """Doc id → content hash of every document the manifest lists."""
        with Manifest(self.settings) as manifest:
            return {d.doc_id: d.content_hash for d in manifest.documents()}

    def stage(self, name: str, content: bytes, *, replaces_indexed: bool) -> StagedUpload:
        """Write ``content`` under ``name`` via a temp file; keep the indexed version it replaces as a backup.

        Call with the lock held. ``replaces_indexed`` False means a file already there is not indexed (an
        orphan): it is overwritten, and a rollback removes the name.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_for(name)
        tmp = self.folder / f".{name}{_PART}"
        with tmp.open("wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        backup: Path | None = None
        if replaces_indexed and target.exists():
            backup = self.folder / f".{name}{_PREV}"
            os.replace(target, backup)
        os.replace(tmp, target)
        return StagedUpload(target=target, backup=backup)

    def remove(self, doc_id: str) -> bool:
        """Delete the uploaded file of ``doc_id`` if it is one (never anything outside the folder)."""
        folder = self.folder.resolve()
        path = (self.root / doc_id).resolve()
        if path.is_relative_to(folder) and path.is_file() and not path.name.startswith("."):
            path.unlink()
            return True
        return False

    def reconcile(self) -> list[str]:
        """Bring the folder in line with the manifest after a crash (see the module docstring); returns what it did."""
        if not self.folder.is_dir():
            return []
        done: list[str] = []
        with self.lock():
            indexed = self.indexed()
            for tmp in sorted(self.folder.glob(f".*{_PART}")):
                tmp.unlink(missing_ok=True)
                done.append(f"removed the partial upload {tmp.name}")
            for backup in sorted(self.folder.glob(f".*{_PREV}")):
                name = backup.name[1 : -len(_PREV)]
                target = self.path_for(name)
                recorded = indexed.get(self.doc_id_for(name))
                if recorded is not None and target.is_file() and _sha256(target) == recorded:
                    backup.unlink()
                    done.append(f"{name}: the new version was indexed; dropped its backup")
                elif recorded is not None and _sha256(backup) == recorded:
                    os.replace(backup, target)
                    done.append(f"{name}: the re-upload was not indexed; restored the indexed version")
                else:
                    backup.unlink()
                    done.append(f"{name}: dropped a backup that matches nothing indexed")
            for path in sorted(self.folder.iterdir()):
                if path.name.startswith(".") or not path.is_file() or is_metadata_file(path.name):
                    continue
                if self.doc_id_for(path.name) not in indexed:
                    path.unlink()
                    done.append(f"removed {path.name}: its upload never finished (no index entry)")
        for line in done:
            log.warning("upload folder at start: %s", line)
        return done
