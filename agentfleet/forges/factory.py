"""Build the forge a fleet repo names (``forge = "local"`` / ``"github"`` / ``"memory"`` / a dotted path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from agentfleet.forges import FORGES, Forge, ForgeFactory
from agentfleet.registry import resolve

if TYPE_CHECKING:
    from agentfleet.context import Context
    from agentfleet.fleet import RepoConfig

__all__ = ["open_forge"]


def open_forge(ctx: Context, repo: RepoConfig) -> Forge:
    """The forge for ``repo``; ``ConfigError`` names the forge when it cannot be loaded."""
    factory = cast(ForgeFactory, resolve(FORGES, repo.forge, "forge"))
    return factory.from_config(ctx, repo)
