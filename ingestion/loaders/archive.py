"""ZIP containers (DOCX, XLSX) checked before a parser sees them: sizes, compression ratio, integrity.

python-docx and openpyxl read members with ``ZipFile.read``, which inflates a member in one call: a
2 MB zip bomb becomes gigabytes in memory before any parser can object. So the declared sizes are checked
first (free: they are in the central directory), then every member is inflated in 1 MiB steps, counting
what really comes out, so a member whose header lies is caught (its CRC fails) after at most the limit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from ingestion.loaders import LimitError, Limits, LoaderError

#: Members beyond this are not a document a word processor or a spreadsheet wrote.
_MAX_MEMBERS = 10_000
#: The compression ratio is only judged on members at least this big unpacked.
_RATIO_FLOOR = 1024 * 1024
_STEP = 1024 * 1024


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def check_archive(data: bytes, kind: str, limits: Limits) -> None:
    """Raise :class:`LimitError` / :class:`LoaderError` unless ``data`` is a ZIP within ``limits``."""
    limit = limits.max_unzipped_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_MEMBERS:
                raise LoaderError(f"not a valid {kind} file: {len(infos):,} entries in the archive")
            declared = sum(i.file_size for i in infos)
            if declared > limit:
                biggest = max(infos, key=lambda i: i.file_size)
                raise LimitError(
                    f"unpacks to {_mb(declared)} ({biggest.filename}: {_mb(biggest.file_size)}), "
                    f"over the {_mb(limit)} limit",
                    "CLAUSEWISE_MAX_UNZIPPED_MB",
                )
            for info in infos:
                if info.file_size >= _RATIO_FLOOR:
                    ratio = info.file_size / max(info.compress_size, 1)
                    if ratio > limits.max_zip_ratio:
                        raise LimitError(
                            f"{info.filename} is compressed {ratio:,.0f}:1, above the {limits.max_zip_ratio:g}:1 "
                            "limit (a zip bomb?)",
                            "CLAUSEWISE_MAX_ZIP_RATIO",
                        )
            unpacked = 0
            for info in infos:
                for step in _inflate(archive, info):
                    unpacked += step
                    if unpacked > limit:
                        raise LimitError(
                            f"unpacks to more than {_mb(limit)} (while reading {info.filename})",
                            "CLAUSEWISE_MAX_UNZIPPED_MB",
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        # A wrong CRC (a member longer or shorter than its header says), an unknown compression method,
        # an encrypted member: none of these is a document the parsers could read.
        raise LoaderError(f"not a valid {kind} file: {exc}") from exc


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[int]:
    """Byte counts of ``info`` inflated 1 MiB at a time (the CRC is checked at its end by zipfile)."""
    with archive.open(info) as member:
        while block := member.read(_STEP):
            yield len(block)
