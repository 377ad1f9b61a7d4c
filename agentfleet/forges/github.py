"""The ``github`` forge: PyGithub against GitHub or GitHub Enterprise (``AGENTFLEET_GITHUB__BASE_URL``).

Git data goes through the REST API (blobs, trees, commits, refs): a branch is created, or moved
forward with ``force=false``; the default branch is only ever changed by merging a pull request.
Drafts become ready through GraphQL (``markPullRequestReadyForReview``), as REST cannot do it.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import requests
from github import Auth, Github, GithubException, InputGitTreeElement
from github.PullRequest import PullRequest as GhPull

from agentfleet.core.diffs import apply_to_files
from agentfleet.core.errors import ConfigError, PermanentError, TransientError
from agentfleet.forges import Issue, PRSpec, PRState, PullRequest
from agentfleet.forges.policy import AGENT_PREFIX, guard_branch, guard_closable, guard_mergeable, reverted_commits

if TYPE_CHECKING:
    from github.GitCommit import GitCommit
    from github.GitRef import GitRef
    from github.Repository import Repository

    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig

__all__ = ["GitHubForge"]

_REVERT_SCAN = 300
"""How many recent default-branch commits ``reverted`` reads."""
_ISSUE_SCAN = 300
"""How many of the newest issues ``find_issue`` reads (the listing is consistent at once; search is not)."""


@contextmanager
def _errors(what: str) -> Iterator[None]:
    """GitHub failures as agentfleet errors: 5xx, 429 and lost connections are transient."""
    try:
        yield
    except GithubException as exc:
        detail = exc.data.get("message", "") if isinstance(exc.data, dict) else str(exc.data)
        if exc.status in {429, 500, 502, 503, 504} or (exc.status == 403 and "rate limit" in detail.lower()):
            raise TransientError(f"GitHub {what}: {exc.status} {detail}; will retry") from None
        if exc.status == 401:
            raise PermanentError(f"GitHub {what}: the token was rejected; check AGENTFLEET_GITHUB__TOKEN") from None
        raise PermanentError(f"GitHub {what}: {exc.status} {detail}") from None
    except requests.RequestException as exc:
        raise TransientError(f"GitHub {what}: {type(exc).__name__}: {exc}") from None


def _to_pr(pr: GhPull) -> PullRequest:
    state = PRState.MERGED if pr.merged else PRState(pr.state)
    return PullRequest(
        number=pr.number,
        url=pr.html_url,
        branch=pr.head.ref,
        base=pr.base.ref,
        title=pr.title,
        body=pr.body or "",
        state=state,
        draft=bool(pr.draft),
        labels=tuple(label.name for label in pr.labels),
        head_sha=pr.head.sha,
        merge_sha=pr.merge_commit_sha if state is PRState.MERGED else None,
    )


class GitHubForge:
    """One GitHub repository, touched only through agent branches and pull requests."""

    name = "github"

    def __init__(self, repo: RepoConfig, gh: Repository) -> None:
        self.repo = repo
        self.gh = gh
        self.default_branch = repo.default_branch
        self.owner = (repo.github_repo or "/").split("/")[0]

    @classmethod
    def from_config(cls, ctx: Context, repo: RepoConfig) -> GitHubForge:
        """A forge on ``repo.github_repo`` with the token and base URL from settings."""
        conf = ctx.settings.github
        if not repo.github_repo:
            raise ConfigError(f"repo {repo.name!r} uses forge 'github' but sets no github_repo = 'owner/name'")
        if conf.token is None:
            raise ConfigError(f"repo {repo.name!r} uses forge 'github': set AGENTFLEET_GITHUB__TOKEN")
        client = Github(
            auth=Auth.Token(conf.token.get_secret_value()),
            base_url=conf.base_url,
            timeout=int(conf.timeout_s),
            retry=None,
            seconds_between_requests=conf.seconds_between_requests,
            seconds_between_writes=conf.seconds_between_writes,
            lazy=True,
        )
        return cls(repo, client.get_repo(repo.github_repo))

    def _head(self, branch: str) -> tuple[GitRef, GitCommit] | None:
        """The branch's ref (fetched, so it carries its API URL) and head commit."""
        try:
            ref = self.gh.get_git_ref(f"heads/{branch}")
            return ref, self.gh.get_git_commit(ref.object.sha)
        except GithubException as exc:
            if exc.status == 404:
                return None
            raise

    def _tree_elements(self, base_commit: str, diff: str) -> list[InputGitTreeElement]:
        tree = self.gh.get_git_tree(base_commit, recursive=True)
        entries = {entry.path: entry for entry in tree.tree}

        def original(path: str) -> str:
            if path not in entries:
                raise PermanentError(f"the patch changes {path!r}, which is not in {base_commit[:12]}")
            blob = self.gh.get_git_blob(entries[path].sha)
            return base64.b64decode(blob.content).decode("utf-8")

        elements = []
        for path, text in apply_to_files(diff, original).items():
            mode = entries[path].mode if path in entries else "100644"
            sha = self.gh.create_git_blob(text, "utf-8").sha if text is not None else None
            elements.append(InputGitTreeElement(path, mode, "blob", sha=sha))
        return elements

    def push(self, branch: str, *, base_commit: str, diff: str, message: str) -> str:
        """Blobs, a tree on the base tree, one commit, then create the ref or move it forward."""
        guard_branch(branch, default_branch=self.default_branch, protected=self.repo.protected_branches)
        with _errors(f"push {branch}"):
            base = self.gh.get_git_commit(base_commit)
            elements = self._tree_elements(base_commit, diff) if diff.strip() else []
            tree = self.gh.create_git_tree(elements, base.tree) if elements else base.tree
            found = self._head(branch)
            if found is None:
                commit = self.gh.create_git_commit(message, tree, [base])
                self.gh.create_git_ref(f"refs/heads/{branch}", commit.sha)
                return commit.sha
            ref, current = found
            if current.tree.sha == tree.sha:
                return current.sha
            parents = [current]
            if self.gh.compare(base_commit, current.sha).status not in {"ahead", "identical"}:
                parents.append(base)
            commit = self.gh.create_git_commit(message, tree, parents)
            ref.edit(commit.sha, force=False)
            return commit.sha

    def find_pr(self, branch: str) -> PullRequest | None:
        """The newest PR from ``branch``, open or not."""
        with _errors(f"find PR for {branch}"):
            found = list(self.gh.get_pulls(state="all", head=f"{self.owner}:{branch}"))
            return _to_pr(max(found, key=lambda pr: pr.number)) if found else None

    def open_pr(self, spec: PRSpec) -> PullRequest:
        """Open a draft or ready PR into the default branch and set its labels."""
        guard_branch(spec.branch, default_branch=self.default_branch, protected=self.repo.protected_branches)
        with _errors(f"open PR for {spec.branch}"):
            pr = self.gh.create_pull(
                base=self.default_branch, head=spec.branch, title=spec.title, body=spec.body, draft=spec.draft
            )
            if spec.labels:
                pr.set_labels(*spec.labels)
            return _to_pr(self.gh.get_pull(pr.number))

    def update_pr(self, number: int, spec: PRSpec) -> PullRequest:
        """New title, body and labels; a draft is marked ready when ``spec.draft`` is false."""
        with _errors(f"update PR #{number}"):
            pr = self.gh.get_pull(number)
            pr.edit(title=spec.title, body=spec.body)
            pr.set_labels(*spec.labels)
            if pr.draft and not spec.draft:
                pr.mark_ready_for_review()
            return _to_pr(self.gh.get_pull(number))

    def get_pr(self, number: int) -> PullRequest:
        """PR ``number``."""
        with _errors(f"get PR #{number}"):
            return _to_pr(self.gh.get_pull(number))

    def list_prs(self, state: PRState | None = None) -> list[PullRequest]:
        """Agent PRs newest first."""
        query = "open" if state is PRState.OPEN else "all" if state is None else "closed"
        with _errors("list PRs"):
            pulls = [_to_pr(pr) for pr in self.gh.get_pulls(state=query) if pr.head.ref.startswith(AGENT_PREFIX)]
        return sorted((pr for pr in pulls if state in (None, pr.state)), key=lambda pr: -pr.number)

    def diff(self, number: int) -> str:
        """The PR's diff, rebuilt from its per-file patches."""
        parts = []
        with _errors(f"diff of PR #{number}"):
            for f in self.gh.get_pull(number).get_files():
                old = f.previous_filename or f.filename
                source = "/dev/null" if f.status == "added" else f"a/{old}"
                target = "/dev/null" if f.status == "removed" else f"b/{f.filename}"
                parts.append(f"diff --git a/{old} b/{f.filename}\n--- {source}\n+++ {target}\n{f.patch or ''}\n")
        return "".join(parts)

    def comment(self, number: int, body: str) -> None:
        """Comment on PR or issue ``number``."""
        with _errors(f"comment on #{number}"):
            self.gh.get_issue(number).create_comment(body)

    def merge(self, number: int) -> PullRequest:
        """Merge an open, ready PR (GitHub applies branch protection and required checks)."""
        with _errors(f"merge PR #{number}"):
            pr = self.gh.get_pull(number)
            guard_mergeable(_to_pr(pr))
            pr.merge(merge_method="merge", commit_title=f"Merge pull request #{number} from {pr.head.ref}")
            return _to_pr(self.gh.get_pull(number))

    def close(self, number: int) -> PullRequest:
        """Close a PR unmerged."""
        with _errors(f"close PR #{number}"):
            pr = self.gh.get_pull(number)
            guard_closable(_to_pr(pr))
            pr.edit(state="closed")
            return _to_pr(self.gh.get_pull(number))

    def file_issue(self, title: str, body: str, labels: tuple[str, ...] = (), *, number: int | None = None) -> Issue:
        """Open an issue, or edit issue ``number``."""
        with _errors("file issue"):
            if number is not None:
                issue = self.gh.get_issue(number)
                issue.edit(title=title, body=body, labels=list(labels))
            else:
                issue = self.gh.create_issue(title=title, body=body, labels=list(labels))
            return Issue(number=issue.number, url=issue.html_url)

    def find_issue(self, marker: str) -> Issue | None:
        """The newest issue whose body contains ``marker``, among the newest ``_ISSUE_SCAN`` issues and PRs."""
        with _errors("find issue"):
            newest = self.gh.get_issues(state="all", sort="created", direction="desc")
            for issue in itertools.islice(newest, _ISSUE_SCAN):
                if issue.pull_request is None and marker in (issue.body or ""):
                    return Issue(number=issue.number, url=issue.html_url)
        return None

    def reverted(self) -> set[str]:
        """Commits reverted by recent commits on the default branch."""
        with _errors("read default-branch history"):
            commits = itertools.islice(self.gh.get_commits(sha=self.default_branch), _REVERT_SCAN)
            return reverted_commits(c.commit.message for c in commits)
