"""External MCP servers per repo (``mcpServers``-style): only allowlisted tools reach the model."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from agent.agent_kit import REPO, TOKEN, Sample, call, cli_env, http_server, reply, run_agent

from agentfleet.contracts import NoFix
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.agent.models.scripted import ScriptedModel

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]


def _inline_table(values: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in values.items()) + " }"


def test_external_servers_offer_only_their_allowlisted_tools(
    make_sample: Callable[..., Sample], tmp_path: Path
) -> None:
    # Given a repo that adds two external servers: our `repo` server over stdio allowing only git_log,
    # and our `errors` server over bearer-token HTTP allowing only list_groups
    sample = make_sample()
    with http_server(sample, tmp_path) as url:
        fleet = sample.ctx.settings.fleet_file
        fleet.write_text(
            fleet.read_text()
            + f"""
[repos.agent.mcpServers.history]
command = {json.dumps(sys.executable)}
args = ["-m", "agentfleet.cli", "mcp", "serve", "repo", "--repo", "{REPO}"]
env = {_inline_table({k: v for k, v in cli_env(sample).items() if k.startswith("AGENTFLEET_")})}
allow = ["git_log"]

[repos.agent.mcpServers.prod]
url = "{url}"
headers = {{ Authorization = "Bearer {TOKEN}" }}
allowedTools = ["list_groups"]
"""
        )
        model = ScriptedModel(
            [
                reply(call(1, "history__git_log"), call(2, "history__read_file", path="calc/stats.py")),
                reply(call(3, "prod__list_groups"), call(4, "prod__get_event", event_id=sample.event_id)),
                reply(call(5, "give_up", reason="demo", learned="external tools work")),
            ]
        )
        # When the agent runs with them
        result = run_agent(sample, model)
    # Then the model saw exactly the allowlisted external tools next to the built-in ones
    assert isinstance(result, NoFix)
    messages, tools = model.seen[-1]
    offered = {t.name for t in tools}
    assert {"history__git_log", "prod__list_groups"} <= offered
    assert not {n for n in offered if n.startswith(("history__", "prod__"))} - {"history__git_log", "prod__list_groups"}
    # And allowlisted calls reached the real servers while the others were refused as unknown
    log, hidden_file, groups, hidden_event = [m for m in messages if m.role == "tool"]
    assert "initial" in log.content
    assert not log.is_error
    assert sample.fingerprint in groups.content
    assert hidden_file.is_error
    assert "unknown tool 'history__read_file'" in hidden_file.content
    assert hidden_event.is_error
    assert "unknown tool 'prod__get_event'" in hidden_event.content


def test_an_unreachable_external_server_fails_the_run_naming_its_entry(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    fleet = sample.ctx.settings.fleet_file
    fleet.write_text(
        fleet.read_text() + '[repos.agent.mcp_servers.tickets]\nurl = "http://127.0.0.1:9/mcp"\nallow = ["x"]\n'
    )
    with pytest.raises(PermanentError, match=r"'tickets' could not be started or reached: ConnectError") as caught:
        run_agent(sample, ScriptedModel([]))
    assert "[repos.agent.mcp_servers.tickets]" in str(caught.value)
