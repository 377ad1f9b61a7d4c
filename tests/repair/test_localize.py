"""Fault localisation on the corpus: the true buggy line is in the top 3 for most programs."""

from __future__ import annotations

import pytest
from corpus_kit import PROBE_MEMORY, TUNING, bugs, combined_files

from agentfleet.analysis import is_test_file
from agentfleet.flow.fixers.repair.localize import Location, localize
from agentfleet.flow.fixers.repair.runner import run_probe
from agentfleet.flow.fixers.repair.spectrum import Crash, Spectrum


def _slice(spectrum: Spectrum, prefix: str) -> Spectrum:
    """The part of a combined spectrum about one program (exactly what probing it alone gives)."""
    tests = spectrum.tests
    kept = {t: o for t, o in spectrum.outcomes.items() if t.startswith(prefix)}
    new_index = {tests.index(t): i for i, t in enumerate(sorted(kept))}
    lines = {
        path[len(prefix) :]: {n: frozenset(new_index[i] for i in ids if i in new_index) for n, ids in per.items()}
        for path, per in (spectrum.lines or {}).items()
        if path.startswith(prefix)
    }
    crashes = {
        t: Crash(c.kind, tuple((p[len(prefix) :], n, f) for p, n, f in c.frames if p.startswith(prefix)))
        for t, c in spectrum.crashes.items()
        if t.startswith(prefix)
    }
    return Spectrum(outcomes=kept, lines=lines, crashes=crashes)


def _accept(path: str) -> bool:
    return path.endswith(".py") and not is_test_file(path) and not path.endswith("conftest.py")


def test_unit_ochiai_and_crash_frames_order_lines() -> None:
    # Given two tests: one fails through lines 1-3 and crashes at 3, one passes through lines 1-2
    spectrum = Spectrum(
        outcomes={"test_app.py::fail": "failed", "test_app.py::ok": "passed"},
        lines={"app.py": {1: frozenset({0, 1}), 2: frozenset({0, 1}), 3: frozenset({0}), 9: frozenset({1})}},
        crashes={"test_app.py::fail": Crash("IndexError", (("test_app.py", 4, "test"), ("app.py", 3, "f")))},
    )
    # When it is localised, with a production trace through app.py:2
    ranked = localize(spectrum, [("app.py", 2)], accept=_accept)
    # Then the crash line leads (Ochiai 1 + crash), the trace line follows, the passing-only line is absent
    assert [(loc.line, round(loc.score, 3)) for loc in ranked] == [(3, 1.5), (2, 1.207), (1, 0.707)]
    assert all(isinstance(loc, Location) for loc in ranked)


@pytest.mark.bwrap
@pytest.mark.slow
def test_true_line_is_in_the_top_three_for_most_corpus_bugs(repo_of, boxes_for) -> None:
    # Given every tuning program in one repo, probed once in a real sandbox (coverage per test)
    repo, sha = repo_of(combined_files(split=TUNING), name="corpus")
    with boxes_for(repo, sha) as (box,):
        spectrum = Spectrum.from_report(run_probe(box, [], timeout=300, memory_bytes=PROBE_MEMORY))
    # When each program's share of the spectrum is localised
    ranks = {}
    for bug in bugs(split=TUNING):
        ranked = localize(_slice(spectrum, f"{bug.name}/"), accept=_accept, read=bug.repo_files().__getitem__)
        lines = [(loc.path, loc.line) for loc in ranked]
        ranks[bug.name] = lines.index((bug.file, bug.line)) if (bug.file, bug.line) in lines else None
    # Then the true line is in the top 3 for at least 80 % of them
    top3 = [name for name, rank in ranks.items() if rank is not None and rank < 3]
    misses = {name: rank for name, rank in ranks.items() if name not in top3}
    assert len(top3) >= 0.8 * len(ranks), f"outside the top 3: {misses}"
