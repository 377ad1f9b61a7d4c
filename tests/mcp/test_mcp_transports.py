"""``agentfleet mcp serve``: stdio for any MCP client, streamable HTTP only with the bearer token."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import anyio
import httpx
import mcp
import pytest
from agent.agent_kit import REPO, TOKEN, Sample, cli_env, http_server
from mcp.client.streamable_http import streamable_http_client


async def tools_and_trace(client: mcp.Client, sample: Sample) -> tuple[list[str], str]:
    listed = await client.list_tools()
    result = await client.call_tool("get_stacktrace", {"event_id": sample.event_id})
    return sorted(t.name for t in listed.tools), result.content[0].text  # type: ignore[union-attr]


READ_CALLS = {"errors": "get_stacktrace", "repo": "read_file", "sandbox": "view", "forge": "list_prs"}


@pytest.mark.parametrize("name", sorted(READ_CALLS))
def test_stdio_serves_every_server_to_any_mcp_client(make_sample: Callable[..., Sample], name: str) -> None:
    # Given a server launched the way an MCP host launches one: a command speaking stdio
    sample = make_sample()
    params = mcp.StdioServerParameters(
        command=sys.executable, args=["-m", "agentfleet.cli", "mcp", "serve", name, "--repo", REPO],
        env=cli_env(sample),
    )  # fmt: skip
    tool = READ_CALLS[name]
    arguments = {"event_id": sample.event_id} if name == "errors" else {"path": "calc/stats.py"}

    # When the official client connects, lists and calls one of its tools
    async def main() -> tuple[list[str], str, bool]:
        async with mcp.Client(params) as client:
            listed = await client.list_tools()
            result = await client.call_tool(tool, arguments if name != "forge" else {})
            text = "\n".join(c.text for c in result.content if c.type == "text")
            return sorted(t.name for t in listed.tools), text, bool(result.is_error)

    names, text, is_error = anyio.run(main)
    # Then it answers as it does in-process
    assert tool in names
    assert not is_error, text
    if name != "forge":
        assert "average" in text


@pytest.mark.slow
def test_http_requires_the_bearer_token(make_sample: Callable[..., Sample], tmp_path: Path) -> None:
    sample = make_sample()
    with http_server(sample, tmp_path) as url:
        # Without the token, or with a wrong one, nothing is served
        init = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
        assert httpx.post(url, json=init, timeout=5).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token-0123456789"}
        assert httpx.post(url, json=init, headers=wrong, timeout=5).status_code == 401

        # With it, the official client lists and calls tools
        async def main() -> tuple[list[str], str]:
            import httpx2

            async with (
                httpx2.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"}) as http,
                mcp.Client(streamable_http_client(url, http_client=http)) as client,
            ):
                return await tools_and_trace(client, sample)

        names, trace = anyio.run(main)
    assert "list_groups" in names
    assert "ZeroDivisionError" in trace
