"""The boundaries every forge enforces before it writes anything."""

from __future__ import annotations

import re

from agentfleet.errors import PolicyViolation

__all__ = ["AGENT_PREFIX", "REVERT_RE", "guard_branch"]

AGENT_PREFIX = "agentfleet/"
"""Agents write only to branches under this prefix."""

REVERT_RE = re.compile(r"This reverts commit ([0-9a-f]{7,40})")
"""How ``git revert`` (and GitHub's revert button) name the commit they undo."""


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
