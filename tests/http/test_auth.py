"""API keys: creation, hashing at rest, lookup, revocation, the one local key, role actions; file names."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.auth import (
    KeyRing,
    allowed,
    create_key,
    ensure_local_key,
    hash_key,
    keys_file,
    list_keys,
    revoke_key,
)
from ingestion.settings import ApiKey, Settings
from server import sanitize_filename


def _settings(tmp_path: Path, **extra: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", **extra)  # type: ignore[arg-type]


def test_created_key_is_stored_hashed_and_authenticates(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    ring = KeyRing(settings)
    assert ring.authenticate("anything") is None
    key = create_key(settings, "alice", "auditor")
    stored = keys_file(settings).read_text()
    assert key not in stored and hash_key(key) in stored
    assert stat.S_IMODE(keys_file(settings).stat().st_mode) == 0o600
    # The running key ring sees a key created after it was built.
    found = ring.authenticate(key)
    assert found is not None and found.name == "alice" and found.role == "auditor"
    assert ring.authenticate(key + "x") is None
    assert ring.authenticate("") is None


def test_configured_hashes_work_without_a_file(tmp_path: Path) -> None:
    settings = _settings(tmp_path, api_keys=[ApiKey(name="ci", sha256=hash_key("s3cret"), role="staff")])
    found = KeyRing(settings).authenticate("s3cret")
    assert found is not None and found.name == "ci" and found.role == "staff"
    assert ensure_local_key(settings) is None  # a configured key counts: no local key is made
    assert not keys_file(settings).exists()


def test_local_key_only_when_none_exists(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    key = ensure_local_key(settings)
    assert key is not None
    assert ensure_local_key(settings) is None
    [(entry, source)] = list_keys(settings)
    assert entry.name == "local" and entry.role == "compliance" and source == "file"
    assert KeyRing(settings).authenticate(key) is not None


def test_bad_names_roles_duplicates_and_revoke(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    key = create_key(settings, "bob", "staff")
    with pytest.raises(ValueError, match="already exists"):
        create_key(settings, "bob", "staff")
    with pytest.raises(ValueError, match="--role"):
        create_key(settings, "carol", "admin")
    with pytest.raises(ValueError, match="--name"):
        create_key(settings, "  ", "staff")
    assert revoke_key(settings, "bob") is True
    assert revoke_key(settings, "bob") is False
    assert KeyRing(settings).authenticate(key) is None


def test_corrupt_key_file_names_the_file(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    keys_file(settings).parent.mkdir(parents=True)
    keys_file(settings).write_text(json.dumps({"keys": [{"name": "x"}]}))
    with pytest.raises(ValueError, match=r"api_keys\.json"):
        list_keys(settings)


def test_role_actions() -> None:
    assert allowed("staff", "read") and not allowed("staff", "upload") and not allowed("staff", "delete")
    for role in ("compliance", "auditor"):
        assert allowed(role, "upload") and allowed(role, "delete")
    assert not allowed("intruder", "read")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("policy.md", "policy.md"),
        ("../../etc/passwd.md", "passwd.md"),
        ("..\\..\\win\\evil.PDF", "evil.pdf"),
        ("my report (final).docx", "my_report_final_.docx"),
        (".hidden.md", "hidden.md"),
        ("naïve café.txt", "na_ve_caf_.txt"),
    ],
)
def test_sanitize_filename(raw: str, expected: str) -> None:
    assert sanitize_filename(raw) == expected


@pytest.mark.parametrize("raw", ["", "..", "/", "../..", "???"])
def test_sanitize_filename_rejects_empty(raw: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        sanitize_filename(raw)
