"""What the operator-facing tests share: the CLI run in-process on a test's store, and ledger rows written
as the stages write them (or, for the past, with the time they happened)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from click.testing import CliRunner, Result

from agentfleet.cli import cli
from agentfleet.core.context import Context, get_context
from agentfleet.core.settings import get_settings
from agentfleet.store import get_store, ledger
from agentfleet.store.models import LedgerRow

__all__ = ["append_at", "cli_env", "run_cli"]


def cli_env(ctx: Context, redis_url: str = "redis://127.0.0.1:1/0") -> dict[str, str]:
    """The environment that points the CLI at ``ctx``'s store and fleet file."""
    settings = ctx.settings
    env = {
        "AGENTFLEET_DATA_DIR": str(settings.data_dir),
        "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
        "AGENTFLEET_REDIS_URL": redis_url,
    }
    return env | ({"AGENTFLEET_DATABASE_URL": settings.database_url} if settings.database_url else {})


def run_cli(env: dict[str, str], *args: str) -> Result:
    """``agentfleet ARGS`` in this process with ``env``; fresh settings, context and store caches."""
    for cache in (get_settings, get_context, get_store):
        cache.cache_clear()
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def append_at(ctx: Context, at: datetime | None = None, **fields: Any) -> int:
    """Append a ledger row (``ledger.append``'s fields); ``at`` writes one that happened in the past."""
    if at is None:
        return ledger.append(ctx.store, **fields)
    with ctx.store.session() as session:
        row = LedgerRow(at=at, **{"inputs": {}, "outputs": {}, **fields})
        session.add(row)
        session.flush()
        return row.id
