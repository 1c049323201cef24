"""Finding the files to ingest under each path, and their doc ids.

A directory is its own ingest root; a file's root is the caller's ``root`` or its parent folder. The
doc id is the path relative to the root with POSIX separators. Inside a directory root these are
skipped: hidden files and folders (any part starting with ``.``), folder defaults ``_meta.yaml``,
sidecars ``*.meta.yaml``, and whatever the root's ``.clausewiseignore`` (gitignore syntax) matches.
Files with an extension no loader reads are skipped and reported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from ingestion.loaders import is_supported

IGNORE_FILE = ".clausewiseignore"
FOLDER_META = "_meta.yaml"
SIDECAR_SUFFIX = ".meta.yaml"


@dataclass(frozen=True)
class Candidate:
    """A file to ingest."""

    path: Path
    root: Path
    doc_id: str
    #: Found by walking a directory root (as opposed to named directly).
    from_dir: bool

    def meta_files(self) -> list[Path]:
        """Existing ``_meta.yaml`` files from the root down to the file's folder (weakest first)."""
        folders = [self.root]
        relative_parent = self.path.parent.relative_to(self.root)
        current = self.root
        for part in relative_parent.parts:
            current = current / part
            folders.append(current)
        return [f / FOLDER_META for f in folders if (f / FOLDER_META).is_file()]

    def sidecar(self) -> Path:
        """Where this file's sidecar would be."""
        return self.path.with_name(self.path.name + SIDECAR_SUFFIX)


@dataclass
class Discovery:
    """Result of scanning the requested paths."""

    candidates: list[Candidate] = field(default_factory=list)
    #: Relative paths of files skipped for their extension.
    unsupported: list[str] = field(default_factory=list)
    #: ``(path, reason)`` for paths that could not be scanned at all.
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: Directory roots scanned completely (documents gone from them are removed from the index).
    dir_roots: list[Path] = field(default_factory=list)


def is_metadata_file(name: str) -> bool:
    """Folder defaults and sidecars are metadata, never documents."""
    return name == FOLDER_META or name.endswith(SIDECAR_SUFFIX)


def load_ignore_spec(root: Path) -> pathspec.GitIgnoreSpec | None:
    """The root's ``.clausewiseignore`` patterns (gitignore syntax), if the file exists."""
    ignore_file = root / IGNORE_FILE
    if not ignore_file.is_file():
        return None
    lines = ignore_file.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def doc_id_for(path: Path, root: Path) -> str:
    """POSIX path of ``path`` relative to ``root``; ``ValueError`` when it is not inside."""
    return path.relative_to(root).as_posix()


def _walk(root: Path, result: Discovery) -> None:
    try:
        spec = load_ignore_spec(root)
    except OSError as exc:
        result.errors.append((str(root / IGNORE_FILE), f"cannot read ignore file: {exc.strerror}"))
        spec = None

    def ignored(relative: str, is_dir: bool) -> bool:
        if spec is None:
            return False
        return spec.match_file(relative + "/" if is_dir else relative)

    def on_error(exc: OSError) -> None:
        result.errors.append((str(exc.filename), f"cannot be listed: {exc.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        base = Path(folder)
        rel_base = base.relative_to(root)
        kept_dirs = []
        for name in sorted(dirs):
            rel = (rel_base / name).as_posix()
            if name.startswith(".") or ignored(rel, True):
                continue
            kept_dirs.append(name)
        dirs[:] = kept_dirs
        for name in sorted(files):
            if name.startswith(".") or is_metadata_file(name):
                continue
            rel = (rel_base / name).as_posix()
            if ignored(rel, False):
                continue
            path = base / name
            if not path.is_file():
                continue
            if not is_supported(path):
                result.unsupported.append(rel)
                continue
            result.candidates.append(Candidate(path=path, root=root, doc_id=rel, from_dir=True))


def discover(paths: Sequence[Path], root: Path | None = None) -> Discovery:
    """Scan ``paths`` (files or directories) into candidates, in a stable order."""
    result = Discovery()
    base_root = root.resolve() if root is not None else None
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            result.errors.append((str(given), "no such file or directory"))
            continue
        path = path.resolve()
        if path.is_dir():
            result.dir_roots.append(path)
            _walk(path, result)
            continue
        file_root = base_root if base_root is not None else path.parent
        try:
            doc_id = doc_id_for(path, file_root)
        except ValueError:
            result.errors.append((str(given), f"not inside the ingest root {file_root}"))
            continue
        if is_metadata_file(path.name):
            result.errors.append((str(given), "is a metadata file (_meta.yaml / *.meta.yaml), not a document"))
            continue
        if not is_supported(path):
            result.unsupported.append(doc_id)
            continue
        result.candidates.append(Candidate(path=path, root=file_root, doc_id=doc_id, from_dir=False))
    return result
