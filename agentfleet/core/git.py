"""Thin helpers around the ``git`` command line, with errors that say what to fix."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from agentfleet.core.childenv import child_environment
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.core.redact import redact

__all__ = ["IDENTITY", "author", "commit_all", "commit_diff_tree", "commit_sha", "git", "patch_text", "resolve_branch"]

_NETWORK = re.compile(
    r"Could not resolve host|Temporary failure in name resolution|Connection (refused|reset|timed out)|"
    r"Failed to connect|Couldn't connect to server|Operation timed out|"
    r"The requested URL returned error: 5\d\d|RPC failed|early EOF"
)
"""git's words for a remote it could not reach (fetch, clone, ls-remote): retried, not final."""

IDENTITY = ("-c", "user.name=agentfleet", "-c", "user.email=agentfleet@localhost", "-c", "commit.gpgsign=false")
"""Author and committer of the commits agentfleet writes itself."""


def author(name: str, email: str) -> tuple[str, ...]:
    """git options that make ``name <email>`` the author and committer (like ``IDENTITY``)."""
    return ("-c", f"user.name={name}", "-c", f"user.email={email}", "-c", "commit.gpgsign=false")


def commit_all(repo: Path, message: str, identity: Sequence[str] = IDENTITY) -> str:
    """Commit everything in ``repo``'s working tree as ``identity`` (``git init`` first when it is not a
    repository yet); the new HEAD."""
    if not (repo / ".git").exists():
        git("init", "-q", "-b", "main", cwd=repo)
    git(*identity, "add", "-A", cwd=repo)
    git(*identity, "commit", "-q", "--allow-empty", "-m", message, cwd=repo)
    return git("rev-parse", "HEAD", cwd=repo).strip()


def git(
    *args: str,
    cwd: str | Path | None = None,
    timeout: float = 120,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
) -> str:
    """Run ``git args`` and return stdout; ``PermanentError`` with git's message on failure.

    ``env`` adds variables (e.g. ``GIT_INDEX_FILE``) to the inherited environment.
    """
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            check=False,
            env=child_environment(env) if env else None,
        )
    except subprocess.TimeoutExpired:
        raise TransientError(redact(f"git {' '.join(args[:2])} timed out after {timeout:.0f}s (in {cwd})")) from None
    if check and done.returncode != 0:
        message = redact(f"git {' '.join(args)} failed in {cwd or '.'}: {done.stderr.strip()[-500:]}")
        if _NETWORK.search(done.stderr):  # the remote was unreachable: a later attempt may succeed
            raise TransientError(message)
        raise PermanentError(message)
    return done.stdout


def commit_sha(ref: str, cwd: str | Path) -> str | None:
    """The full SHA of the commit ``ref`` names in the repository at ``cwd``, or ``None``."""
    out = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", cwd=cwd, check=False)
    return out.strip() or None


def resolve_branch(location: str, branch: str) -> str:
    """The commit SHA that ``branch`` points to at ``location`` (a path or URL)."""
    out = git("ls-remote", "--", location, f"refs/heads/{branch}", timeout=60)
    sha = out.split()[0] if out.strip() else ""
    if not sha:
        raise PermanentError(
            redact(f"branch {branch!r} not found at {location}; check default_branch for this repo in the fleet file")
        )
    return sha


def patch_text(diff: str) -> str:
    """``diff`` as ``git apply`` reads it: a last line without its newline reads as a corrupt patch."""
    return diff if diff.endswith("\n") else diff + "\n"


def commit_diff_tree(repo: Path, base: str, diff: str) -> str:
    """The tree of ``base`` with ``diff`` applied, written in ``repo`` (bare is fine; no work tree is touched).

    ``PermanentError`` when the diff does not apply to ``base``.
    """
    with tempfile.TemporaryDirectory(prefix="agentfleet-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git("read-tree", base, cwd=repo, env=env)
        if diff.strip():
            patch = Path(tmp) / "patch.diff"
            patch.write_text(patch_text(diff), encoding="utf-8")
            try:
                git("apply", "--cached", "--whitespace=nowarn", str(patch), cwd=repo, env=env)
            except PermanentError as exc:
                raise PermanentError(f"the patch does not apply to {base[:12]}: {exc}") from None
        return git("write-tree", cwd=repo, env=env).strip()
