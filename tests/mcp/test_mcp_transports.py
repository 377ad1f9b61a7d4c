"""``agentfleet mcp serve``: stdio for any MCP client, streamable HTTP only with the bearer token."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio
import httpx
import mcp
import pytest
from agent.agent_kit import REPO, Sample
from mcp.client.streamable_http import streamable_http_client
from support import Proc, agentfleet_cmd, free_port, wait_for

TOKEN = "t0ken-for-the-mcp-tests-0123456789"


def cli_env(sample: Sample) -> dict[str, str]:
    """The environment of an ``agentfleet`` child process on the sample's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTFLEET_")}
    settings = sample.ctx.settings
    return env | {
        "AGENTFLEET_DATA_DIR": str(settings.data_dir),
        "AGENTFLEET_DATABASE_URL": settings.store_url,
        "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
        "AGENTFLEET_LOG_LEVEL": "WARNING",
    }


async def tools_and_trace(client: mcp.Client, sample: Sample) -> tuple[list[str], str]:
    listed = await client.list_tools()
    result = await client.call_tool("get_stacktrace", {"event_id": sample.event_id})
    return sorted(t.name for t in listed.tools), result.content[0].text  # type: ignore[union-attr]


def test_stdio_serves_any_mcp_client(make_sample: Callable[..., Sample]) -> None:
    # Given the errors server launched the way an MCP host launches one: a command speaking stdio
    sample = make_sample()
    params = mcp.StdioServerParameters(
        command=sys.executable, args=["-m", "agentfleet.cli", "mcp", "serve", "errors", "--repo", REPO],
        env=cli_env(sample),
    )  # fmt: skip

    # When the official client connects, lists and calls
    async def main() -> tuple[list[str], str]:
        async with mcp.Client(params) as client:
            return await tools_and_trace(client, sample)

    names, trace = anyio.run(main)
    # Then it is served exactly as in-process
    assert "get_stacktrace" in names
    assert 'File "calc/stats.py", line 2, in average' in trace


@contextmanager
def http_server(sample: Sample, tmp_path: Path, name: str = "errors") -> Iterator[str]:
    """``agentfleet mcp serve NAME --http`` in a child process; yields its URL."""
    port = free_port()
    argv = agentfleet_cmd("mcp", "serve", name, "--repo", REPO, "--http", "--port", str(port), "--token", TOKEN)
    proc = Proc(argv, cli_env(sample), tmp_path / f"mcp-{name}.log")
    try:
        url = f"http://127.0.0.1:{port}/mcp"

        def up() -> bool:
            assert proc.alive(), proc.output()
            try:
                return httpx.get(url, timeout=1).status_code > 0
            except httpx.TransportError:
                return False

        wait_for(up, 30, "the MCP HTTP server to listen")
        yield url
    finally:
        proc.stop()


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
