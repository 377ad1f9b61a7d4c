"""The ``local`` forge: a bare git repository per fleet repo under the data dir, PRs in the store.

Branches live in ``<data_dir>/forge/<repo>.git``, which mirrors the repo's default branch from its
location; merging a PR moves that mirror's default branch (``git pull`` it from there). Review
with ``agentfleet pr list|show|diff|merge|close``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError
from agentfleet.forges import Issue, PRSpec, PRState, PullRequest
from agentfleet.forges import local_records as records
from agentfleet.forges.bare import BareRepo
from agentfleet.forges.policy import guard_branch, guard_closable, guard_mergeable
from agentfleet.store import Store

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["LocalForge"]


class LocalForge:
    """Pull requests between branches of a bare repository on this machine."""

    name = "local"

    def __init__(self, store: Store, repo: RepoConfig, bare: BareRepo) -> None:
        self.store = store
        self.repo = repo
        self.bare = bare
        self.default_branch = repo.default_branch

    @classmethod
    def from_config(cls, ctx: Context, repo: RepoConfig) -> LocalForge:
        """The local forge of ``repo`` under the data dir."""
        path = (ctx.settings.data_dir / "forge" / f"{repo.name}.git").resolve()
        return cls(ctx.store, repo, BareRepo(path, repo.default_branch))

    def _guard(self, branch: str) -> None:
        guard_branch(branch, default_branch=self.default_branch, protected=self.repo.protected_branches)

    def _pr(self, number: int) -> records.ForgeRecordRow:
        return records.get(self.store, self.repo.name, number, kind=records.PR)

    def push(self, branch: str, *, base_commit: str, diff: str, message: str) -> str:
        """Commit ``diff`` on ``base_commit`` to ``branch`` in the bare repository."""
        self._guard(branch)
        self.bare.sync(self.repo.location)
        return self.bare.commit_patch(branch, base_commit=base_commit, diff=diff, message=message)

    def find_pr(self, branch: str) -> PullRequest | None:
        """The newest PR from ``branch``."""
        row = records.find_branch(self.store, self.repo.name, branch)
        return records.to_pull_request(row) if row else None

    def open_pr(self, spec: PRSpec) -> PullRequest:
        """Record a PR from a pushed agent branch."""
        self._guard(spec.branch)
        head = self.bare.sha(f"refs/heads/{spec.branch}")
        if head is None:
            raise PermanentError(f"cannot open a pull request from {spec.branch!r}: push the branch first")
        number = records.add(
            self.store,
            self.repo.name,
            records.PR,
            branch=spec.branch,
            base=self.default_branch,
            title=spec.title,
            body=spec.body,
            draft=spec.draft,
            labels=list(spec.labels),
            head_sha=head,
        )
        return self.get_pr(number)

    def update_pr(self, number: int, spec: PRSpec) -> PullRequest:
        """New text, labels and head; a draft may become ready, never the other way round."""
        row = self._pr(number)
        records.update_record(
            self.store,
            self.repo.name,
            number,
            title=spec.title,
            body=spec.body,
            labels=list(spec.labels),
            draft=row.draft and spec.draft,
            head_sha=self.bare.sha(f"refs/heads/{row.branch}") or row.head_sha,
        )
        return self.get_pr(number)

    def get_pr(self, number: int) -> PullRequest:
        """PR ``number``."""
        return records.to_pull_request(self._pr(number))

    def list_prs(self, state: PRState | None = None) -> list[PullRequest]:
        """PRs newest first."""
        rows = records.listing(self.store, self.repo.name, records.PR, state.value if state else None)
        return [records.to_pull_request(row) for row in rows]

    def diff(self, number: int) -> str:
        """What the PR changes (for a merged PR: what its merge brought in)."""
        row = self._pr(number)
        base = f"{row.merge_sha}^1" if row.merge_sha else f"refs/heads/{self.default_branch}"
        return self.bare.diff(base, row.head_sha)

    def comment(self, number: int, body: str) -> None:
        """Append a comment to PR or issue ``number``."""
        records.comment(self.store, self.repo.name, number, body)

    def merge(self, number: int) -> PullRequest:
        """Merge an open, ready PR with a merge commit on the default branch."""
        pr = self.get_pr(number)
        guard_mergeable(pr)
        sha = self.bare.merge(pr.branch, f"Merge pull request #{number} from {pr.branch}\n\n{pr.title}")
        records.update_record(self.store, self.repo.name, number, state=PRState.MERGED.value, merge_sha=sha)
        return self.get_pr(number)

    def close(self, number: int) -> PullRequest:
        """Close a PR unmerged."""
        guard_closable(self.get_pr(number))
        records.update_record(self.store, self.repo.name, number, state=PRState.CLOSED.value)
        return self.get_pr(number)

    def file_issue(self, title: str, body: str, labels: tuple[str, ...] = (), *, number: int | None = None) -> Issue:
        """Open an issue, or update issue ``number``."""
        known = {row.number for row in records.listing(self.store, self.repo.name, records.ISSUE)}
        if number in known:
            records.update_record(self.store, self.repo.name, number, title=title, body=body, labels=list(labels))
        else:
            number = records.add(self.store, self.repo.name, records.ISSUE, title=title, body=body, labels=list(labels))
        return Issue(number=number, url=f"local://{self.repo.name}/issues/{number}")

    def find_issue(self, marker: str) -> Issue | None:
        """The newest issue whose body contains ``marker``."""
        row = records.find_marked(self.store, self.repo.name, records.ISSUE, marker)
        return Issue(number=row.number, url=f"local://{self.repo.name}/issues/{row.number}") if row else None

    def reverted(self) -> set[str]:
        """Commits reverted on the default branch, here or at the repo's location."""
        self.bare.sync(self.repo.location)
        return self.bare.reverted()
