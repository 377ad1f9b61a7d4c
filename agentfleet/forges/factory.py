"""Build the forge a fleet repo names (``forge = "local"`` / ``"github"`` / ``"memory"`` / a dotted path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.core.registry import resolve
from agentfleet.forges import FORGES, Forge, ForgeFactory

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["open_forge"]


def open_forge(ctx: Context, repo: RepoConfig) -> Forge:
    """The forge for ``repo``; ``ConfigError`` names the forge when it cannot be loaded."""
    factory: ForgeFactory = resolve(FORGES, repo.forge, "forge")
    return factory.from_config(ctx, repo)
