"""``read_generation`` keeps one read-only connection per thread and file: it must still see every commit made
by another connection, and a manifest replaced at the same path (a new file) rather than the old one."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from ingestion.manifest import read_generation
from ingestion.settings import Settings


def _write_generation(path: Path, value: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO state(key, value) VALUES ('generation', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(value),))  # fmt: skip
        conn.commit()
    finally:
        conn.close()


def test_sees_other_writers_commits_and_a_replaced_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir()
    path = settings.manifest_path
    assert read_generation(settings) == 0  # no manifest yet
    _write_generation(path, 3)
    assert read_generation(settings) == 3
    _write_generation(path, 4)  # another connection commits: the kept reader sees it
    assert read_generation(settings) == 4

    # The manifest deleted and created again (a new inode): the old file's connection must not answer.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert read_generation(settings) == 0
    _write_generation(path, 1)
    assert read_generation(settings) == 1

    # Another thread has its own connection and the same view.
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(read_generation(settings)))
    worker.start()
    worker.join()
    assert seen == [1]


def test_a_manifest_without_tables_reads_as_zero_then_recovers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir()
    sqlite3.connect(settings.manifest_path).close()  # created, no tables yet (an ingest starting)
    assert read_generation(settings) == 0
    _write_generation(settings.manifest_path, 7)
    assert read_generation(settings) == 7
