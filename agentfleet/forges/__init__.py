"""Forges: where gate-approved work is delivered — branches, pull requests, issues.

``Forge`` is the protocol every backend implements; ``FORGES`` names the built-ins (``local``: bare
git repos on disk plus PR records in the store; ``github``: PyGithub, GitHub or GitHub Enterprise;
``memory``: ``InMemoryForge`` for tests and dry runs). A forge only ever writes to agent branches
(``agentfleet/...``): it refuses (``PolicyViolation``) the default branch, protected branches and any
non-fast-forward update; it has no operation that deletes a branch or changes repository settings.
Merging a pull request is the one way a change reaches the default branch.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from agentfleet.contracts import Contract

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["FORGES", "Forge", "ForgeFactory", "Issue", "PRSpec", "PRState", "PullRequest"]

FORGES: dict[str, str] = {
    "local": "agentfleet.forges.local.LocalForge",
    "github": "agentfleet.forges.github.GitHubForge",
    "memory": "agentfleet.forges.memory.InMemoryForge",
}
"""Short name → import path of the built-in forges (a fleet file may also give a dotted path)."""


class PRState(StrEnum):
    """Where a pull request stands."""

    OPEN = "open"
    CLOSED = "closed"
    MERGED = "merged"


class PRSpec(Contract):
    """What a pull request should say: opened with it, or updated to it on a re-run."""

    branch: str
    """The agent branch the PR is from (``agentfleet/<kind>/<short-fingerprint>``)."""
    title: str
    body: str = ""
    """Markdown: root cause, evidence, the error link, tests run, gate report."""
    draft: bool = False
    labels: tuple[str, ...] = ()


class PullRequest(Contract):
    """A pull request as its forge reports it."""

    number: int
    url: str
    branch: str
    base: str
    """The branch it merges into (the repo's default branch)."""
    title: str
    body: str = ""
    state: PRState = PRState.OPEN
    draft: bool = False
    labels: tuple[str, ...] = ()
    head_sha: str = ""
    merge_sha: str | None = None
    """The commit on the base branch that merged it, once merged."""


class Issue(Contract):
    """An issue (phase-1 reports go to one when the repo asks for it)."""

    number: int
    url: str


class Forge(Protocol):
    """One repository on a forge, as agentfleet may touch it."""

    name: str
    """The forge's short name (``local``, ``github``, ``memory``)."""
    default_branch: str

    def push(self, branch: str, *, base_commit: str, diff: str, message: str) -> str:
        """Make ``branch`` hold ``base_commit`` plus ``diff`` as one new commit; returns the branch head.

        Creates the branch, or moves it forward (never a force-push): when the branch exists its
        head becomes a parent of the new commit. Nothing changes when the branch already holds
        that exact tree. ``PolicyViolation`` for the default branch, a protected branch or a
        branch outside ``agentfleet/``; ``PermanentError`` when the diff does not apply.
        """
        ...

    def find_pr(self, branch: str) -> PullRequest | None:
        """The newest pull request from ``branch`` in any state, if there is one."""
        ...

    def open_pr(self, spec: PRSpec) -> PullRequest:
        """Open a pull request from ``spec.branch`` into the default branch."""
        ...

    def update_pr(self, number: int, spec: PRSpec) -> PullRequest:
        """Update title, body and labels; a draft becomes ready when ``spec.draft`` is false."""
        ...

    def get_pr(self, number: int) -> PullRequest:
        """Pull request ``number``; ``PermanentError`` when there is none."""
        ...

    def list_prs(self, state: PRState | None = None) -> list[PullRequest]:
        """Pull requests from agent branches, newest first, optionally in one state."""
        ...

    def diff(self, number: int) -> str:
        """The unified diff pull request ``number`` proposes."""
        ...

    def comment(self, number: int, body: str) -> None:
        """Add a comment to pull request or issue ``number``."""
        ...

    def merge(self, number: int) -> PullRequest:
        """Merge an open, ready pull request into the default branch."""
        ...

    def close(self, number: int) -> PullRequest:
        """Close a pull request without merging it."""
        ...

    def file_issue(self, title: str, body: str, labels: tuple[str, ...] = (), *, number: int | None = None) -> Issue:
        """Open an issue, or update issue ``number`` when given (re-runs update, never duplicate)."""
        ...

    def find_issue(self, marker: str) -> Issue | None:
        """The newest issue (never a pull request) whose body contains ``marker``, in any state.

        Delivery marks each body with its key (``<!-- agentfleet:<key> -->``), so a redelivered report
        finds the issue a killed worker filed instead of filing a second one.
        """
        ...

    def reverted(self) -> set[str]:
        """Commits that a commit on the default branch reverts (``This reverts commit <sha>``)."""
        ...


class ForgeFactory(Protocol):
    """How a forge class is built for one repository of the fleet."""

    def from_config(self, ctx: Context, repo: RepoConfig) -> Forge:
        """A forge for ``repo`` with the process's settings."""
        ...
