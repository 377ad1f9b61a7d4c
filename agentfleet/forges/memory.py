"""``InMemoryForge``: a forge held in memory, for tests and dry runs (no git, no network).

It enforces the same policy as the real forges and keeps every call in ``calls`` so a test can
assert exactly what delivery did. Built from a fleet file (``forge = "memory"``), one instance per
repo lives for the whole process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from agentfleet.contracts import stable_hash
from agentfleet.core.errors import PermanentError
from agentfleet.forges import Issue, PRSpec, PRState, PullRequest
from agentfleet.forges.policy import guard_branch, guard_closable, guard_mergeable, reverted_commits

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["InMemoryForge"]


@dataclass
class _Branch:
    head: str
    base_commit: str
    diff: str


@dataclass
class InMemoryForge:
    """A complete forge in a few dicts; see ``calls`` for what was asked of it."""

    repo: str = "repo"
    default_branch: str = "main"
    protected: tuple[str, ...] = ()
    name: str = "memory"
    branches: dict[str, _Branch] = field(default_factory=dict)
    prs: dict[int, PullRequest] = field(default_factory=dict)
    issues: dict[int, tuple[str, str]] = field(default_factory=dict)
    comments: dict[int, list[str]] = field(default_factory=dict)
    default_log: list[str] = field(default_factory=list)
    """Commit messages on the default branch, oldest first (merges and reverts land here)."""
    calls: list[tuple[str, str]] = field(default_factory=list)
    """``(operation, target)`` for every call, in order."""
    _numbers: int = 0
    _instances: ClassVar[dict[str, InMemoryForge]] = {}

    @classmethod
    def from_config(cls, ctx: Context, repo: RepoConfig) -> InMemoryForge:
        """The process-wide instance for the fleet repo ``repo``."""
        if repo.name not in cls._instances:
            cls._instances[repo.name] = cls(
                repo=repo.name, default_branch=repo.default_branch, protected=tuple(repo.protected_branches)
            )
        return cls._instances[repo.name]

    @classmethod
    def reset(cls) -> None:
        """Forget every process-wide instance (between tests or dry runs)."""
        cls._instances.clear()

    def _next_number(self) -> int:
        self._numbers += 1
        return self._numbers

    def _url(self, kind: str, number: int) -> str:
        return f"memory://{self.repo}/{kind}/{number}"

    def push(self, branch: str, *, base_commit: str, diff: str, message: str) -> str:
        """Record ``diff`` on ``branch``; the head is a hash of parent, base and diff."""
        self.calls.append(("push", branch))
        guard_branch(branch, default_branch=self.default_branch, protected=self.protected)
        current = self.branches.get(branch)
        if current and (current.base_commit, current.diff) == (base_commit, diff):
            return current.head
        parent = current.head if current else base_commit
        head = stable_hash(parent, base_commit, diff, message)
        self.branches[branch] = _Branch(head=head, base_commit=base_commit, diff=diff)
        return head

    def find_pr(self, branch: str) -> PullRequest | None:
        """The newest PR from ``branch``."""
        found = [pr for pr in self.prs.values() if pr.branch == branch]
        return max(found, key=lambda pr: pr.number) if found else None

    def open_pr(self, spec: PRSpec) -> PullRequest:
        """Open a PR from an existing agent branch."""
        self.calls.append(("open_pr", spec.branch))
        guard_branch(spec.branch, default_branch=self.default_branch, protected=self.protected)
        if spec.branch not in self.branches:
            raise PermanentError(f"cannot open a pull request from {spec.branch!r}: push the branch first")
        number = self._next_number()
        pr = PullRequest(
            number=number,
            url=self._url("pull", number),
            branch=spec.branch,
            base=self.default_branch,
            title=spec.title,
            body=spec.body,
            draft=spec.draft,
            labels=spec.labels,
            head_sha=self.branches[spec.branch].head,
        )
        self.prs[number] = pr
        return pr

    def update_pr(self, number: int, spec: PRSpec) -> PullRequest:
        """Update text and labels; a draft may become ready, never the other way round."""
        self.calls.append(("update_pr", str(number)))
        pr = self.get_pr(number)
        changes = {"title": spec.title, "body": spec.body, "labels": spec.labels, "draft": pr.draft and spec.draft}
        changes["head_sha"] = self.branches[pr.branch].head
        self.prs[number] = pr.model_copy(update=changes)
        return self.prs[number]

    def get_pr(self, number: int) -> PullRequest:
        """PR ``number``."""
        if number not in self.prs:
            raise PermanentError(f"no pull request #{number} on {self.repo}")
        return self.prs[number]

    def list_prs(self, state: PRState | None = None) -> list[PullRequest]:
        """PRs newest first."""
        return [pr for pr in sorted(self.prs.values(), key=lambda p: -p.number) if state in (None, pr.state)]

    def diff(self, number: int) -> str:
        """The diff the PR's branch holds."""
        return self.branches[self.get_pr(number).branch].diff

    def comment(self, number: int, body: str) -> None:
        """Append a comment to PR or issue ``number``."""
        self.calls.append(("comment", str(number)))
        if number not in self.prs and number not in self.issues:
            raise PermanentError(f"no pull request or issue #{number} on {self.repo}")
        self.comments.setdefault(number, []).append(body)

    def merge(self, number: int) -> PullRequest:
        """Merge an open, ready PR: the default branch gets one merge commit."""
        self.calls.append(("merge", str(number)))
        pr = self.get_pr(number)
        guard_mergeable(pr)
        sha = stable_hash("merge", pr.head_sha)
        self.default_log.append(f"Merge #{number} {sha}")
        self.prs[number] = pr.model_copy(update={"state": PRState.MERGED, "merge_sha": sha})
        return self.prs[number]

    def close(self, number: int) -> PullRequest:
        """Close a PR unmerged."""
        self.calls.append(("close", str(number)))
        pr = self.get_pr(number)
        guard_closable(pr)
        self.prs[number] = pr.model_copy(update={"state": PRState.CLOSED})
        return self.prs[number]

    def file_issue(self, title: str, body: str, labels: tuple[str, ...] = (), *, number: int | None = None) -> Issue:
        """Open an issue or update issue ``number``."""
        self.calls.append(("file_issue", str(number or "new")))
        if number is None or number not in self.issues:
            number = self._next_number()
        self.issues[number] = (title, body)
        return Issue(number=number, url=self._url("issues", number))

    def find_issue(self, marker: str) -> Issue | None:
        """The newest issue whose body contains ``marker``."""
        found = [number for number, (_, body) in self.issues.items() if marker in body]
        return Issue(number=max(found), url=self._url("issues", max(found))) if found else None

    def revert(self, number: int) -> None:
        """Test helper: a human reverts merged PR ``number`` on the default branch."""
        sha = self.get_pr(number).merge_sha
        self.default_log.append(f'Revert "#{number}"\n\nThis reverts commit {sha}.')

    def reverted(self) -> set[str]:
        """Merge SHAs reverted on the default branch."""
        return reverted_commits(self.default_log)
