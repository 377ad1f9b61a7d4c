"""``TriedPatch``: a change merged for a piece of work before that did not hold in production."""

from __future__ import annotations

from pydantic import Field

from agentfleet.contracts.base import Contract

__all__ = ["TriedPatch"]


class TriedPatch(Contract):
    """A merged patch whose error came back from a release containing it ("tried, did not hold").

    Fixers see it (the repair engine skips a candidate making the same change); the PR of the next
    run shows it.
    """

    diff: str
    """What the merge brought to the default branch (unified diff)."""
    author: str = ""
    """The fixer that wrote it, when known."""
    pr_number: int | None = None
    merge_sha: str = Field(default="", pattern=r"^([0-9a-f]{7,64})?$")
    release: str = ""
    """The release (containing the merge) in which the problem came back (untrusted text)."""
    why: str = ""
    """One line: what came back, where."""
