"""The keyed head anchor of the audit chain: rows cut off the end with the head rewound are detected."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from assistant.audit import AuditLog, read_anchor_file
from assistant.cli import main
from assistant.models import Answer, Asker
from ingestion.settings import Settings

KEY = b"k" * 16 + b"0123456789abcdef"
OTHER_KEY = b"x" * 32


def _fill(log: AuditLog, n: int, start: int = 0) -> None:
    asker = Asker(user="u", role="staff", channel="cli")
    for i in range(start, start + n):
        log.record(asker=asker, question=f"q{i}", answer=Answer(answer=f"a{i}", intent="fact"), retrieved=[],
                   conversation_id=None)


def _keyed(tmp_path: Path, key: bytes | None = KEY) -> tuple[AuditLog, Path, Path]:
    db = tmp_path / "db" / "audit.db"
    anchor = tmp_path / "elsewhere" / "audit.anchor"
    return AuditLog(f"sqlite:///{db}", key=key, anchor_path=anchor), db, anchor


def _truncate(db: Path, keep: int) -> None:
    """What a careful forger does: delete the last rows and rewind the head to the last row kept."""
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (keep,))
        (last,) = conn.execute("SELECT row_hash FROM audit_log WHERE seq = ?", (keep,)).fetchone()
        conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (keep, last))


def test_truncation_with_a_rewound_head_is_detected(tmp_path: Path) -> None:
    log, db, anchor = _keyed(tmp_path)
    _fill(log, 3)
    with sqlite3.connect(db) as conn:
        saved = conn.execute("SELECT seq, hash, mac FROM audit_anchor").fetchone()  # the forger keeps a copy
    _fill(log, 3, start=3)
    before = log.verify()
    assert before.ok and before.code == "ok" and before.warnings == (), before
    assert read_anchor_file(anchor) is not None and read_anchor_file(anchor).seq == 6  # type: ignore[union-attr]

    _truncate(db, keep=3)
    result = log.verify()
    assert not result.ok and result.code == "truncated" and "audit_anchor table" in result.reason
    assert "6 rows" in result.reason and "only 3" in result.reason and "removed from the end" in result.reason

    # The forger also puts back the table anchor saved when the log had 3 rows: the file outside still says 6.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_anchor SET seq = ?, hash = ?, mac = ?", saved)
    rewound = log.verify()
    assert not rewound.ok and rewound.code == "truncated" and str(anchor) in rewound.reason

    # Appending on after the cut does not wash it out: the file never moves back, and its row 6 differs.
    _fill(log, 5, start=100)
    later = log.verify()
    assert not later.ok and later.code == "truncated" and "row 6" in later.reason
    assert read_anchor_file(anchor).seq == 6  # type: ignore[union-attr]  # kept as evidence
    assert log.count() == 8


def test_rewound_table_and_file_are_caught_by_an_offsite_copy(tmp_path: Path) -> None:
    """Rolling back the database *and* the anchor file to an old copy passes, except against a copy kept away."""
    log, db, anchor = _keyed(tmp_path)
    _fill(log, 3)
    old_db = tmp_path / "old.db"
    old_anchor = tmp_path / "old.anchor"
    with sqlite3.connect(db) as src, sqlite3.connect(old_db) as dst:
        src.backup(dst)
    shutil.copy(anchor, old_anchor)
    _fill(log, 4, start=3)
    offsite = tmp_path / "offsite.anchor"
    shutil.copy(anchor, offsite)

    with sqlite3.connect(old_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    shutil.copy(old_anchor, anchor)
    assert log.verify().ok  # both places this host writes agree with each other
    result = log.verify(anchor_file=offsite)
    assert not result.ok and result.code == "truncated" and str(offsite) in result.reason

    # An older off-site copy is fine while the chain still holds its row: it covers a prefix.
    older = log.verify(anchor_file=old_anchor)
    assert older.ok and older.warnings == ()


def test_without_a_key_the_tail_is_reported_unprotected(tmp_path: Path) -> None:
    log, db, anchor = _keyed(tmp_path, key=None)
    _fill(log, 5)
    _truncate(db, keep=2)
    result = log.verify()
    # The chain itself is consistent; the check says plainly that it cannot see this.
    assert result.ok and result.rows == 2
    assert result.warnings and "not protected" in result.warnings[0] and "CLAUSEWISE_AUDIT_KEY" in result.warnings[0]
    assert not anchor.exists()


def test_forged_missing_and_unkeyed_anchors_fail(tmp_path: Path) -> None:
    log, _, anchor = _keyed(tmp_path)
    _fill(log, 4)

    anchor.write_text(anchor.read_text().replace('"seq": 4', '"seq": 9'))
    assert log.verify().code == "anchor_invalid"
    anchor.write_text("not json")
    bad = log.verify()
    assert bad.code == "anchor_invalid" and str(anchor) in bad.reason
    anchor.unlink()
    missing = log.verify()
    assert not missing.ok and missing.code == "anchor_missing" and "audit anchor" in missing.reason

    log.anchor()
    assert log.verify().ok
    # A writer without the key (or a forger who appends rows with valid hashes) leaves the head unanchored.
    unkeyed = AuditLog(log.url)
    _fill(unkeyed, 1)
    result = log.verify()
    assert not result.ok and result.code == "unanchored" and "without the key" in result.reason
    # A different key cannot vouch for this log.
    assert AuditLog(log.url, key=OTHER_KEY, anchor_path=anchor).verify().code == "anchor_invalid"


def _keyed_writer(url: str, anchor: str, worker: int, n: int) -> None:
    log = AuditLog(url, key=KEY, anchor_path=Path(anchor))
    asker = Asker(user=f"w{worker}", role="staff", channel="http")
    for i in range(n):
        log.record(asker=asker, question=f"{worker}-{i}", answer=Answer(answer="a", intent="fact"), retrieved=[],
                   conversation_id=None)


def test_concurrent_keyed_writers_keep_the_anchor_at_the_head(tmp_path: Path) -> None:
    log, _, anchor = _keyed(tmp_path)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_keyed_writer, args=(log.url, str(anchor), w, 20)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    result = log.verify()
    assert result.ok and result.rows == 80 and result.warnings == (), result
    stored = read_anchor_file(anchor)
    assert stored is not None and stored.seq == 80 and stored.hash == result.head_hash


def test_cli_verify_anchor_and_key_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(data))
    monkeypatch.delenv("CLAUSEWISE_AUDIT_KEY", raising=False)
    monkeypatch.delenv("CLAUSEWISE_AUDIT_ANCHOR_PATH", raising=False)
    settings = Settings()
    _fill(AuditLog.from_settings(settings), 4)  # written before any key was configured

    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 4 rows") and "WARNING: the tail is not protected" in out
    assert main(["audit", "anchor"]) == 2
    assert "CLAUSEWISE_AUDIT_KEY" in capsys.readouterr().err
    (tmp_path / "copy.anchor").write_text("{}")
    assert main(["audit", "verify", "--anchor", str(tmp_path / "copy.anchor")]) == 2
    assert "CLAUSEWISE_AUDIT_KEY" in capsys.readouterr().err

    outside = tmp_path / "anchors" / "clausewise.anchor"
    monkeypatch.setenv("CLAUSEWISE_AUDIT_KEY", KEY.decode())
    monkeypatch.setenv("CLAUSEWISE_AUDIT_ANCHOR_PATH", str(outside))
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().out.startswith("ANCHOR MISSING")
    assert main(["audit", "anchor"]) == 0
    assert "anchored 4 rows" in capsys.readouterr().out
    assert main(["audit", "verify"]) == 0
    assert "WARNING" not in capsys.readouterr().out
    assert json.loads(outside.read_text())["seq"] == 4

    keyed = AuditLog.from_settings(Settings())
    _fill(keyed, 3)
    _truncate(data / "audit.db", keep=5)
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("TRUNCATED") and "7 rows" in out and "only 5" in out
    assert main(["audit", "anchor"]) == 1  # a cut chain is not re-anchored by accident
    assert "refused" in capsys.readouterr().err
    assert main(["audit", "verify", "--anchor", str(tmp_path / "nope")]) == 2

    # After a restore (or a new key) the operator replaces the anchor on purpose.
    assert main(["audit", "anchor", "--force"]) == 0
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()

    monkeypatch.setenv("CLAUSEWISE_AUDIT_KEY", "too-short")
    with pytest.raises(ValueError, match="audit_key"):
        Settings()
    default = Settings(audit_key="", audit_anchor_path="", data_dir=data)
    assert default.audit_anchor_file == data / "audit.anchor"
