"""``agentfleet dashboard``: the fleet dashboard, served with basic auth from settings."""

from __future__ import annotations

import logging

import click

from agentfleet.core.logs import configure_logging

__all__ = ["COMMANDS"]

log = logging.getLogger(__name__)


@click.command()
@click.option("--host", default=None, help="Interface (default from settings: AGENTFLEET_DASHBOARD__ADDRESS).")
@click.option("--port", type=int, default=None, help="Port (default from settings: AGENTFLEET_DASHBOARD__PORT).")
def dashboard(host: str | None, port: int | None) -> None:
    """Serve the fleet dashboard: per repo × kind the work in flight, verdicts, PRs, rejections with their
    reasons, trust phase and track record, and each key's timeline. Needs AGENTFLEET_DASHBOARD__PASSWORD."""
    import uvicorn

    from agentfleet.core.context import get_context
    from agentfleet.dashboard.app import create_app

    ctx = get_context()
    configure_logging(ctx.settings.log_level)
    conf = ctx.settings.dashboard
    app = create_app(ctx, conf)  # refuses to start without credentials
    host, port = host or conf.address, port or conf.port
    log.info("dashboard listening on http://%s:%d", host, port)
    uvicorn.run(app, host=host, port=port, log_level=ctx.settings.log_level.lower(), access_log=False, log_config=None)


COMMANDS = [dashboard]
