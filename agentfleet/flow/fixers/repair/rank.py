"""Ranking plausible patches: plain before no-op-looking, then likeliest template tier (a tier-2 edit that
reuses an expression of the file counts as tier 1, and reuse comes first within a tier: ``reuse``), least
behaviour changed (``behaviour`` fills it in), most suspicious line (on one line, an edit of the tier before
one promoted to it), smallest edit, fewest tests affected."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentfleet.core.diffs import unified_diff
from agentfleet.flow.fixers.repair.oddities import added_oddities
from agentfleet.flow.fixers.repair.reuse import RENAMES, reuses_code

if TYPE_CHECKING:
    from agentfleet.flow.fixers.repair.candidates import Candidate
    from agentfleet.flow.fixers.repair.spectrum import Spectrum

__all__ = ["EarlyKey", "Ranked", "early_key", "edit_size", "effective_tier", "order", "rank", "rank_key"]

EarlyKey = tuple[bool, int, bool, int, int, int]
"""The part of ``rank_key`` known before a candidate runs: odd, tier, not reusing, line rank, own tier, size."""


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
    reuse: bool = False
    """The patch writes an expression the file already has (``reuse``)."""


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
        odd = added_oddities(candidate.changes(before))
        reuse = reuses_code(before, candidate.changes(before), rename=candidate.template in RENAMES)
        ranked.append(Ranked(candidate, size, affected, diff, odd, reuse=reuse))
    return order(ranked)


def effective_tier(tier: int, *, reuse: bool) -> int:
    """The tier a patch ranks at: a tier-2 edit that reuses the file's code counts as tier 1."""
    return 1 if reuse and tier == 2 else tier


def rank_key(r: Ranked, *, behaviour: bool = True) -> tuple[int, ...]:
    """Plain before odd, then tier (``effective_tier``), reuse, behavioural distance (unless ``behaviour`` is
    off), localisation rank, the template's own tier (on one line, a tier-1 edit before a tier-2 one promoted
    by reuse), size, tests affected."""
    c = r.candidate
    early = _early(r.odd > 0, c.tier, r.reuse, c.rank, r.size)
    return (*early[:3], r.distance if behaviour else 0, *early[3:], r.affected, c.id)


def early_key(candidate: Candidate, before: str) -> EarlyKey:
    """``rank_key``'s order as far as it is known before ``candidate`` runs (``before``: its file's text)."""
    odd = added_oddities(candidate.changes(before)) > 0
    reuse = reuses_code(before, candidate.changes(before), rename=candidate.template in RENAMES)
    return _early(odd, candidate.tier, reuse, candidate.rank, edit_size(*_changed_window(before, candidate.source)))


def _early(odd: bool, tier: int, reuse: bool, rank: int, size: int) -> EarlyKey:
    """The ranking key's parts known before a run, in ``rank_key``'s order (its distance goes after the third)."""
    return (odd, effective_tier(tier, reuse=reuse), not reuse, rank, tier, size)


def order(ranked: list[Ranked]) -> list[Ranked]:
    """``ranked`` best first (``rank_key``)."""
    return sorted(ranked, key=rank_key)
