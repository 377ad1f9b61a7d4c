"""The batch runner loads pytest's per-run machinery once, before it forks, and never the repo's own code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agentfleet.flow.fixers.repair.runner import BatchLimits, run_batch

RUNNER = Path(__file__).resolve().parents[2] / "agentfleet" / "flow" / "fixers" / "repair" / "sandbox_runner.py"
CALC = "def double(x):\n    return x + x\n"
TESTS = "from calc import double\n\n\ndef test_double():\n    assert double(3) == 6\n"


def test_warm_up_loads_pytest_s_run_modules_but_no_module_of_the_repo(tmp_path: Path) -> None:
    # Given a repo whose test imports its module, as the batch runner's working directory
    (tmp_path / "calc.py").write_text(CALC)
    (tmp_path / "test_calc.py").write_text(TESTS)
    script = (
        f"import runpy, sys; ns = runpy.run_path({str(RUNNER)!r}); ns['warm_up']();"
        " print('_pytest.skipping' in sys.modules, 'calc' in sys.modules, 'test_calc' in sys.modules)"
    )
    # When the runner warms up (as it does before the first candidate)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    # Then pytest's lazily imported modules are loaded and the repo's are not (each candidate imports its own)
    assert done.stdout.split() == ["True", "False", "False"], done.stderr


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
