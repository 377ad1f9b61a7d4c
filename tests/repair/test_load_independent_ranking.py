"""Which patch ranks first does not depend on how loaded the host is (as long as the budget is not hit)."""

from __future__ import annotations

import time
from typing import cast

import pytest

from agentfleet.flow.fixers.repair import validate
from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.rank import rank
from agentfleet.flow.fixers.repair.runner import BatchLimits, BatchRow
from agentfleet.flow.fixers.repair.spectrum import Spectrum
from agentfleet.flow.fixers.repair.validate import Validator
from agentfleet.sandboxes import Sandbox

RELAX = """def relax(dist, edges):
    for u, v, w in edges:
        if dist[u] + w < dist[v]:
            dist[v] = dist[v] + w
    return dist
"""
LOCATIONS = [Location("relax.py", 4, 1.0), Location("relax.py", 3, 0.8), Location("relax.py", 2, 0.5)]
PASSING = ("dist[v] = dist[v - 1] + w", "if dist[v] + w < dist[v]:")
"""Both pass the (weak) stand-in tests; the first comes first in search order, the second (a rename that reuses
the next line's code, so it ranks above an edit that invents some) comes several contenders later."""


class _Clock:
    """A monotonic clock the stand-in runner moves forward: the host's load without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def _first_ranked(monkeypatch: pytest.MonkeyPatch, seconds_per_candidate: float, window: int = 80) -> str:
    """The first-ranked patch's changed line when every candidate run takes ``seconds_per_candidate``."""
    clock = _Clock()
    monkeypatch.setattr(validate, "time", clock)

    def run_batch(box, failing, specs, limits, suite) -> list[BatchRow]:  # a sandbox that takes its time
        rows = []
        for spec in specs:
            clock.now += seconds_per_candidate
            ok = any(text in spec["source"] for text in PASSING)
            rows.append(BatchRow(spec["id"], 0 if ok else 1, 0 if ok else None, seconds_per_candidate, "t: assert"))
        return rows

    monkeypatch.setattr(validate, "run_batch", run_batch)
    stream = CandidateStream(LOCATIONS, {"relax.py": RELAX}.__getitem__, limit=1000)
    config = RepairConfig(budget_s=10_000.0, explore_after_first=window)
    limits = BatchLimits(tests_s=2.0, suite_s=10.0, memory_bytes=512 << 20)
    validator = Validator(
        [cast(Sandbox, object())], stream, failing=["t"], config=config, deadline=clock.now + 10_000, limits=limits
    )
    search = validator.run()
    ranked = rank(search.plausible, {"relax.py": RELAX}, Spectrum(outcomes={"t": "failed"}, lines=None))
    after = ranked[0].candidate.source.splitlines()
    return next(a for a, b in zip(after, RELAX.splitlines(), strict=True) if a != b).strip()


def test_a_slow_host_ranks_the_same_patch_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the same search run on a quiet host and on one where every candidate run takes 400 times as long
    quiet = _first_ranked(monkeypatch, 0.05)
    busy = _first_ranked(monkeypatch, 20.0)
    # Then the same patch ranks first: the one that reuses code, later in search order
    assert quiet == busy == "if dist[v] + w < dist[v]:"
    assert time.monotonic() > 0  # the real clock was left alone


def test_the_window_counts_contenders_after_the_first_plausible_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a window of one contender after the first plausible patch (the reusing rename is the fourth)
    # When the search runs quiet and busy
    # Then it stops before the rename either way, and ranks the same patch first
    assert _first_ranked(monkeypatch, 0.05, window=1) == _first_ranked(monkeypatch, 20.0, window=1)
    assert _first_ranked(monkeypatch, 0.05, window=1) == "dist[v] = dist[v - 1] + w"
