"""The ``forge`` MCP server: agent branches, commits, pull requests and comments on ONE repository.

For delivery, never for the fix agent. Everything is scoped to what agentfleet itself may do there:
writes go only to agent branches (``agentfleet/<kind>/<id>``; the default and protected branches are
refused here and again by every ``Forge``), a push may not touch the paths the gate forbids for that
kind (CI config, workflows, secrets; dependency files outside dependency work), a pull request is a
draft unless the repo's trust phase for the kind is 3 or more, and pull-request tools (comments
included) act only on pull requests from agent branches. There is no tool to force-push, delete a
branch, merge, comment on issues or change repository settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

from agentfleet.contracts import TrustPhase, WorkKind
from agentfleet.core.diffs import touched_paths
from agentfleet.flow.gate.sensitive import forbidden_paths
from agentfleet.flow.kinds import kind_of
from agentfleet.forges import Forge, PRSpec, PRState, PullRequest
from agentfleet.forges.policy import AGENT_PREFIX, guard_branch
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
    """Tools over one ``Forge`` for fleet repo ``repo`` (its protected branches, trust phases and gate paths);
    ``dependency_files`` are the sandbox's dependency patterns, which only dependency work may change."""

    def __init__(self, forge: Forge, repo: RepoConfig, dependency_files: Sequence[str] = ()) -> None:
        self.forge = forge
        self.repo = repo
        self.dependency_files = tuple(dependency_files)

    def _kind(self, branch: str) -> WorkKind:
        """The work kind an agent branch belongs to; ``ToolError`` for anything but a forge-delivered kind's."""
        with refusals():
            guard_branch(branch, default_branch=self.forge.default_branch, protected=self.repo.protected_branches)
        name = branch.removeprefix(AGENT_PREFIX).split("/")[0].replace("-", "_")
        if name not in {k.value for k in WorkKind} or not kind_of(name).forge:
            kinds = ", ".join(k.value.replace("_", "-") for k in WorkKind if kind_of(k).forge)
            raise ToolError(
                f"{branch!r} is not an agent branch: they are named {AGENT_PREFIX}<kind>/<id>, kind one of {kinds}"
            )
        return WorkKind(name)

    def _check_ready(self, kind: WorkKind) -> None:
        """``ToolError`` unless the repo's trust phase for ``kind`` lets a pull request be ready for review."""
        phase = self.repo.trust.of(kind)
        if phase < TrustPhase.PR:
            raise ToolError(
                f"the trust phase of {kind.value} on {self.repo.name} is {int(phase)}: its pull requests stay drafts "
                "(a ready pull request needs phase 3); call again with draft=true"
            )

    def _agent_pr(self, number: int) -> PullRequest:
        """Pull request ``number``, if it is one of the agent's own (from an agent branch)."""
        with refusals():
            pr = self.forge.get_pr(number)
        if not pr.branch.startswith(AGENT_PREFIX):
            raise ToolError(f"#{number} is not an agent pull request (from an {AGENT_PREFIX} branch); it is not yours")
        return pr

    def push_branch(self, branch: str, base_commit: str, diff: str, message: str) -> str:
        """Create agent branch ``branch`` as ``base_commit`` plus ``diff`` in one commit, or move it forward.

        Refused when ``diff`` touches a path the gate forbids for the branch's kind of work."""
        kind = self._kind(branch)
        if not _SHA.match(base_commit):
            raise ToolError(f"base_commit {base_commit!r} must be a commit SHA (hex)")
        with refusals():
            paths = forbidden_paths(touched_paths(diff), self.repo.gate, kind_of(kind), self.dependency_files)
            if not paths.passed:
                raise ToolError(f"refusing to push: {paths.evidence}")
            head = self.forge.push(branch, base_commit=base_commit, diff=diff, message=message)
        return f"{branch} is at {head}"

    def open_pr(self, branch: str, title: str, body: str = "", draft: bool = True) -> str:
        """Open a pull request from an agent branch into the default branch (a draft unless ``draft`` is false;
        ready needs the repo's trust phase 3 for the branch's kind).

        When the branch already has an open pull request, that one is updated instead.
        """
        kind = self._kind(branch)
        if not draft:
            self._check_ready(kind)
        spec = PRSpec(branch=branch, title=title, body=body, draft=draft)
        with refusals():
            existing = self.forge.find_pr(branch)
            if existing is not None and existing.state is PRState.OPEN:
                pr = self.forge.update_pr(existing.number, spec)
            else:
                pr = self.forge.open_pr(spec)
        return pr.model_dump_json(indent=1)

    def update_pr(self, number: int, title: str, body: str = "", draft: bool = True) -> str:
        """Replace an agent pull request's title and body; ``draft=false`` marks a draft ready for review
        (which needs the repo's trust phase 3 for its kind)."""
        pr = self._agent_pr(number)
        kind = self._kind(pr.branch)
        if pr.draft and not draft:
            self._check_ready(kind)
        with refusals():
            spec = PRSpec(branch=pr.branch, title=title, body=body, draft=draft)
            return self.forge.update_pr(number, spec).model_dump_json(indent=1)

    def comment(self, number: int, body: str) -> str:
        """Add a comment to agent pull request ``number``."""
        self._agent_pr(number)
        with refusals():
            self.forge.comment(number, body)
        return f"commented on #{number}"

    def get_pr(self, number: int) -> str:
        """One agent pull request: branch, base, title, body, state, draft."""
        return self._agent_pr(number).model_dump_json(indent=1)

    def list_prs(self, state: Literal["open", "closed", "merged"] | None = None) -> str:
        """Pull requests from agent branches, newest first; ``state`` is open, closed or merged."""
        with refusals():
            prs = self.forge.list_prs(PRState(state) if state else None)
        return cap("\n".join(f"#{p.number} {p.state} {'draft ' if p.draft else ''}{p.branch}: {p.title}" for p in prs))

    def pr_diff(self, number: int) -> str:
        """The unified diff agent pull request ``number`` proposes."""
        self._agent_pr(number)
        with refusals():
            return cap(self.forge.diff(number))


def build(tools: ForgeTools, **options: Any) -> MCPServer:
    """The ``forge`` server over ``tools``; ``options`` go to ``MCPServer`` (e.g. auth for HTTP)."""
    annotated: dict[Callable[..., str], ToolAnnotations] = {
        tools.get_pr: FORGE_READ, tools.list_prs: FORGE_READ, tools.pr_diff: FORGE_READ,
        tools.push_branch: FORGE_PUT, tools.open_pr: FORGE_PUT, tools.update_pr: FORGE_EDIT, tools.comment: FORGE_ADD,
    }  # fmt: skip
    instructions = (
        "Agent branches and the agent's own pull requests only; never the default branch, never paths the gate "
        "forbids; pull requests stay drafts below trust phase 3."
    )
    return new_server("forge", instructions, annotated, **options)


@contextmanager
def opened(ctx: Context, repo: RepoConfig, commit: str | None = None, **options: Any) -> Iterator[MCPServer]:
    """The ``forge`` server for fleet repo ``repo`` (``commit`` is not used)."""
    from agentfleet.forges.factory import open_forge

    yield build(ForgeTools(open_forge(ctx, repo), repo, ctx.settings.sandbox.dependency_files), **options)
