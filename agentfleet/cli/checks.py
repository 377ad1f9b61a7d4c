"""Start-up checks behind ``agentfleet check-config``: each yields (name, passed, detail)."""

from __future__ import annotations

from collections.abc import Iterator

from agentfleet.core.context import Context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.git import resolve_branch
from agentfleet.core.redact import redact
from agentfleet.core.settings import settings_sources
from agentfleet.sandboxes.check import describe_backend
from agentfleet.tasks.schedule import build_schedule

__all__ = ["run_checks"]

Result = tuple[str, bool, str]


def run_checks(ctx: Context, *, offline: bool = False) -> Iterator[Result]:
    """Every check, in order: where settings came from, then the fleet file, since the rest depend on it."""
    for source, detail in settings_sources():
        yield source, True, detail
    fleet = ctx.fleet  # raises ConfigError with file, field and reason
    yield "fleet file", True, f"{ctx.settings.fleet_file} ({len(fleet.repos)} repos)"
    yield "schedule", True, f"{len(build_schedule(fleet))} monitor runs scheduled"
    yield "store", True, ctx.store.engine.url.render_as_string(hide_password=True)
    yield "sandbox", *describe_backend(ctx.settings.sandbox)
    if offline:
        return
    try:
        ctx.redis.ping()
        yield "redis", True, redact(ctx.settings.redis_url)
    except Exception as exc:  # report any connection failure as a failed check
        yield "redis", False, redact(f"{ctx.settings.redis_url}: {exc}")
    for repo in fleet.repos:
        try:
            sha = resolve_branch(repo.location, repo.default_branch)
            yield f"repo {repo.name}", True, redact(f"{repo.location} {repo.default_branch}@{sha[:12]}")
        except AgentfleetError as exc:
            yield f"repo {repo.name}", False, str(exc)
