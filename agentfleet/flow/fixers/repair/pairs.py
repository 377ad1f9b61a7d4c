"""Two edits at once: pairs of tier-1 edits (and operand swaps) at the top-ranked lines, for bugs no single
edit fixes. An operand swap (``x - peak`` → ``peak - x``, tier 2) pairs too: like a tier-1 edit it keeps every
token and changes one relation, and a quantity taken the wrong way round often comes with a second slip.

A pair is only worth a sandbox run when each of its edits, alone, changed how a failing test fails
(another test fails first, another exception, another message, a hang that ends): an edit that
changed nothing is pruned from pairing. Pairs are offered as single edits' results come in, the
pair of the earliest-tried edits first, up to a limit; the stream tries them only once the likely
single edits have had their turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from agentfleet.flow.fixers.repair.source import Edit, SourceFile

__all__ = ["PAIR_LINES", "Pair", "Pairs", "pairable"]

PAIR_LINES = 5
"""Single edits at the most suspicious lines up to this rank may pair."""
SWAPS = "swapped-arguments"
"""The tier-2 family that pairs as well as tier 1 (``pairable``)."""


def pairable(edit: Edit) -> bool:
    """``edit`` may be one of a pair: tier 1, or a tier-2 swap of two operands or arguments."""
    return edit.tier == 1 or (edit.tier == 2 and edit.template == SWAPS)


@dataclass(frozen=True)
class _Single:
    src: SourceFile
    edit: Edit
    rank: int
    line: int


@dataclass(frozen=True)
class Pair:
    """Two edits to apply together to one file."""

    src: SourceFile
    edits: tuple[Edit, Edit]
    rank: int
    """The lower-ranked (higher number) of the two lines' ranks."""
    line: int
    template: str


class Pairs:
    """Pairable single edits offered for pairing, what their runs showed, and the pairs still to try."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.made = 0
        self._offered: dict[int, _Single] = {}
        self._effective: list[_Single] = []
        self._next_k = 1
        self._next_j = 0

    def offer(self, candidate_id: int, src: SourceFile, edit: Edit, rank: int, line: int) -> None:
        """``edit`` (validated as candidate ``candidate_id``) may pair, once its run shows it changed something."""
        if pairable(edit) and rank < PAIR_LINES and self.limit > 0:
            self._offered[candidate_id] = _Single(src, edit, rank, line)

    def record(self, candidate_id: int, changed: bool) -> None:
        """The run of candidate ``candidate_id`` did (or did not) change how the failing tests fail."""
        single = self._offered.pop(candidate_id, None)
        if single is not None and changed:
            self._effective.append(single)

    def take(self) -> Pair | None:
        """The next pair to try, or ``None`` (for now: more may come as results arrive)."""
        while self.made < self.limit and self._next_k < len(self._effective):
            a, b = self._effective[self._next_j], self._effective[self._next_k]
            self._next_j += 1
            if self._next_j >= self._next_k:
                self._next_k, self._next_j = self._next_k + 1, 0
            if a.src is b.src and not _overlap(a.src, a.edit, b.edit):
                self.made += 1
                first, second = sorted((a, b), key=lambda s: s.line)
                template = f"two-edits ({first.edit.template} + {second.edit.template})"
                return Pair(a.src, (first.edit, second.edit), max(a.rank, b.rank), first.line, template)
        return None


def _overlap(src: SourceFile, a: Edit, b: Edit) -> bool:
    """The two edits touch the same code (one node inside the other, or the same node)."""
    ra, rb = src.positions[a.old], src.positions[b.old]
    start_a, end_a = (ra.start.line, ra.start.column), (ra.end.line, ra.end.column)
    start_b, end_b = (rb.start.line, rb.start.column), (rb.end.line, rb.end.column)
    return start_a < end_b and start_b < end_a
