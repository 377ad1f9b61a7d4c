"""Serve one MCP server over stdio, or over streamable HTTP behind a bearer token (the SDK's auth)."""

from __future__ import annotations

import hmac
import logging
from typing import Any

import uvicorn
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import MCPServer

__all__ = ["StaticToken", "bearer_auth", "serve_http", "serve_stdio"]

log = logging.getLogger(__name__)


class StaticToken:
    """A ``TokenVerifier`` that accepts exactly one shared token (compared in constant time)."""

    def __init__(self, token: str) -> None:
        if len(token) < 16:
            raise ValueError("the MCP bearer token must be at least 16 characters")
        self._token = token.encode()

    async def verify_token(self, token: str) -> AccessToken | None:
        """The access the token grants, or ``None`` when it is not the shared token."""
        if hmac.compare_digest(token.encode(), self._token):
            return AccessToken(token=token, client_id="agentfleet", scopes=[])
        return None


def bearer_auth(token: str, host: str, port: int) -> dict[str, Any]:
    """``MCPServer`` options that make its HTTP app refuse any request without ``Authorization: Bearer <token>``."""
    base = f"http://{host}:{port}"
    return {
        "auth": AuthSettings(issuer_url=base, resource_server_url=f"{base}/mcp", validate_token_resource=False),
        "token_verifier": StaticToken(token),
    }


def serve_http(server: MCPServer, host: str, port: int) -> None:
    """Serve ``server`` at ``http://host:port/mcp`` until interrupted (build it with ``bearer_auth`` options)."""
    if server.settings.auth is None:
        raise ValueError("refusing to serve MCP over HTTP without authentication; build the server with bearer_auth()")
    log.info("mcp serve server=%s url=http://%s:%d/mcp", server.name, host, port)
    uvicorn.run(server.streamable_http_app(host=host), host=host, port=port, log_level="warning")


def serve_stdio(server: MCPServer) -> None:
    """Serve ``server`` on stdin/stdout until the client closes it."""
    server.run("stdio")
