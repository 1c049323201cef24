"""``/mcp``: the MCP server over streamable HTTP inside ``clausewise serve`` (one per worker process).

Stateless mode (each request stands alone, no session id to remember), so any uvicorn worker can answer any
request. A request without a known ``Authorization: Bearer <key>`` is refused with 401 before the SDK sees it;
the tools then read the same header to act with that key's role.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from assistant.mcp_server import bearer_token, build_mcp_server, key_from_headers

if TYPE_CHECKING:
    from assistant.routers.deps import AppState

#: Where the endpoint is mounted.
MCP_PATH = "/mcp"


class McpEndpoint:
    """ASGI endpoint at ``/mcp``: API-key check, then the SDK's streamable HTTP handler."""

    def __init__(self, state: AppState) -> None:
        """The MCP server over ``state``'s service (built at start-up) and key ring."""
        self.state = state
        self.server = build_mcp_server(state.ensure_service, key_from_headers(state.keys))
        self._manager: StreamableHTTPSessionManager | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Run the SDK's session manager for the app's lifetime (a fresh one each time the app starts)."""
        # DNS-rebinding protection checks Host/Origin against a fixed list, which would refuse a server bound to
        # another interface; it guards unauthenticated local servers, and every request here must carry a key
        # a rebinding page cannot know.
        self.server.streamable_http_app(
            streamable_http_path=MCP_PATH, stateless_http=True, json_response=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )  # fmt: skip
        manager = self.server.session_manager
        async with manager.run():
            self._manager = manager
            try:
                yield
            finally:
                self._manager = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a missing or unknown key (401), else let the SDK answer."""
        token = bearer_token(Headers(scope=scope).get("authorization"))
        if not token:
            await _refuse("missing API key: send 'Authorization: Bearer <key>'")(scope, receive, send)
            return
        if self.state.keys.authenticate(token) is None:
            await _refuse("invalid API key")(scope, receive, send)
            return
        if self._manager is None:
            await JSONResponse({"detail": "the service is still starting"}, status_code=503)(scope, receive, send)
            return
        await self._manager.handle_request(scope, receive, send)


def _refuse(detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
