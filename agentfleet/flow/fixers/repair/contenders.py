"""When to stop searching: only candidates that could still outrank the best plausible patch are worth a run.

The search does not stop at the first plausible patch (a better-ranked one may come later in search
order: a tier-2 edit that reuses the file's code ranks as tier 1 and can sit on a lower-ranked line),
nor does it run everything. Once a patch is plausible it sets the *bar*: its ``rank.early_key``, the
part of the ranking key known before a candidate runs. From then on the stream hands out only
*contenders*, candidates whose own early key is below the bar: a planned edit is first checked
against its best possible key (``bound``: plain, reusing, tier 1 for tiers 1 and 2, its line's rank,
size 0) without being built, then, once built, against its real one. Every plausible patch found
after the first is a contender, so it lowers the bar; the search ends when no contender is left, at
the extra time allowance after the first plausible patch, or at the budget (``validate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.flow.fixers.repair.rank import EarlyKey, early_key, effective_tier

if TYPE_CHECKING:
    from agentfleet.flow.fixers.repair.candidates import Candidate

__all__ = ["Bar", "bound"]


def bound(tier: int, rank: int) -> EarlyKey:
    """The best early key any edit of ``tier`` at the line of ``rank`` can have."""
    return (False, effective_tier(tier, reuse=True), False, rank, tier, 0)


class Bar:
    """The early key of the best plausible patch so far (none: every candidate is a contender)."""

    def __init__(self) -> None:
        self.key: EarlyKey | None = None

    def lower(self, candidate: Candidate, before: str) -> None:
        """``candidate`` (plausible; ``before`` is its file's original text) may set a better bar."""
        key = early_key(candidate, before)
        self.key = key if self.key is None else min(self.key, key)

    def may_beat(self, tier: int, rank: int) -> bool:
        """An edit of ``tier`` at the line of ``rank`` could still outrank the best plausible patch."""
        return self.key is None or bound(tier, rank) < self.key

    def beats(self, candidate: Candidate, before: str) -> bool:
        """``candidate`` would rank above the best plausible patch, were it plausible."""
        return self.key is None or early_key(candidate, before) < self.key
