"""API keys for the HTTP service: only SHA-256 hashes are kept, each with a name and a role.

Keys come from two places: ``settings.api_keys`` (configuration, e.g. ``CLAUSEWISE_API_KEYS`` as JSON) and
``<data_dir>/api_keys.json`` (written by ``clausewise keys create`` and by ``clausewise serve`` when no key
exists at all). The file is re-read when it changes, so a key created while the service runs works at once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from ingestion.settings import ApiKey, Settings

KEYS_FILE_NAME = "api_keys.json"
KEY_PREFIX = "cwk_"

Action = Literal["read", "upload", "delete"]

#: What each role may do through the API; clearance (what it may *read*) is ``settings.clearance_for(role)``.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "staff": frozenset({"read"}),
    "compliance": frozenset({"read", "upload", "delete"}),
    "auditor": frozenset({"read", "upload", "delete"}),
}


def hash_key(key: str) -> str:
    """The SHA-256 hex digest under which a key is stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def generate_key() -> str:
    """A new random key (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def allowed(role: str, action: Action) -> bool:
    """Whether a role may perform an action."""
    return action in ROLE_ACTIONS.get(role, frozenset())


def keys_file(settings: Settings) -> Path:
    """Where created keys are stored (hashed)."""
    return settings.data_dir / KEYS_FILE_NAME


def _read_file(path: Path) -> list[ApiKey]:
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = raw.get("keys", []) if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            raise ValueError("expected an object with a 'keys' list")
        return [ApiKey.model_validate(e) for e in entries]
    except (ValueError, ValidationError) as exc:
        raise ValueError(f"{path}: invalid API key file: {exc}") from exc


def _write_file(path: Path, keys: list[ApiKey], created: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"keys": [dict(k.model_dump(), created_at=created.get(k.name, "")) for k in keys]}
    tmp = path.with_suffix(".tmp")
    # The file holds hashes only, but still nobody else needs to read it.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2)
    os.replace(tmp, path)


def _created_dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {str(e.get("name")): str(e.get("created_at", "")) for e in raw.get("keys", [])}


def list_keys(settings: Settings) -> list[tuple[ApiKey, str]]:
    """Every key with where it comes from (``settings`` or the keys file)."""
    stored = _read_file(keys_file(settings))
    return [(k, "settings") for k in settings.api_keys] + [(k, "file") for k in stored]


def create_key(settings: Settings, name: str, role: str) -> str:
    """Create a key, store its hash in the data dir and return the key itself (shown once)."""
    name = name.strip()
    if not name:
        raise ValueError("--name: a key needs a non-empty name")
    if role not in ROLE_ACTIONS:
        raise ValueError(f"--role: unknown role {role!r} (choose from {', '.join(ROLE_ACTIONS)})")
    path = keys_file(settings)
    existing = _read_file(path)
    if any(k.name == name for k in existing) or any(k.name == name for k in settings.api_keys):
        raise ValueError(f"--name: a key named {name!r} already exists")
    key = generate_key()
    created = _created_dates(path)
    created[name] = datetime.now(UTC).isoformat(timespec="seconds")
    new = ApiKey.model_validate({"name": name, "sha256": hash_key(key), "role": role})
    _write_file(path, [*existing, new], created)
    return key


def revoke_key(settings: Settings, name: str) -> bool:
    """Remove a key created in the data dir; False if no such key there."""
    path = keys_file(settings)
    existing = _read_file(path)
    kept = [k for k in existing if k.name != name]
    if len(kept) == len(existing):
        return False
    _write_file(path, kept, _created_dates(path))
    return True


def ensure_local_key(settings: Settings) -> str | None:
    """When no key exists anywhere, create one local ``compliance`` key and return it; else None."""
    if list_keys(settings):
        return None
    return create_key(settings, "local", "compliance")


class KeyRing:
    """Looks up a presented bearer token among the configured and stored key hashes."""

    def __init__(self, settings: Settings) -> None:
        """Key ring over ``settings.api_keys`` and the data dir's key file."""
        self._settings = settings
        self._path = keys_file(settings)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._file_keys: list[ApiKey] = []

    def _current(self) -> list[ApiKey]:
        try:
            stat = self._path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                self._file_keys = _read_file(self._path) if stamp is not None else []
                self._stamp = stamp
            return [*self._settings.api_keys, *self._file_keys]

    def authenticate(self, token: str) -> ApiKey | None:
        """The key matching ``token``, or None; compares hashes in constant time."""
        if not token:
            return None
        digest = hash_key(token)
        match = None
        for key in self._current():
            # No early exit: the time taken does not reveal which entry matched.
            if hmac.compare_digest(digest, key.sha256.lower()):
                match = key
        return match
