"""Validation: every candidate runs the failing tests in a sandbox; survivors run the whole suite.

One thread per sandbox ("slot"); each slot takes a batch of candidates from the shared stream and
runs it with one ``sandbox_runner batch`` call (pytest imported once, one fork per test run). The
search stops at the deadline, when the stream runs dry, or when enough plausible patches are in. A
plausible patch raises the stream's bar (``contenders``): from then on only candidates that could
outrank the best one run, so the stream runs dry once none is left, or the window (``window``:
``explore_after_first`` contenders after the first plausible patch, judged by a one-worker replay of the
finished runs in search order, so the load does not change which patches are kept) ends the search.
A batch cut short (a candidate that took the runner down) loses only that candidate: the rest go
back to the stream. When the failing tests hung in the probe, the tests' limit shortens once finished
runs show what they take (``hang_limit``); candidates cut off under a shortened limit run again at the
usual one once the stream is dry.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from agentfleet.flow.fixers.repair.candidates import Candidate, CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.hang_limit import TestsLimit
from agentfleet.flow.fixers.repair.rank import early_key
from agentfleet.flow.fixers.repair.runner import BatchLimits, BatchRow, Suite, run_batch
from agentfleet.flow.fixers.repair.window import Run, Window

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["Search", "Validator"]

log = logging.getLogger(__name__)


@dataclass
class Search:
    """What validation did."""

    tried: int = 0
    """Candidates run against the failing tests."""
    survivors: int = 0
    """Candidates that made the failing tests pass."""
    broke_suite: int = 0
    """Survivors the whole suite then rejected."""
    timeouts: int = 0
    """Candidates stopped at the time limit (or that took the runner down)."""
    plausible: list[Candidate] = field(default_factory=list)
    """Candidates that pass the failing tests and the whole suite, in the order found (once the search is over:
    those the window keeps)."""
    out_of_time: bool = False
    outranked: int = 0
    """Candidates left unrun because they could not outrank the best plausible patch (``contenders``)."""


class Validator:
    """Runs a ``CandidateStream`` through the sandboxes until the deadline or enough plausible patches."""

    def __init__(
        self,
        boxes: Sequence[Sandbox],
        stream: CandidateStream,
        *,
        failing: list[str],
        config: RepairConfig,
        deadline: float,
        limits: BatchLimits,
        baseline: str | None = None,
        suite: Suite | None = None,
        hung: bool = False,
    ) -> None:
        self.boxes = boxes
        self.suite = suite or Suite()
        """What a candidate that passes the failing tests must also pass."""
        self.baseline = baseline
        """How the failing tests fail on the unchanged code (a candidate failing otherwise changed something)."""
        self.stream = stream
        self.failing = failing
        self.config = config
        self.deadline = deadline
        self.limits = limits
        self.tests_limit = TestsLimit(limits.tests_s, shrinks=hung, floor=config.hung_candidate_timeout_s)
        """The failing tests' limit per batch (``hung``: they hung in the probe, so it may shorten)."""
        self.search = Search()
        self._late: list[Candidate] = []
        self.window = Window(config.explore_after_first, config.max_plausible, behaviour=config.rank_by_behaviour)
        self._running: dict[int, int] = {}
        """Candidates handed out and not finished for good (id → step): the window's replay waits for them."""
        self._closed = False
        self._per_candidate = 0.15
        self._lock = threading.Lock()

    def run(self) -> Search:
        """Validate until done; re-raises a slot's error only when nothing plausible was found."""
        with ThreadPoolExecutor(max_workers=len(self.boxes), thread_name_prefix="repair-slot") as pool:
            futures = [pool.submit(self._slot, box) for box in self.boxes]
        errors = [error for error in (f.exception() for f in futures) if error is not None]
        for error in errors:
            log.warning("repair slot failed: %s", error)
        if errors and not self.search.plausible:
            raise errors[0]
        kept = set(self.window.replay().kept)
        self.search.plausible = [c for c in self.search.plausible if c.id in kept]
        return self.search

    def _done(self) -> bool:
        now = time.monotonic()
        if now >= self.deadline:
            self.search.out_of_time = True
            return True
        return self._closed

    def batch_size(self) -> int:
        """Candidates for the next batch: ``batch_s`` of work at what one costs inside the sandbox."""
        left = max(self.deadline - time.monotonic(), 0.0)
        wanted = min(self.config.batch_s, left) / self._per_candidate
        return int(min(max(wanted, 2), self.config.max_batch))

    def next_batch(self) -> tuple[list[Candidate], BatchLimits]:
        """The stream's next candidates at the present limit; once it is dry, those a shortened limit cut
        off, at the usual one (empty when none is left)."""
        size = self.batch_size()
        batch = self.stream.take(size)
        with self._lock:
            self._running.update((c.id, c.step) for c in batch)
            if batch:
                return batch, replace(self.limits, tests_s=self.tests_limit.current())
            late, self._late = self._late[:size], self._late[size:]
        return late, self.limits

    def _slot(self, box: Sandbox) -> None:
        while not self._done():
            batch, limits = self.next_batch()
            if not batch:
                return
            started = time.monotonic()
            specs = [{"id": c.id, "path": c.path, "source": c.source} for c in batch]
            rows = run_batch(box, self.failing, specs, limits, self.suite)
            elapsed = time.monotonic() - started
            log.debug("repair batch size=%d rows=%d elapsed=%.2fs", len(batch), len(rows), elapsed)
            if len(rows) < len(batch):
                self._cut_short(box, batch, len(rows))
            self.record_batch(batch, rows, limits.tests_s)

    def _cut_short(self, box: Sandbox, batch: list[Candidate], done: int) -> None:
        """Restore the files, count the candidate that was running as failed, requeue the rest."""
        for path in {c.path for c in batch}:
            box.write(path, self.stream.original(path))
        with self._lock:
            self.search.tried += 1
            self.search.timeouts += 1
            self._finished(batch[done], plausible=False)
            self._replay()
        self.stream.requeue(batch[done + 1 :])

    def _finished(self, candidate: Candidate, *, plausible: bool) -> None:
        """``candidate`` ran for good: the window's replay may count it (under the lock)."""
        self._running.pop(candidate.id, None)
        key = early_key(candidate, self.stream.original(candidate.path))
        self.window.add(Run(candidate.step, candidate.id, key, plausible))

    def _replay(self) -> None:
        """Whether the window, replayed up to the earliest candidate still running, ends the search (under the
        lock)."""
        pending = min(self._running.values(), default=None)
        self._closed = self._closed or self.window.replay(pending).closed

    def record_batch(self, batch: list[Candidate], rows: list[BatchRow], tests_s: float | None = None) -> None:
        """Count what a batch run with ``tests_s`` on the failing tests (default: the usual limit) did; its rows'
        own times (not the batch's, which include starting it) size the next batch, or a slow sandbox start
        would shrink the batches until it is most of their time."""
        by_id = {c.id: c for c in batch}
        shortened = tests_s is not None and tests_s < self.limits.tests_s
        for row in rows:
            self.stream.record(row.id, row.failure != self.baseline)
        with self._lock:
            for row in rows:
                self.tests_limit.observe(float(row.seconds), timed_out=row.exit == "timeout")
            again = [by_id[row.id] for row in rows if shortened and row.exit == "timeout"]
            self._late += again
            self.search.tried += len(rows)
            self.search.timeouts += sum(row.exit == "timeout" for row in rows)
            if rows:
                spent = max(sum(row.seconds for row in rows if isinstance(row.seconds, int | float)), 0.01)
                self._per_candidate = 0.5 * self._per_candidate + 0.5 * spent / len(rows)
            for row in rows:
                if by_id[row.id] not in again:
                    self._finished(by_id[row.id], plausible=row.exit == 0 and row.suite == 0)
                if row.exit != 0:
                    continue
                self.search.survivors += 1
                if row.suite != 0:
                    self.search.broke_suite += 1
                    continue
                candidate = by_id[row.id]
                self.search.plausible.append(candidate)
                self.stream.plausible(candidate)
                log.info(
                    "repair plausible path=%s line=%d template=%s", candidate.path, candidate.line, candidate.template
                )
            self._replay()
