"""Repairing some tests (``--tests``) of a repository whose other tests are broken too (QuixBugs' layout: many
buggy programs, one test file each): those tests are run once to learn that they already fail, and that run
has its own allowance, as the probe has, instead of eating the search budget."""

from __future__ import annotations

import pytest

from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import RepairRequest, repair

PROGRAMS = {
    "programs/__init__.py": "",
    "programs/midpoint.py": "def midpoint(lo, hi):\n    return (lo + hi) // 3\n",
    # spin's module imports midpoint's, so its tests can reach the file a fix edits and must run once
    "programs/spin.py": "from programs.midpoint import midpoint\n\n\n"
    + "def spin(n):\n    while n:\n        n = n\n    return n\n",
    "tests/test_midpoint.py": "from programs.midpoint import midpoint\n\n\n"
    + "\n\n".join(
        f"def test_midpoint_{lo}_{hi}():\n    assert midpoint({lo}, {hi}) == {(lo + hi) // 2}\n"
        for lo, hi in ((0, 10), (4, 8), (3, 3))
    ),  # fmt: skip
    "tests/test_spin.py": "from programs.spin import spin\n\n\n"
    + "\n\n".join(f"def test_spin_{k}():\n    assert spin({k}) == 0\n" for k in (1, 2, 3, 4)),
}


@pytest.mark.bwrap
def test_other_broken_programs_tests_do_not_eat_the_search_budget(repo_of, boxes_for) -> None:
    # Given a repository with two buggy programs, whose other program's four tests hang, a 3 s per-test limit
    # (1 s once one hung) and a search budget of 2 s: learning that those tests fail takes about 6 s
    repo, sha = repo_of(PROGRAMS, name="programs")
    config = RepairConfig(test_timeout_s=3, hung_test_timeout_s=1, candidate_timeout_s=1, budget_s=2)
    with boxes_for(repo, sha, 2) as boxes:
        # When the engine repairs one program's tests
        result = repair(boxes, RepairRequest(tests=("tests/test_midpoint.py",)), config)
    # Then the other program's tests are known to fail already, and the search still had its budget and fixed it
    assert sorted(result.still_failing) == [f"tests/test_spin.py::test_spin_{k}" for k in (1, 2, 3, 4)]
    assert result.best is not None, result.reason
    assert "+    return (lo + hi) // 2\n" in result.best.diff
