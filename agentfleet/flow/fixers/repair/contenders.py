"""When to stop searching: only candidates that could still outrank the best plausible patch are worth a run.

The search does not stop at the first plausible patch (a better-ranked one may come later in search
order: a tier-2 edit that reuses the file's code ranks as tier 1 and can sit on a lower-ranked line),
nor does it run everything. Once a patch is plausible it sets the *bar*: its ``rank.early_key``, the
part of the ranking key known before a candidate runs. From then on the stream hands out only
*contenders*, candidates whose own early key is below the bar: a planned edit is first checked
against its best possible key (``bound``: plain, reusing, tier 1 for tiers 1 and 2, its line's rank,
size 0) without being built, then, once built, against its real one. Every plausible patch found
after the first is a contender, so it lowers the bar; the search ends when no contender is left, after
the contenders the window allows past the first plausible patch (``window``), or at the budget (``validate``).

With the behavioural tie-breaker on, the ranking key puts the behavioural distance right after odd, tier
and reuse, and the distance is known only once every plausible patch has run: a candidate then
contends when its first three parts are no worse than the bar's (``BEHAVIOUR_PARTS``), since it may win
on distance whatever its line rank or size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.flow.fixers.repair.rank import EarlyKey, early_key, effective_tier

if TYPE_CHECKING:
    from agentfleet.flow.fixers.repair.candidates import Candidate

__all__ = ["BEHAVIOUR_PARTS", "Bar", "bound"]

BEHAVIOUR_PARTS = 3
"""Early-key parts ranked before the behavioural distance (odd, tier, reuse): ``rank.rank_key``."""


def bound(tier: int, rank: int) -> EarlyKey:
    """The best early key any edit of ``tier`` at the line of ``rank`` can have."""
    return (False, effective_tier(tier, reuse=True), False, rank, tier, 0)


class Bar:
    """The early key of the best plausible patch so far (none: every candidate is a contender); ``behaviour``:
    the ranking breaks ties by behavioural distance, so only the parts before it decide."""

    def __init__(self, *, behaviour: bool = False) -> None:
        self.key: EarlyKey | None = None
        self.behaviour = behaviour

    def admits(self, key: EarlyKey) -> bool:
        """A candidate of early key ``key`` would rank above the best plausible patch, were it plausible."""
        if self.key is None:
            return True
        if self.behaviour:
            return key[:BEHAVIOUR_PARTS] <= self.key[:BEHAVIOUR_PARTS]
        return key < self.key

    def lower(self, candidate: Candidate, before: str) -> None:
        """``candidate`` (plausible; ``before`` is its file's original text) may set a better bar."""
        self.lower_to(early_key(candidate, before))

    def lower_to(self, key: EarlyKey) -> None:
        """A plausible patch of early key ``key`` may set a better bar."""
        self.key = key if self.key is None else min(self.key, key)

    def may_beat(self, tier: int, rank: int) -> bool:
        """An edit of ``tier`` at the line of ``rank`` could still outrank the best plausible patch."""
        return self.admits(bound(tier, rank))

    def beats(self, candidate: Candidate, before: str) -> bool:
        """``candidate`` would rank above the best plausible patch, were it plausible."""
        return self.admits(early_key(candidate, before))
