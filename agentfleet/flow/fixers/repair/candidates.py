"""Candidate patches: template edits at the suspicious lines, in search order, minus the ones we refuse.

Search order: ``(tier + rank // LOCATION_WINDOW, tier, rank, template order)`` — the cheap, likely
edits of the top few lines first, then cheap edits further down the ranking before riskier edits
of the top lines, and so on. Once every single edit up to ``PAIR_KEY`` has been handed out, pairs
of tier-1 edits (``pairs``) alternate with the remaining single edits, as the single edits' results
make them worth trying. Once a patch is plausible, only candidates that could still outrank it are
handed out (``contenders``).
A candidate is dropped when it duplicates an earlier one, does not compile, touches a test file,
breaks an anti-overfitting rule (``agentfleet.analysis.review_changes``), adds arithmetic that does
nothing (``oddities``) or removes what its function cannot work without (``essentials``).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import libcst as cst

from agentfleet.analysis import FileChange, Literal, is_test_file, review_changes
from agentfleet.flow.fixers.repair.canonical import fingerprint
from agentfleet.flow.fixers.repair.contenders import Bar
from agentfleet.flow.fixers.repair.essentials import lost_essentials
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.oddities import added_identities
from agentfleet.flow.fixers.repair.pairs import Pairs
from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.splice import Rewrite
from agentfleet.flow.fixers.repair.templates import TEMPLATES, Template, edits_at

__all__ = ["LOCATION_WINDOW", "PAIR_KEY", "Candidate", "CandidateStream"]

log = logging.getLogger(__name__)

LOCATION_WINDOW = 3
PAIR_KEY = 2
"""Pairs are tried (every other candidate) once the single edits with a search key up to this one are out."""


PAIR_FAMILY = "two-edits"
PAIR_TIER = 5
"""Pairs rank after every single edit: one edit that passes is the simpler explanation."""


@dataclass(frozen=True)
class _Planned:
    key: tuple[int, int, int, int]
    rank: int
    line: int
    src: SourceFile
    edit: Edit


@dataclass(frozen=True)
class Candidate:
    """One whole-file rewrite proposed at one suspicious line."""

    id: int
    path: str
    line: int
    rank: int
    """Rank of the line in the localisation (0 = most suspicious)."""
    template: str
    tier: int
    source: str
    """The complete new text of ``path``."""
    chunks: tuple[tuple[str, str], ...] = ()
    """Each function (else top-level statement) the rewrite changed, printed alone before and after: what the
    analyses that rank it look at (a big file costs its changed functions, not the file)."""
    step: int = 0
    """Its place in search order: the planned edit's index (a pair: the index of the edit it came before). Unlike
    ``id``, it does not depend on which candidates the bar left out while others were still running."""

    def changes(self, before: str) -> tuple[tuple[str, str], ...]:
        """``chunks``, or the whole file (``before`` → ``source``) when they are not known."""
        return self.chunks or ((before, self.source),)


class CandidateStream:
    """Candidates in search order, built lazily; ``take(n)`` is safe to call from several threads."""

    def __init__(
        self,
        locations: Sequence[Location],
        read: Callable[[str], str],
        literals: frozenset[Literal] = frozenset(),
        limit: int = 1000,
        templates: Sequence[Template] = TEMPLATES,
        *,
        disabled: Collection[str] = (),
        max_pairs: int = 0,
        behaviour: bool = False,
    ) -> None:
        self.read = read
        self.templates = templates
        self.literals = literals
        self.limit = limit
        self.disabled = frozenset(disabled)
        self.pairs = Pairs(0 if PAIR_FAMILY in self.disabled else max_pairs)
        self.discarded: Counter[str] = Counter()
        """Why candidates were dropped: ``duplicate``, ``syntax``, ``test-file`` or a rule name."""
        self.produced = 0
        self.outranked = 0
        """Candidates not handed out because they could not outrank the best plausible patch."""
        self.bar = Bar(behaviour=behaviour)
        self._files: dict[str, SourceFile | None] = {}
        self._seen: set[bytes] = set()
        self._again: list[Candidate] = []
        self._lock = threading.Lock()
        self._planned = self._ordered(locations)
        self._next_planned = 0
        self._turn = False

    def _file(self, path: str) -> SourceFile | None:
        if path not in self._files:
            try:
                self._files[path] = SourceFile(path, self.read(path))
            except (cst.ParserSyntaxError, UnicodeDecodeError) as exc:
                log.info("repair skips %s: libcst cannot parse it (%s)", path, str(exc).splitlines()[0])
                self._files[path] = None
        return self._files[path]

    def _ordered(self, locations: Sequence[Location]) -> list[_Planned]:
        planned = []
        for rank, location in enumerate(locations):
            src = self._file(location.path) if not is_test_file(location.path) else None
            if src is None:
                self.discarded["test-file" if is_test_file(location.path) else "unparsable"] += 1
                continue
            edits = [e for e in edits_at(Site(src, location.line), self.templates) if e.template not in self.disabled]
            for order, edit in enumerate(edits):
                key = (edit.tier + rank // LOCATION_WINDOW, edit.tier, rank, order)
                planned.append(_Planned(key, rank, location.line, src, edit))
        planned.sort(key=lambda item: item.key)
        return planned

    def _admit(self, src: SourceFile, rewrite: Rewrite) -> str | None:
        """Why ``rewrite`` is refused, or ``None`` when it may be validated (every rule looks at the changed
        functions or top-level statements, which is all a local edit can change)."""
        where = f"{src.path}:{','.join(map(str, rewrite.places))}"
        digest = fingerprint(where, "\n".join(after for _, after in rewrite.chunks))
        if digest in self._seen or digest == fingerprint(where, "\n".join(before for before, _ in rewrite.chunks)):
            return "duplicate"
        self._seen.add(digest)
        try:
            for _, after in rewrite.chunks:
                compile(after, src.path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return "syntax"
        try:
            return self._broken_rule(src.path, rewrite)
        except Exception:  # a rule's analysis failing on odd code refuses that candidate, not the whole search
            log.warning("repair refuses a candidate at %s: a rule failed on it", where, exc_info=True)
            return "analysis-error"

    def _broken_rule(self, path: str, rewrite: Rewrite) -> str | None:
        """The first refusal rule ``rewrite`` breaks (``analysis``, ``oddities``' identities, ``essentials``)."""
        changes = [FileChange(path, before, after) for before, after in rewrite.chunks]
        problems = review_changes(changes, test_literals=self.literals, allow_test_edits=False)
        if problems:
            return problems[0].rule
        for before, after in rewrite.chunks:
            refused = "identity" if added_identities(before, after) else lost_essentials(before, after)
            if refused is not None:
                return refused
        return None

    def _pairs_due(self) -> bool:
        if self._next_planned >= len(self._planned):
            return True
        self._turn = not self._turn
        return self._planned[self._next_planned].key[0] > PAIR_KEY and self._turn

    def _next(self) -> Candidate | None:
        while True:
            pair = self.pairs.take() if self._pairs_due() else None
            step = self._next_planned
            if pair is not None:
                line, rank, template, tier = pair.line, pair.rank, pair.template, PAIR_TIER
            elif self._next_planned < len(self._planned):
                item = self._planned[self._next_planned]
                self._next_planned += 1
                line, rank, template, tier = item.line, item.rank, item.edit.template, item.edit.tier
            else:
                return None
            if not self.bar.may_beat(tier, rank):
                self.outranked += 1
                continue
            src = pair.src if pair is not None else item.src
            rewrite = src.rewrite(pair.edits if pair is not None else [item.edit])
            refused = self._admit(src, rewrite)
            if refused is not None:
                self.discarded[refused] += 1
                continue
            where = (src.path, line, rank)
            candidate = Candidate(self.produced + 1, *where, template, tier, rewrite.text, rewrite.chunks, step)
            if not self.bar.beats(candidate, src.text):
                self.outranked += 1
                continue
            self.produced += 1
            if pair is None:
                self.pairs.offer(self.produced, src, item.edit, rank, line)
            return candidate

    def plausible(self, candidate: Candidate) -> None:
        """``candidate`` passed every test: from now on only candidates that could outrank it are handed out."""
        with self._lock:
            self.bar.lower(candidate, self.original(candidate.path))

    def record(self, candidate_id: int, changed: bool) -> None:
        """Candidate ``candidate_id`` ran: did it change how the failing tests fail? (Feeds the pairs.)"""
        with self._lock:
            self.pairs.record(candidate_id, changed)

    def take(self, n: int) -> list[Candidate]:
        """Up to ``n`` more candidates (fewer at the end of the search or at the limit)."""
        with self._lock:
            batch, self._again = self._again[:n], self._again[n:]
            while len(batch) < n and self.produced < self.limit:
                candidate = self._next()
                if candidate is None:
                    break
                batch.append(candidate)
        return batch

    def requeue(self, candidates: list[Candidate]) -> None:
        """Hand ``candidates`` out again first (their batch was cut short before they ran)."""
        with self._lock:
            self._again = [*candidates, *self._again]

    def original(self, path: str) -> str:
        """The unmodified text of ``path``."""
        src = self._files.get(path)
        return src.text if src is not None else self.read(path)
