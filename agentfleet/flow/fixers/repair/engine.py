"""``repair()``: localise, generate candidates, validate them in sandboxes, rank the plausible ones."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from agentfleet.analysis import is_test_file, literals_in_tests
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.behaviour import by_behaviour
from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.localize import Location, localize
from agentfleet.flow.fixers.repair.rank import Ranked, rank
from agentfleet.flow.fixers.repair.reaching import python_sources, reaching_tests
from agentfleet.flow.fixers.repair.reproduce import CrashSite, Reproduction, reproduce
from agentfleet.flow.fixers.repair.runner import BatchLimits, Suite, clean, run_batch, run_probe
from agentfleet.flow.fixers.repair.spectrum import Spectrum
from agentfleet.flow.fixers.repair.suite import pytest_selection
from agentfleet.flow.fixers.repair.validate import Search, Validator

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["CrashSite", "RepairRequest", "RepairResult", "repair"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RepairRequest:
    """What to repair: how to run the suite and, when known, where production crashed."""

    test_command: str = "python -m pytest -q"
    """The repo's own test command; a plausible patch must make it pass (and keep passing the tests it selects,
    when it is a plain pytest command: ``suite.pytest_selection``)."""
    trace: Sequence[tuple[str, int]] = ()
    """Production stack trace as repo-relative ``(path, line)``, innermost last."""
    tests: Sequence[str] = ()
    """Tests the probe runs (pytest node ids or paths); empty: the whole suite."""
    crash: CrashSite | None = None
    """Where production crashed: when no test fails, the engine tries to reproduce the crash there."""


@dataclass
class RepairResult:
    """What the engine found and did; ``patches`` is empty when there is no fix it stands behind."""

    patches: list[Ranked] = field(default_factory=list)
    """Plausible patches, best first."""
    reason: str = ""
    """Why there is no patch (empty when there is one)."""
    failing: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    search: Search = field(default_factory=Search)
    discarded: Counter[str] = field(default_factory=Counter)
    """Candidates refused before validation, by reason (``duplicate``, ``syntax``, a rule name)."""
    seconds: float = 0.0
    reproduction: Reproduction | None = None
    """The regression test the engine wrote when no existing test failed; it belongs in the patch."""
    still_failing: list[str] = field(default_factory=list)
    """Tests of the suite that failed at the base commit, outside those the probe ran: not the patch's to
    fix, so they may go on failing (every test that passed must still pass)."""

    @property
    def best(self) -> Ranked | None:
        """The top-ranked plausible patch."""
        return self.patches[0] if self.patches else None


def _accept(path: str) -> bool:
    return path.endswith(".py") and not is_test_file(path)


def _test_sources(box: Sandbox, tests: list[str]) -> dict[str, str]:
    """Text of the files ``tests`` (node ids) live in."""
    sources = {}
    for path in dict.fromkeys(test.split("::", 1)[0] for test in tests):
        try:
            sources[path] = box.read(path)
        except PermanentError:
            continue
    return sources


def _probe(box: Sandbox, tests: list[str], config: RepairConfig, *, coverage: bool = True) -> Spectrum:
    memory = 2 * config.candidate_memory_mb << 20
    limits = (config.probe_timeout_s, config.test_timeout_s, memory, config.hung_test_timeout_s)
    return Spectrum.from_report(run_probe(box, tests, *limits, coverage=coverage))


def _probed(request: RepairRequest) -> list[str]:
    """What the probe runs: the tests asked for, else the suite the test command selects."""
    return list(request.tests) or list(pytest_selection(request.test_command) or ())


def _suite(
    box: Sandbox, request: RepairRequest, config: RepairConfig, spectrum: Spectrum, edited: set[str]
) -> tuple[Suite, float]:
    """The suite every plausible patch must pass, and its seconds at the base commit. When the probe ran only
    some tests, the suite is the test files that can reach the ``edited`` files (when that can be read), and
    those the probe did not run run once more (without coverage) to learn which of them already fail."""
    args = tuple(pytest_selection(request.test_command) or ())
    if not request.tests:  # the probe ran the suite: each of its failures is one to repair
        return Suite(args), spectrum.time_of(spectrum.tests)
    sources, pytest_config = python_sources(box)
    reached = reaching_tests(sources, edited, pytest_config, list(args) or None)
    if reached is not None:
        return _reached_suite(box, request, config, spectrum, reached)
    base = _probe(box, list(args), config, coverage=False)
    known = tuple(test for test in base.failing if test not in spectrum.outcomes)
    return Suite(args, known), base.time_of(base.passing)


def _reached_suite(
    box: Sandbox, request: RepairRequest, config: RepairConfig, spectrum: Spectrum, reached: list[str]
) -> tuple[Suite, float]:
    """The suite of ``reached``; the files the probe did not run whole run once, for the tests already failing."""
    whole = {test for test in request.tests if "::" not in test}
    others = [path for path in reached if path not in whole]
    known: tuple[str, ...] = ()
    seconds = spectrum.time_of(spectrum.passing)
    if others:
        rest = _probe(box, others, config, coverage=False)
        known = tuple(test for test in rest.failing if test not in spectrum.outcomes)
        seconds += rest.time_of(rest.passing)
    selected = tuple(dict.fromkeys([*request.tests, *reached]))
    return Suite(selected, known, reached_only=True), seconds


def _reproduced(
    boxes: Sequence[Sandbox], request: RepairRequest, config: RepairConfig, spectrum: Spectrum, written: list[str]
) -> tuple[Spectrum, Reproduction | None]:
    """When no test fails, a regression test reproducing the production crash (written to every box)."""
    if spectrum.failing or request.crash is None:
        return spectrum, None
    tests = _test_sources(boxes[0], spectrum.tests)
    found = reproduce(boxes[0], request.crash, tests, config.candidate_timeout_s, config.candidate_memory_mb << 20)
    if found is None:
        return spectrum, None
    written.append(found.path)
    for box in boxes:
        box.write(found.path, found.source)
    return _probe(boxes[0], _probed(request), config), found


def _search(boxes: Sequence[Sandbox], request: RepairRequest, config: RepairConfig, written: list[str]) -> RepairResult:
    spectrum = _probe(boxes[0], _probed(request), config)
    spectrum, reproduction = _reproduced(boxes, request, config, spectrum, written)
    failing = spectrum.failing_fast_first
    if not failing:
        tried = f"; the crash in {request.crash.function} could not be reproduced" if request.crash else ""
        reason = f"no test fails at the base commit{tried}, so no patch can be shown to fix anything"
        return RepairResult(reason=reason)
    locations = localize(spectrum, request.trace, accept=_accept, read=boxes[0].read)[: config.max_locations]
    suite, suite_s = _suite(boxes[0], request, config, spectrum, {loc.path for loc in locations})
    deadline = (
        time.monotonic() + config.budget_s
    )  # the probe, the reproduction and the suite's run had their own limits
    result = RepairResult(failing=failing, locations=locations, reproduction=reproduction)
    result.still_failing = list(suite.known_failures)
    if not locations:
        result.reason = _unlocated(boxes[0], failing, spectrum)
        return result
    test_sources = _test_sources(boxes[0], spectrum.tests)
    literals = literals_in_tests(test_sources.values())
    stream = CandidateStream(
        locations,
        boxes[0].read,
        literals,
        config.max_candidates,
        disabled=config.disabled_families,
        max_pairs=config.max_pairs,
        behaviour=config.rank_by_behaviour,
    )
    limits = BatchLimits(
        tests_s=max(config.candidate_timeout_s, 3 * spectrum.time_of(failing)),
        suite_s=min(max(10.0, 3 * suite_s), config.suite_timeout_s),
        memory_bytes=config.candidate_memory_mb << 20,
    )
    baseline = _baseline(boxes[0], failing, locations[0].path, limits) if stream.pairs.limit else None
    validator = Validator(
        boxes,
        stream,
        failing=failing,
        config=config,
        deadline=deadline,
        limits=limits,
        baseline=baseline,
        suite=suite,
        hung=any(test in spectrum.timeouts for test in failing),
    )
    result.search = validator.run()
    result.search.outranked = stream.outranked
    result.discarded = stream.discarded
    originals = {c.path: stream.original(c.path) for c in result.search.plausible}
    ranked = rank(result.search.plausible, originals, spectrum)
    if config.rank_by_behaviour:
        ranked = by_behaviour(boxes[0], ranked, originals, test_sources, config.candidate_memory_mb << 20)
    # the repo's own command fails on the tests that already failed: the suite run without them stands for it
    confirm = request.test_command if not (suite.known_failures or suite.reached_only) else None
    result.patches = _confirmed(boxes[0], ranked, originals, confirm, config, result.search)
    if not result.patches:
        why = "the time budget ran out" if result.search.out_of_time else "no candidate passed every test"
        result.reason = f"{why} ({result.search.tried} candidates tried at {len(locations)} suspicious lines)"
        result.reason += _several_files(failing, spectrum)
    return result


def _several_files(failing: list[str], spectrum: Spectrum) -> str:
    """A hint when the failing tests look like separate bugs: they live in several files and no line of code
    runs in all of them (one patch must fix them all, so separate bugs are repaired one at a time)."""
    files = sorted({test.split("::", 1)[0] for test in failing})
    if len(files) < 2 or spectrum.lines is None:
        return ""
    index = {test: i for i, test in enumerate(spectrum.tests)}
    every = frozenset(index[test] for test in failing)
    code = (lines for path, lines in spectrum.lines.items() if _accept(path))
    if any(every <= tests for lines in code for tests in lines.values()):
        return ""  # one line runs in every failing test: likely one bug (in shared code) after all
    shown = ", ".join(files[:3]) + (", …" if len(files) > 3 else "")
    separate = "share no line of code: repair separate bugs one at a time (--tests)"
    return f"; the failing tests are in {len(files)} files ({shown}) and {separate}"


def _unlocated(box: Sandbox, failing: list[str], spectrum: Spectrum) -> str:
    """Why the failing tests leave nothing to search: most often a test file stops at an import (the project
    is not installed, a dependency is missing) before any code runs; pytest's collection says which."""
    stopped = [test for test in failing if (crash := spectrum.crashes.get(test)) and crash.kind == "CollectError"]
    if not stopped:
        return "the failing tests run no non-test Python line and the trace names none"
    argv = ["python", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", stopped[0]]
    shown = box.run(argv, timeout=60)
    errors = [line[1:].strip() for line in shown.stdout.splitlines() if line.startswith("E ")]
    why = errors[-1][:200] if errors else "an error"
    missing = why.startswith(("ModuleNotFoundError", "ImportError"))
    hint = " (is the project installed? a setup step such as `pip install -e .` may be missing)" if missing else ""
    return f"{stopped[0]} stops at {why} before any code runs{hint}"


def _baseline(box: Sandbox, failing: list[str], path: str, limits: BatchLimits) -> str | None:
    """How the failing tests fail on the unchanged code, run the way candidates are."""
    rows = run_batch(box, failing, [{"id": 0, "path": path, "source": box.read(path)}], limits)
    return rows[0].failure if rows else "timeout"


def _confirmed(
    box: Sandbox,
    ranked: list[Ranked],
    originals: dict[str, str],
    command: str | None,
    config: RepairConfig,
    search: Search,
) -> list[Ranked]:
    """``ranked`` from the first patch the repo's own test command passes with (the rest stay as alternatives);
    all of it when there is no command to confirm with."""
    if command is None:
        return ranked
    for i, patch in enumerate(ranked):
        path = patch.candidate.path
        box.write(path, patch.candidate.source)
        try:
            ok = box.run(command, timeout=config.suite_timeout_s).ok
        finally:
            box.write(path, originals[path])
        if ok:
            return ranked[i:]
        search.broke_suite += 1
        log.info("repair: %s fails the repo's test command %r; next", path, command)
    return []


def repair(boxes: Sequence[Sandbox], request: RepairRequest, config: RepairConfig | None = None) -> RepairResult:
    """Search for a patch that makes the failing tests and then the whole suite pass.

    ``boxes`` are open sandboxes on the same commit, one per parallel worker (the first also runs
    the probe); each is left as it was found.
    """
    config = config or RepairConfig()
    started = time.monotonic()
    written: list[str] = []
    try:
        result = _search(boxes, request, config, written)
    finally:
        for box in boxes:
            clean(box, written)
    result.seconds = time.monotonic() - started
    best = result.best
    log.info(
        "repair done fixed=%s tried=%d elapsed=%.1fs best=%s",
        best is not None,
        result.search.tried,
        result.seconds,
        f"{best.candidate.path}:{best.candidate.line} {best.candidate.template}" if best else "-",
    )
    return result
