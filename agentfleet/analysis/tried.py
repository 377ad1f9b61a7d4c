"""Whether a candidate patch makes the same change as one tried before (and merged, and did not hold).

Two diffs make the same change when, outside test files, they touch the same files and remove and add the
same lines (whitespace at the ends ignored): line numbers, context and the regression test that comes
along do not matter.
"""

from __future__ import annotations

from collections.abc import Iterable

from agentfleet.analysis.testfiles import is_test_file
from agentfleet.core.diffs import parse_diff
from agentfleet.core.errors import PermanentError

__all__ = ["change_of", "same_change", "tried_before"]

Change = frozenset[tuple[str, tuple[str, ...], tuple[str, ...]]]


def change_of(diff: str) -> Change:
    """Per non-test file: the lines the diff removes and the lines it adds, stripped."""
    try:
        patch = parse_diff(diff)
    except PermanentError:
        return frozenset()
    change = set()
    for changed in patch:
        if is_test_file(changed.path):
            continue
        lines = [line for hunk in changed for line in hunk]
        removed = tuple(line.value.strip() for line in lines if line.is_removed)
        added = tuple(line.value.strip() for line in lines if line.is_added)
        if removed or added:
            change.add((changed.path, removed, added))
    return frozenset(change)


def same_change(diff: str, other: str) -> bool:
    """``diff`` and ``other`` change the same non-test lines the same way (and change something)."""
    mine = change_of(diff)
    return bool(mine) and mine == change_of(other)


def tried_before(diff: str, tried: Iterable[str]) -> bool:
    """``diff`` makes the same change as one of the ``tried`` diffs."""
    return any(same_change(diff, old) for old in tried)
