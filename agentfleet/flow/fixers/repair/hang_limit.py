"""The failing tests' time limit for a batch, shorter once candidates have shown how long a finished run takes.

When the failing tests hung in the probe, most wrong candidates hang them too and each one costs the whole
per-candidate limit (2 s), so the budget runs out after a few dozen candidates. A run that finishes shows
what the tests take on this host at its present load; a candidate may then take ``FACTOR`` times the
slowest finished run (at least ``floor``, at most the usual limit). A candidate cut off under a shortened
limit is not lost: it runs once more at the usual limit when every other candidate has run
(``Validator``), so a right fix that is merely slow still counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["TestsLimit"]

FACTOR = 5.0
"""A candidate may take this many times the slowest finished run of the failing tests."""
NEEDED = 4
"""Finished runs seen before the limit shortens (one quick run says little about the load)."""


@dataclass
class TestsLimit:
    """Seconds the failing tests may take in the next batch."""

    ceiling: float
    """The usual limit (``BatchLimits.tests_s``)."""
    shrinks: bool
    """Whether the failing tests hung in the probe: only then is the limit shortened."""
    floor: float
    """Never shorter than this (``RepairConfig.hung_candidate_timeout_s``)."""
    _finished: list[float] = field(default_factory=list)

    def observe(self, seconds: float, timed_out: bool) -> None:
        """Note one candidate's run of the failing tests (its time when it finished)."""
        if not timed_out:
            self._finished.append(seconds)

    def current(self) -> float:
        """The limit for the next batch."""
        if not self.shrinks or len(self._finished) < NEEDED:
            return self.ceiling
        return min(self.ceiling, max(self.floor, FACTOR * max(self._finished)))
