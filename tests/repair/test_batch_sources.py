"""Every candidate of a batch runs its own source: nothing of the repo is reused between the forks."""

from __future__ import annotations

import pytest

from agentfleet.flow.fixers.repair.runner import BatchLimits, run_batch

CALC = "def double(x):\n    return x + x\n"
TESTS = "from calc import double\n\n\ndef test_double():\n    assert double(3) == 6\n"


@pytest.mark.bwrap
def test_every_candidate_of_a_batch_runs_its_own_source(repo_of, boxes_for) -> None:
    # Given a real sandbox and a batch that rewrites the same module three times
    repo, sha = repo_of({"calc.py": CALC.replace("x + x", "x * 3"), "test_calc.py": TESTS}, name="calc")
    sources = [CALC.replace("x + x", "x * 3"), CALC, CALC.replace("x + x", "x + 1")]
    candidates = [{"id": i, "path": "calc.py", "source": s} for i, s in enumerate(sources)]
    with boxes_for(repo, sha) as (box,):
        # When the batch runs
        rows = run_batch(box, ["test_calc.py"], candidates, BatchLimits(tests_s=10, suite_s=10, memory_bytes=512 << 20))
    # Then only the candidate whose source is right passes (no module is reused from an earlier one)
    assert [row.exit for row in rows] == [1, 0, 1]
