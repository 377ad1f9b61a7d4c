"""The ``forge`` MCP server: agent branches, commits, pull requests and comments on ONE repository.

For delivery, never for the fix agent. Writes go only to agent branches (``agentfleet/...``): the
default branch and protected branches are refused here and again by every ``Forge``. There is no
tool to force-push, delete a branch, merge or change repository settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

from agentfleet.forges import Forge, PRSpec, PRState
from agentfleet.forges.policy import guard_branch
from agentfleet.mcp.common import ToolError, cap, new_server, refusals

__all__ = ["ForgeTools", "build", "opened"]

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

_SHA = re.compile(r"^[0-9a-f]{7,64}$")
FORGE_READ = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=True)
FORGE_PUT = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=True)
"""Creates or moves forward, never overwrites; the same call twice changes nothing more."""
FORGE_EDIT = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=True)
"""Replaces existing text (a PR's title and body)."""
FORGE_ADD = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=True)
"""Adds something new each call (a comment)."""


class ForgeTools:
    """Tools over one ``Forge``; ``protected`` are the fleet file's protected branches."""

    def __init__(self, forge: Forge, protected: tuple[str, ...] = ()) -> None:
        self.forge = forge
        self.protected = protected

    def _guard(self, branch: str) -> None:
        with refusals():
            guard_branch(branch, default_branch=self.forge.default_branch, protected=self.protected)

    def push_branch(self, branch: str, base_commit: str, diff: str, message: str) -> str:
        """Create agent branch ``branch`` as ``base_commit`` plus ``diff`` in one commit, or move it forward."""
        self._guard(branch)
        if not _SHA.match(base_commit):
            raise ToolError(f"base_commit {base_commit!r} must be a commit SHA (hex)")
        with refusals():
            head = self.forge.push(branch, base_commit=base_commit, diff=diff, message=message)
        return f"{branch} is at {head}"

    def open_pr(self, branch: str, title: str, body: str = "", draft: bool = True) -> str:
        """Open a pull request from an agent branch into the default branch (a draft unless ``draft`` is false).

        When the branch already has an open pull request, that one is updated instead.
        """
        self._guard(branch)
        spec = PRSpec(branch=branch, title=title, body=body, draft=draft)
        with refusals():
            existing = self.forge.find_pr(branch)
            if existing is not None and existing.state is PRState.OPEN:
                pr = self.forge.update_pr(existing.number, spec)
            else:
                pr = self.forge.open_pr(spec)
        return pr.model_dump_json(indent=1)

    def update_pr(self, number: int, title: str, body: str = "", draft: bool = True) -> str:
        """Replace an agent pull request's title and body; ``draft=false`` marks a draft ready for review."""
        with refusals():
            pr = self.forge.get_pr(number)
            self._guard(pr.branch)
            return self.forge.update_pr(
                number, PRSpec(branch=pr.branch, title=title, body=body, draft=draft)
            ).model_dump_json(indent=1)

    def comment(self, number: int, body: str) -> str:
        """Add a comment to pull request (or issue) ``number``."""
        with refusals():
            self.forge.comment(number, body)
        return f"commented on #{number}"

    def get_pr(self, number: int) -> str:
        """One pull request: branch, base, title, body, state, draft."""
        with refusals():
            return self.forge.get_pr(number).model_dump_json(indent=1)

    def list_prs(self, state: Literal["open", "closed", "merged"] | None = None) -> str:
        """Pull requests from agent branches, newest first; ``state`` is open, closed or merged."""
        with refusals():
            prs = self.forge.list_prs(PRState(state) if state else None)
        return cap("\n".join(f"#{p.number} {p.state} {'draft ' if p.draft else ''}{p.branch}: {p.title}" for p in prs))

    def pr_diff(self, number: int) -> str:
        """The unified diff pull request ``number`` proposes."""
        with refusals():
            return cap(self.forge.diff(number))


def build(tools: ForgeTools, **options: Any) -> MCPServer:
    """The ``forge`` server over ``tools``; ``options`` go to ``MCPServer`` (e.g. auth for HTTP)."""
    annotated: dict[Callable[..., str], ToolAnnotations] = {
        tools.get_pr: FORGE_READ, tools.list_prs: FORGE_READ, tools.pr_diff: FORGE_READ,
        tools.push_branch: FORGE_PUT, tools.open_pr: FORGE_PUT, tools.update_pr: FORGE_EDIT, tools.comment: FORGE_ADD,
    }  # fmt: skip
    instructions = "Agent branches and pull requests only; never the default branch."
    return new_server("forge", instructions, annotated, **options)


@contextmanager
def opened(ctx: Context, repo: RepoConfig, commit: str | None = None, **options: Any) -> Iterator[MCPServer]:
    """The ``forge`` server for fleet repo ``repo`` (``commit`` is not used)."""
    from agentfleet.forges.factory import open_forge

    yield build(ForgeTools(open_forge(ctx, repo), tuple(repo.protected_branches)), **options)
