"""Ranking plausible patches: plain before no-op-looking, then likeliest template tier, least behaviour changed
(``behaviour`` fills it in), most suspicious line, smallest edit, fewest tests affected."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from agentfleet.core.diffs import unified_diff
from agentfleet.flow.fixers.repair.candidates import Candidate
from agentfleet.flow.fixers.repair.oddities import added_oddities
from agentfleet.flow.fixers.repair.spectrum import Spectrum

__all__ = ["Ranked", "edit_size", "order", "rank"]


@dataclass(frozen=True)
class Ranked:
    """A plausible candidate with what ranked it."""

    candidate: Candidate
    size: int
    """Characters inserted plus deleted."""
    affected: int
    """Passing tests that run the edited line (their behaviour may change)."""
    diff: str
    odd: int = 0
    """No-op-looking forms the patch adds (``not not x``, ``x[:]``, ``abs(abs(x))``): ranked after plain ones."""
    distance: int = 0
    """Calls of the edited function near the tests' own that answer differently than before (``behaviour``)."""


def edit_size(before: str, after: str) -> int:
    """Characters inserted plus deleted to turn ``before`` into ``after``."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


def _changed_window(before: str, after: str) -> tuple[str, str]:
    """Only the differing middle of two texts (edit sizes are computed on it: fast on big files)."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start : len(before) - end], after[start : len(after) - end]


def rank(plausible: list[Candidate], original: dict[str, str], spectrum: Spectrum) -> list[Ranked]:
    """``plausible`` best first: plain before odd, then by tier, localisation rank, size, tests affected."""
    passing = set(spectrum.passing)
    ranked = []
    for candidate in plausible:
        before = original[candidate.path]
        size = edit_size(*_changed_window(before, candidate.source))
        affected = len(spectrum.covering(candidate.path, candidate.line) & passing)
        diff = unified_diff(candidate.path, before, candidate.source)
        ranked.append(Ranked(candidate, size, affected, diff, added_oddities(before, candidate.source)))
    return order(ranked)


def order(ranked: list[Ranked]) -> list[Ranked]:
    """Plain before odd, then by tier, behavioural distance, localisation rank, size, tests affected."""
    return sorted(
        ranked,
        key=lambda r: (r.odd > 0, r.candidate.tier, r.distance, r.candidate.rank, r.size, r.affected, r.candidate.id),
    )
