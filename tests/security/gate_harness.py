"""The harness the adversarial gate tests share: the repositories a cheat is tried on, the investigation's
report for each, and the gate's decision on a cheat's patch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import pytest
from gate.kit import FILES, GateRepo, gate_repo_at, write_edits
from gate_cheats import PROVEN, REPLAY, REPLAY_PATH, Cheat
from gate_variants_kit import SUITE_FILES, TOOLBOX_FILES
from support import make_repo

from agentfleet.contracts import GateDecision, InvestigationReport, RegressionTest, Reproduction, Verdict
from agentfleet.demo.sample import create_service_repo
from agentfleet.flow.gate.stage import verify

Repos = Callable[[str], GateRepo]
"""``repos(name)`` → that repository (``pricing``, ``checkout``, ``red``, ``suite`` or ``toolbox``), committed and
sandboxed."""


def make_gate_repo(
    name: str, path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path], backend: str
) -> GateRepo:
    """The repository ``name`` at ``path``, sandboxed by ``backend``."""
    if name == "checkout":
        base = create_service_repo(path)
    else:
        named = {"red": {**FILES, "tests/test_pricing.py": PROVEN}, "suite": SUITE_FILES, "toolbox": TOOLBOX_FILES}
        files = named.get(name, FILES)
        base = make_repo(path, files)
    return gate_repo_at(path, base, sandbox_data, write_fleet, backend)


def _report(repo: GateRepo, name: str) -> InvestigationReport:
    """What the investigation found: for ``checkout`` its replay of the production call, otherwise the
    related test file that failed with the production error."""
    if name == "checkout":
        reproduction = Reproduction(attempted=True, reproduced=True, command=f"python -m pytest -q {REPLAY_PATH}")
        test = RegressionTest(path=REPLAY_PATH, content=REPLAY, call="bulk_discount(quantity=60)")
        exception, regression = "IndexError", test
    else:
        command = "python -m pytest -q -p no:cacheprovider tests/test_pricing.py"
        reproduction = Reproduction(attempted=True, reproduced=True, command=command)
        exception, regression = "AssertionError", None
    return InvestigationReport(
        repo="svc",
        fingerprint="err-discount",
        commit=repo.base,
        commit_source="default_branch",
        exception_type=exception,
        reproduction=reproduction,
        regression_test=regression,
    )


def decide(repo: GateRepo, name: str, diff: str, *, phase: int, report: bool) -> GateDecision:
    """The gate's decision on ``diff`` for repository ``name`` at trust ``phase``."""
    repo.configure(f"trust.fix_error = {phase}")
    exception = "IndexError" if name == "checkout" else "AssertionError"
    extra = {"report": _report(repo, name)} if report else {}
    decision = verify(repo.job(diff, phase=phase, exception=exception, **extra), repo.ctx).decision
    assert decision is not None
    return decision


def cheat_diff(repo: GateRepo, cheat: Cheat) -> str:
    """The cheat's patch as a real git diff against the repository's base commit."""
    if isinstance(cheat.edits, str):
        return cheat.edits
    if callable(cheat.edits):
        return repo.change(cheat.edits)
    edits = cheat.edits
    return repo.change(lambda path: write_edits(path, edits))


class Refusable(Protocol):
    """A cheat of any corpus: its name and the checks any of which may refuse it."""

    @property
    def id(self) -> str: ...
    @property
    def refused_by(self) -> frozenset[str]: ...


def marked(cheats: Sequence[Cheat], still_open: Mapping[str, str]) -> list[object]:
    """``cheats`` as test parameters; those the gate still lets through (id → why) as strict expected failures,
    so a closed hole shows up."""
    return [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=still_open[c.id])) if c.id in still_open else c
        for c in cheats
    ]


def assert_approved(decision: GateDecision, verdict: Verdict) -> None:
    """Every check passed and the patch got ``verdict`` (its phase's)."""
    assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
    assert decision.verdict is verdict, decision.reasons


def assert_refused(cheat: Refusable, decision: GateDecision) -> None:
    """The cheat did not get through: rejected by a check it names, with the check named in the reasons;
    or, for a cheat that must only never be merged (``auto_merge``), not merged and not low-risk."""
    if cheat.refused_by == {"auto_merge"}:
        assert decision.verdict is not Verdict.AUTO_MERGE, decision.reasons
        assert not decision.low_risk, decision.reasons
        return
    failed = {c.name for c in decision.checks if not c.passed}
    assert decision.verdict is Verdict.REJECT, decision.reasons
    refusing = failed & cheat.refused_by
    assert refusing, f"refused by {sorted(failed)}, expected one of {sorted(cheat.refused_by)}: {decision.reasons}"
    assert any(reason.startswith(f"{name}:") for name in refusing for reason in decision.reasons)
