"""The dashboard as an ASGI app: Starlette routes over the store, basic auth in front (``create_app``)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from agentfleet.contracts import utcnow
from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.dashboard.auth import BasicAuth
from agentfleet.dashboard.board import board, key_timeline
from agentfleet.dashboard.config import DashboardConfig
from agentfleet.dashboard.html import esc, page
from agentfleet.dashboard.pages import overview_page, timeline_page

__all__ = ["create_app"]

_HEADERS = {"cache-control": "no-store", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'"}
"""No caching of what the fleet did, and no script, frame or remote resource can run even if escaping failed."""


def _repo(ctx: Context, name: str) -> RepoConfig | None:
    try:
        return ctx.repo(name)
    except ConfigError:  # left the fleet file, or the file is broken: render with the default scrubbing
        return None


def create_app(ctx: Context, config: DashboardConfig) -> Starlette:
    """The dashboard over ``ctx``'s store and fleet file, behind ``config``'s credentials."""
    if config.password is None and not config.unauthenticated:
        raise ConfigError(
            "the dashboard needs credentials: set AGENTFLEET_DASHBOARD__PASSWORD (and optionally "
            "AGENTFLEET_DASHBOARD__USER), or AGENTFLEET_DASHBOARD__UNAUTHENTICATED=true when a proxy authenticates"
        )

    def overview(_request: Request) -> HTMLResponse:
        generated = f"{utcnow():%Y-%m-%d %H:%M:%S} UTC · fleet file {ctx.settings.fleet_file}"
        return HTMLResponse(overview_page(board(ctx, days=config.days), generated), headers=_HEADERS)

    def work(request: Request) -> HTMLResponse:
        key = request.path_params["key"]
        found = key_timeline(ctx, key)
        if found is None:
            missing = page("not found", f'<p><a href="/">← fleet</a></p><p>no work with key {esc(key)}</p>')
            return HTMLResponse(missing, status_code=404, headers=_HEADERS)
        return HTMLResponse(timeline_page(found, _repo(ctx, found.outcome.repo)), headers=_HEADERS)

    app = Starlette(routes=[Route("/", overview), Route("/work/{key:path}", work)])
    if config.password is not None:
        app.add_middleware(BasicAuth, user=config.user, password=config.password.get_secret_value())
    return app
