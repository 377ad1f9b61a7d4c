"""A suite that stops at an import before running any code gets a reason that names it, not a search."""

from __future__ import annotations

import pytest

from agentfleet.flow.fixers.repair.engine import RepairRequest, repair

pytestmark = [pytest.mark.slow, pytest.mark.bwrap]


def test_a_src_layout_that_was_not_installed_is_named_with_the_setup_it_needs(repo_of, boxes_for) -> None:
    # Given a src-layout project whose tests import the package, which nothing installed
    files = {
        "src/calc/__init__.py": "",
        "src/calc/stats.py": "def mean(xs):\n    return sum(xs) / (len(xs) + 1)\n",
        "tests/test_stats.py": "from calc.stats import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n",
    }
    repo, sha = repo_of(files)
    with boxes_for(repo, sha) as boxes:
        result = repair(boxes, RepairRequest())
    # Then no search ran, and the reason says which import stopped which test, and what setup may be missing
    assert result.best is None
    assert result.search.tried == 0
    stopped = "tests/test_stats.py stops at ModuleNotFoundError: No module named 'calc' before any code runs"
    assert stopped in result.reason
    assert "pip install -e ." in result.reason
