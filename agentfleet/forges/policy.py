"""The boundaries every forge enforces before it writes anything."""

from __future__ import annotations

import re
from collections.abc import Iterable

from agentfleet.core.errors import PermanentError, PolicyViolation
from agentfleet.forges import PRState, PullRequest

__all__ = ["AGENT_PREFIX", "guard_branch", "guard_closable", "guard_mergeable", "reverted_commits"]

AGENT_PREFIX = "agentfleet/"
"""Agents write only to branches under this prefix."""

REVERT_RE = re.compile(r"This reverts commit ([0-9a-f]{7,40})")
"""How ``git revert`` (and GitHub's revert button) name the commit they undo."""


def reverted_commits(messages: Iterable[str]) -> set[str]:
    """The commits that the commit ``messages`` say they revert."""
    return {match.group(1) for message in messages for match in REVERT_RE.finditer(message)}


def guard_mergeable(pr: PullRequest) -> None:
    """``PermanentError`` unless ``pr`` is open and ready (not a draft)."""
    if pr.state is not PRState.OPEN or pr.draft:
        raise PermanentError(f"pull request #{pr.number} is {'a draft' if pr.draft else pr.state.value}; cannot merge")


def guard_closable(pr: PullRequest) -> None:
    """``PermanentError`` when ``pr`` is merged (closing cannot undo that)."""
    if pr.state is PRState.MERGED:
        raise PermanentError(f"pull request #{pr.number} is already merged; revert it instead")


def guard_branch(branch: str, *, default_branch: str, protected: tuple[str, ...] | list[str] = ()) -> None:
    """``PolicyViolation`` unless ``branch`` is an agent branch that is neither default nor protected."""
    if branch == default_branch:
        raise PolicyViolation(f"refusing to write to the default branch {branch!r}; agents only push agent branches")
    if branch in protected:
        raise PolicyViolation(
            f"refusing to write to protected branch {branch!r} (protected_branches in the fleet file)"
        )
    if not branch.startswith(AGENT_PREFIX) or ".." in branch or branch.endswith("/"):
        raise PolicyViolation(f"refusing to write to {branch!r}: agent branches are named {AGENT_PREFIX}<kind>/<id>")
