"""The agent's tools: MCP servers reached through the official MCP client, and nothing else.

Built-in servers run in-process; external ones (``[repos.agent.mcp_servers]``) over stdio or
streamable HTTP. A tool is offered to the model as ``server__tool``; an external server's tools
that are not on its allowlist are never listed and cannot be called.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

import anyio
import httpx2
import mcp
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp.client.streamable_http import streamable_http_client
from mcp.server.mcpserver import MCPServer
from mcp.types import TextContent, Tool

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.agent.models import ToolSpec
from agentfleet.flow.fixers.config import ExternalServer
from agentfleet.mcp.common import cap

__all__ = ["SEPARATOR", "Endpoint", "Toolbox", "endpoint_for", "in_process", "open_toolbox"]

log = logging.getLogger(__name__)

SEPARATOR = "__"
"""Between server and tool name in the names the model sees (``sandbox__run_tests``)."""

_CALL_FAILURES = (mcp.MCPError, TimeoutError, anyio.BrokenResourceError, anyio.ClosedResourceError, OSError)


@dataclass(frozen=True)
class Endpoint:
    """One MCP server the agent may use: where it is, which of its tools are visible, how long a call may take."""

    target: Any
    """An in-process ``MCPServer``, ``StdioServerParameters``, a transport, or a URL."""
    allow: frozenset[str] | None = None
    """Tool names the model may see and call; ``None`` for all (built-in servers)."""
    timeout_s: float = 900.0


def endpoint_for(config: ExternalServer) -> Endpoint:
    """An ``Endpoint`` for an external server from the fleet file."""
    allow = frozenset(config.allow)
    if config.command is not None:
        params = mcp.StdioServerParameters(command=config.command, args=config.args, env=config.env, cwd=config.cwd)
        return Endpoint(params, allow, config.timeout_s)
    return Endpoint(_http_transport(str(config.url), config.headers, config.timeout_s), allow, config.timeout_s)


@asynccontextmanager
async def _http_transport(url: str, headers: dict[str, str], timeout_s: float) -> AsyncIterator[Any]:
    """Streamable HTTP with the configured headers; the HTTP client is closed with the transport."""
    async with (
        httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30.0, read=timeout_s)) as http,
        streamable_http_client(url, http_client=http) as streams,
    ):
        yield streams


class Toolbox:
    """Connected MCP clients and the tool specs the model is offered."""

    def __init__(self, portal: BlockingPortal) -> None:
        self._portal = portal
        self._routes: dict[str, tuple[mcp.Client, str, float]] = {}
        self.specs: list[ToolSpec] = []

    def add(self, server: str, client: mcp.Client, endpoint: Endpoint) -> None:
        """List ``client``'s tools and offer the allowed ones as ``server__tool``."""
        for tool in self._list(client):
            if endpoint.allow is not None and tool.name not in endpoint.allow:
                continue
            name = f"{server}{SEPARATOR}{tool.name}"
            self._routes[name] = (client, tool.name, endpoint.timeout_s)
            self.specs.append(ToolSpec(name=name, description=tool.description or "", input_schema=tool.input_schema))
        log.info(
            "agent tools server=%s offered=%d", server, sum(1 for n in self._routes if n.startswith(server + SEPARATOR))
        )

    def _list(self, client: mcp.Client) -> list[Tool]:
        tools: list[Tool] = []
        cursor: str | None = None
        for _ in range(50):
            page = self._portal.call(partial(client.list_tools, cursor=cursor))
            tools += page.tools
            cursor = page.next_cursor
            if cursor is None:
                break
        return tools

    def call(self, name: str, arguments: dict[str, Any]) -> tuple[str, bool]:
        """Call tool ``name``: its text result and whether that is an error (a failing tool never raises)."""
        if name not in self._routes:
            return f"unknown tool {name!r}; the available tools are: {', '.join(sorted(self._routes))}", True
        client, tool, timeout = self._routes[name]
        try:
            result = self._portal.call(partial(client.call_tool, tool, arguments, read_timeout_seconds=timeout))
        except _CALL_FAILURES as exc:
            return f"tool {name} failed: {type(exc).__name__}: {exc}", True
        parts = [c.text if isinstance(c, TextContent) else f"[{c.type} content omitted]" for c in result.content]
        return cap("\n".join(parts)), bool(result.is_error)


@contextmanager
def open_toolbox(endpoints: Mapping[str, Endpoint]) -> Iterator[Toolbox]:
    """Connect to every endpoint (in a background event loop) and yield the toolbox; all closed on exit."""
    with start_blocking_portal() as portal:
        stack = ExitStack()
        try:
            toolbox = Toolbox(portal)
            for server, endpoint in endpoints.items():
                client = mcp.Client(endpoint.target, read_timeout_seconds=endpoint.timeout_s)
                try:
                    stack.enter_context(portal.wrap_async_context_manager(client))
                except (*_CALL_FAILURES, ExceptionGroup) as exc:
                    raise PermanentError(
                        f"MCP server {server!r} could not be started or reached: {_describe(exc)} "
                        f"(check [repos.agent.mcp_servers.{server}] in the fleet file)"
                    ) from exc
                toolbox.add(server, client, endpoint)
            yield toolbox
        finally:
            stack.close()  # a clean exit: the clients' task groups must not wrap the caller's exception


def _describe(exc: BaseException) -> str:
    """The leaf errors of ``exc`` (task groups wrap the real cause), one ``Type: message`` each."""
    if isinstance(exc, BaseExceptionGroup):
        return "; ".join(_describe(inner) for inner in exc.exceptions)
    return f"{type(exc).__name__}: {exc}"


def in_process(server: MCPServer, timeout_s: float = 900.0) -> Endpoint:
    """An endpoint for a built-in server running in this process."""
    return Endpoint(server, None, timeout_s)
