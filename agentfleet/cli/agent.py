"""The agent's commands: ``mcp serve NAME`` and ``trajectory [ID] [--json | --replay]``."""

from __future__ import annotations

import json
import secrets
from typing import Any

import click

from agentfleet.core.context import get_context
from agentfleet.core.registry import resolve

__all__ = ["COMMANDS"]


@click.group(name="mcp")
def mcp_group() -> None:
    """Model Context Protocol servers (errors, repo, sandbox, forge) for any MCP client."""


@mcp_group.command(name="serve")
@click.argument("name")
@click.option("--repo", required=True, help="Fleet repo the server is scoped to.")
@click.option("--commit", default=None, help="Commit for repo/sandbox (default: the repo's default branch).")
@click.option("--http", is_flag=True, help="Serve streamable HTTP at /mcp (bearer token required) instead of stdio.")
@click.option("--host", default=None, help="HTTP interface (default AGENTFLEET_MCP__HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="HTTP port (default AGENTFLEET_MCP__PORT, 8765).")
@click.option("--token", default=None, help="Bearer token (default AGENTFLEET_MCP__TOKEN, else a new one is printed).")
def serve(name: str, repo: str, commit: str | None, http: bool, host: str | None, port: int | None,
          token: str | None) -> None:  # fmt: skip
    """Serve MCP server NAME (errors, repo, sandbox, forge or a dotted path) for one repo."""
    from agentfleet.core.logs import configure_logging
    from agentfleet.mcp import SERVERS
    from agentfleet.mcp.serve import bearer_auth, serve_http, serve_stdio

    ctx = get_context()
    configure_logging(ctx.settings.log_level)  # stderr: stdout is the stdio transport
    opened = resolve(SERVERS, name, "MCP server")
    target = ctx.repo(repo)
    if not http:
        with opened(ctx, target, commit) as server:
            serve_stdio(server)
        return
    config = ctx.settings.mcp
    host, port = host or config.host, port or config.port
    token = token or (config.token.get_secret_value() if config.token else None)
    if token is None:
        token = secrets.token_urlsafe(32)
        click.echo(f"bearer token (send 'Authorization: Bearer <token>'): {token}", err=True)
    with opened(ctx, target, commit, **bearer_auth(token, host, port)) as server:
        serve_http(server, host, port)


def _show_message(message: dict[str, Any]) -> None:
    role = message["role"]
    if role == "tool":
        mark = "error" if message.get("is_error") else "result"
        click.echo(f"  [{mark}] {_clip(message.get('content', ''))}")
        return
    if role in {"system", "user"}:
        click.echo(f"{role}: {_clip(message.get('content', ''), 600)}")
        return
    if message.get("content"):
        click.echo(f"assistant: {_clip(message['content'], 1200)}")
    for call in message.get("tool_calls", []):
        click.echo(f"  -> {call['name']}({_clip(call.get('arguments', ''), 400)})")


def _clip(text: str, limit: int = 800) -> str:
    return text if len(text) <= limit else f"{text[:limit]} [... {len(text) - limit} more characters]"


def _list(repo: str | None) -> None:
    from agentfleet.flow.fixers.agent.trajectory import recent

    for row in recent(get_context().store, repo=repo):
        spend = row.spend or {}
        click.echo(
            f"{row.id}  {row.started_at:%Y-%m-%d %H:%M}  {row.status:<9} {row.repo}  steps={spend.get('steps', 0)} "
            f"cost=${spend.get('cost_usd', 0):.4f}  {row.model}  {row.key}"
        )


def _replay(row: Any) -> bool:
    """Run the job again in a fresh sandbox with the recorded model outputs; True when it ends the same way."""
    from agentfleet.contracts import Job, NoFix
    from agentfleet.flow.fixers.agent.fixer import AgentFixer
    from agentfleet.flow.fixers.agent.models.scripted import ScriptedModel
    from agentfleet.sandboxes.factory import open_sandbox

    ctx = get_context()
    job = Job.model_validate(row.job)
    model = ScriptedModel(row.outputs, name=f"scripted-replay-{row.id[:8]}")
    with open_sandbox(ctx, ctx.repo(job.item.repo), job.item.base_commit) as box:
        result = AgentFixer(ctx, model=model).run(job, box)
    if isinstance(result, NoFix):
        click.echo(f"replay ended without a fix: {result.reason}")
        replayed = "budget" if result.reason.startswith("budget exhausted") else "gave_up"
    else:
        click.echo(f"replay produced a patch touching {', '.join(result.files)}:\n{result.diff}")
        replayed = "submitted"
    click.echo(f"recorded status: {row.status}; replayed status: {replayed} (trajectory {result.trajectory_id})")
    return replayed == row.status


@click.command()
@click.argument("trajectory_id", required=False)
@click.option("--repo", default=None, help="Without an ID: only this repo's runs.")
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON (its 'outputs' is a model script).")
@click.option("--replay", is_flag=True, help="Re-run offline in a fresh sandbox, feeding the recorded model outputs.")
def trajectory(trajectory_id: str | None, repo: str | None, as_json: bool, replay: bool) -> None:
    """Show agent run TRAJECTORY_ID step by step (or list recent runs); --replay runs it again offline."""
    from agentfleet.flow.fixers.agent.trajectory import load

    if trajectory_id is None:
        _list(repo)
        return
    row = load(get_context().store, trajectory_id)
    if row is None:
        raise click.ClickException(
            f"no trajectory {trajectory_id!r} (or the prefix is ambiguous); run 'agentfleet trajectory' to list them"
        )
    if as_json:
        fields = ("id", "repo", "key", "model", "status", "job", "messages", "outputs", "spend", "result")
        click.echo(
            json.dumps({f: getattr(row, f) for f in fields} | {"started_at": row.started_at.isoformat()}, indent=1)
        )
        return
    if replay:
        raise SystemExit(0 if _replay(row) else 1)
    click.echo(f"trajectory {row.id}  repo={row.repo}  key={row.key}  model={row.model}  status={row.status}")
    click.echo(f"spend: {json.dumps(row.spend)}")
    for message in row.messages:
        _show_message(message)
    if row.result:
        click.echo(f"result: {row.result}")


COMMANDS = [mcp_group, trajectory]
