"""What the routers share: the per-process state, the API-key caller, service access and response helpers."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from assistant.auth import Action, KeyRing, allowed
from assistant.models import Asker, Channel
from assistant.uploads import UploadStore
from ingestion.settings import ApiKey, Settings

if TYPE_CHECKING:
    from slack_bolt import App as SlackApp

    from assistant.service import ClausewiseService

logger = logging.getLogger("clausewise.server")

T = TypeVar("T")

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_READ_CHUNK = 1 << 20
#: Media type of an XLSX download.
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AppState:
    """What one worker process holds: settings, key ring, the service and the Slack app (built once)."""

    def __init__(self, settings: Settings, service: ClausewiseService | None) -> None:
        """State over ``settings``; ``service`` is built at start-up when not given."""
        self.settings = settings
        self.keys = KeyRing(settings)
        self.service = service
        self.slack: SlackApp | None = None
        self.slack_error: str | None = None
        self.write_lock = threading.Lock()
        self.uploads = UploadStore(settings)
        self._build_lock = threading.Lock()
        self._warmed = False
        self._uploads_reconciled = False

    def ensure_service(self) -> ClausewiseService:
        """The service, built on first use (model and store load once per process)."""
        with self._build_lock:
            if self.service is None:
                from assistant.service import ClausewiseService

                self.service = ClausewiseService.from_settings(self.settings)
            if not self._warmed:
                # The gap judge's index baseline per role, before the first request: otherwise the first
                # single-control question of a worker pays for a scan of the whole catalog.
                self._warmed = True
                self.service.warm()
            if not self._uploads_reconciled:
                # An upload cut short by a killed server left files the manifest does not list (see
                # assistant.uploads); without this, every later upload of such a name was refused with 409.
                self.uploads.reconcile()
                self._uploads_reconciled = True
            if self.slack is None and self.slack_error is None:
                self._build_slack(self.service)
            return self.service

    def _build_slack(self, service: ClausewiseService) -> None:
        s = self.settings
        if not (s.slack_bot_token and s.slack_signing_secret):
            self.slack_error = (
                "Slack is not configured: set CLAUSEWISE_SLACK_BOT_TOKEN and CLAUSEWISE_SLACK_SIGNING_SECRET"
            )
            return
        from assistant.slack_app import build_slack_app

        self.slack = build_slack_app(s, service)


def app_state(request: Request) -> AppState:
    """The worker's state (set by ``server.create_app``)."""
    state: AppState = request.app.state.clausewise
    return state


#: Route parameter type: the worker's state.
State = Annotated[AppState, Depends(app_state)]


def service_of(state: AppState) -> ClausewiseService:
    """The service; 503 while it is still starting."""
    if state.service is None:
        raise HTTPException(503, "the service is still starting")
    return state.service


_bearer = HTTPBearer(auto_error=False, description="An API key created with `clausewise keys create`.")


def _caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> ApiKey:
    """The API key presenting this request; 401 when absent or unknown."""
    state = app_state(request)
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(
            401, "missing API key: send 'Authorization: Bearer <key>'", headers={"WWW-Authenticate": "Bearer"}
        )
    key = state.keys.authenticate(credentials.credentials.strip())
    if key is None:
        raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "Bearer"})
    return key


#: Route parameter type: the authenticated caller's key (module level, so FastAPI can resolve it).
Caller = Annotated[ApiKey, Depends(_caller)]


def asker_of(key: ApiKey, channel: Channel = "http") -> Asker:
    """The service's view of a caller: its name and role (the role decides the clearance)."""
    return Asker(user=key.name, role=key.role, channel=channel)


def require(key: ApiKey, action: Action) -> None:
    """403 unless the key's role may perform ``action`` (``assistant.auth.ROLE_ACTIONS``)."""
    if not allowed(key.role, action):
        raise HTTPException(403, f"role '{key.role}' may not {action} documents (compliance or auditor only)")


async def call(fn: Callable[..., T], *args: Any) -> T:
    """Run a service call in a worker thread."""
    # The service may block for seconds (an LLM); a worker thread keeps the event loop serving others.
    return await run_in_threadpool(fn, *args)


def scope_ids(service: ClausewiseService, scope: str) -> list[str]:
    """Catalog ids in ``scope``; 404 for a scope that names nothing."""
    # An unknown scope names nothing, like an unknown clause id: 404 (a 400 would tell a well-formed
    # request from the schema's point of view that it is malformed).
    try:
        return list(service.catalog.ids_in_scope(scope or "all"))
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from exc


def sanitize_filename(name: str) -> str:
    """A safe file name: the last path component only, unusual characters replaced; ValueError if empty."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    base = _SAFE_NAME.sub("_", base).strip("._")
    if not base:
        raise ValueError(f"file name {name!r} is empty after removing unsafe characters")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    return (stem[:120] + ("." + ext[:10].lower() if ext else "")) or base[:120]


def download(content: str | bytes, media_type: str, filename: str) -> Response:
    """A file download response."""
    return Response(
        content=content, media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def slug(text: str) -> str:
    """A file-name-safe slug of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "report"


async def read_limited(file: UploadFile, limit: int, name: str) -> bytes:
    """The upload's bytes; 413 as soon as they pass ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await file.read(_READ_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"file {name!r} is larger than the {limit // (1024 * 1024)} MB upload limit")
        chunks.append(chunk)
    return b"".join(chunks)


def jsonable(value: Any) -> Any:
    """Models, dataclasses, containers and paths as JSON-ready values."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    return value
