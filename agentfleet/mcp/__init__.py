"""MCP servers (official ``mcp`` SDK), each usable standalone by any MCP client.

- ``errors``: read-only production errors of one repo;
- ``repo``: read-only files and history of one repo at one commit;
- ``sandbox``: view, edit and run code inside ONE task's sandbox;
- ``forge``: agent branches and pull requests (delivery only; never the default branch).

``SERVERS`` maps each name to an ``opened(ctx, repo, commit, **options)`` context manager that
yields the server; ``serve`` runs one over stdio or streamable HTTP with a bearer token.
"""

from __future__ import annotations

__all__ = ["SERVERS"]

SERVERS: dict[str, str] = {
    "errors": "agentfleet.mcp.errors.opened",
    "repo": "agentfleet.mcp.repo.opened",
    "sandbox": "agentfleet.mcp.sandbox.opened",
    "forge": "agentfleet.mcp.forge.opened",
}
"""Short name → import path of a server's ``opened`` factory."""
