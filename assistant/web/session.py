"""Web sign-in: an API key becomes a signed, expiring session cookie; CSRF tokens; sign-out that sticks.

The cookie (httpOnly, SameSite=Lax, Secure when configured) carries the key's *name*, a short fingerprint of its
stored hash, a random session id and the session's CSRF token, signed with itsdangerous and time-stamped; it is
refused after ``web_session_hours``. The key is looked up again on every request, so a revoked key (or one whose
role changed) takes effect at once, and the role always comes from the key ring, never from the cookie. Signing
out records the session id in ``web_sessions.sqlite3`` (data dir), shared by every worker, so a copied cookie
stops working too.
"""

from __future__ import annotations

import hmac
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from assistant.auth import hash_key, list_keys
from ingestion.settings import ApiKey, Settings

COOKIE_NAME = "clausewise_session"
#: Cookie holding the CSRF token of the sign-in form (before there is a session).
LOGIN_COOKIE_NAME = "clausewise_login"
SECRET_FILE_NAME = "web_session.key"
STORE_FILE_NAME = "web_sessions.sqlite3"
#: How long the sign-in form's token is valid.
LOGIN_FORM_SECONDS = 3600
_FINGERPRINT_CHARS = 16


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: the key (as the key ring knows it now), its session id and CSRF token."""

    key: ApiKey
    sid: str
    csrf: str
    issued_at: float
    expires_at: float


def session_secret(settings: Settings) -> bytes:
    """The signing key: the configured one, else a random one created once in the data dir (mode 0600)."""
    configured = settings.web_session_secret.get_secret_value()
    if configured:
        return configured.encode("utf-8")
    path = settings.data_dir / SECRET_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of two workers starting together exactly one writes the key; the other reads it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            value = path.read_bytes().strip()
            if value:
                return value
            time.sleep(0.02)  # the other worker is between create and write
        raise RuntimeError(f"{path}: the web session key file is empty; delete it to create a new one") from None
    value = secrets.token_hex(32).encode("ascii")
    with os.fdopen(fd, "wb") as handle:
        handle.write(value)
    return value


def fingerprint(key: ApiKey) -> str:
    """A short digest of the stored hash: a key recreated under the same name does not inherit its sessions."""
    return hash_key(key.sha256.lower())[:_FINGERPRINT_CHARS]


class SessionStore:
    """Signs and reads session cookies; remembers signed-out sessions until they would have expired anyway."""

    def __init__(self, settings: Settings) -> None:
        """Sessions for ``settings`` (its secret, lifetime and key ring)."""
        self.settings = settings
        self.max_age = int(settings.web_session_hours * 3600)
        secret = session_secret(settings)
        self._serializer = URLSafeTimedSerializer(secret, salt="clausewise-web-session")
        self._login = URLSafeTimedSerializer(secret, salt="clausewise-web-login")
        self._flash = URLSafeTimedSerializer(secret, salt="clausewise-web-flash")
        self._db_path = settings.data_dir / STORE_FILE_NAME
        self._lock = threading.Lock()
        self._ensure_db()

    # --- the revocation list ---------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._db_path, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def _ensure_db(self) -> None:
        self._db_path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS revoked (sid TEXT PRIMARY KEY, expires_at REAL NOT NULL)")

    def _revoked(self, sid: str) -> bool:
        with self._lock, self._connect() as conn:
            return conn.execute("SELECT 1 FROM revoked WHERE sid = ?", (sid,)).fetchone() is not None

    def revoke(self, session: WebSession) -> None:
        """Sign a session out for good (also a copy of its cookie elsewhere)."""
        with self._lock, self._connect() as conn:
            conn.execute("INSERT OR REPLACE INTO revoked (sid, expires_at) VALUES (?, ?)",
                         (session.sid, session.expires_at))
            # Entries past their expiry protect nothing: the signature check refuses those cookies anyway.
            conn.execute("DELETE FROM revoked WHERE expires_at < ?", (time.time() - 60,))

    # --- cookies ---------------------------------------------------------------------------------
    def issue(self, key: ApiKey) -> tuple[str, WebSession]:
        """(cookie value, session) for a key that just signed in."""
        now = time.time()
        sid, csrf = secrets.token_urlsafe(16), secrets.token_urlsafe(24)
        value = self._serializer.dumps({"n": key.name, "f": fingerprint(key), "s": sid, "c": csrf, "t": now})
        return value, WebSession(key, sid, csrf, now, now + self.max_age)

    def read(self, cookie: str | None) -> WebSession | None:
        """The live session of a cookie: signed by us, not expired, not signed out, its key still valid."""
        if not cookie:
            return None
        try:
            payload: Any = self._serializer.loads(cookie, max_age=self.max_age)
        except (SignatureExpired, BadSignature):
            return None
        if not isinstance(payload, dict) or not all(isinstance(payload.get(k), str) for k in ("n", "f", "s", "c")):
            return None
        key = self._current_key(payload["n"], payload["f"])
        if key is None or self._revoked(payload["s"]):
            return None
        issued = float(payload.get("t") or 0.0)
        return WebSession(key, payload["s"], payload["c"], issued, issued + self.max_age)

    def _current_key(self, name: str, print_: str) -> ApiKey | None:
        for key, _source in list_keys(self.settings):
            if key.name == name and hmac.compare_digest(fingerprint(key), print_):
                return key
        return None

    # --- the sign-in form ------------------------------------------------------------------------
    def login_token(self) -> tuple[str, str]:
        """(cookie value, form token) for a sign-in form: the form must send back what the cookie holds."""
        token = secrets.token_urlsafe(24)
        return self._login.dumps(token), token

    def login_token_ok(self, cookie: str | None, token: str | None) -> bool:
        """Whether a sign-in form's token matches its cookie (and the form is not too old)."""
        if not cookie or not token:
            return False
        try:
            expected = self._login.loads(cookie, max_age=LOGIN_FORM_SECONDS)
        except (SignatureExpired, BadSignature):
            return False
        return isinstance(expected, str) and hmac.compare_digest(expected, token)


    # --- messages after a redirect -----------------------------------------------------------------
    def flash(self, session: WebSession, kind: str, text: str) -> str:
        """A signed one-line message for the page after a redirect (a link cannot put words on our pages)."""
        return self._flash.dumps({"s": session.sid, "k": kind, "m": text[:500]})

    def read_flash(self, session: WebSession, value: str | None) -> tuple[str, str] | None:
        """(kind, text) of a message signed for this session in the last few minutes, else None."""
        if not value:
            return None
        try:
            data: Any = self._flash.loads(value, max_age=300)
        except (SignatureExpired, BadSignature):
            return None
        if not isinstance(data, dict) or data.get("s") != session.sid:
            return None
        return str(data.get("k", "")), str(data.get("m", ""))


def csrf_ok(session: WebSession, token: str | None) -> bool:
    """Whether a form's CSRF token is this session's."""
    return bool(token) and hmac.compare_digest(session.csrf, str(token))


def store_path(settings: Settings) -> Path:
    """Where signed-out sessions are remembered."""
    return settings.data_dir / STORE_FILE_NAME
