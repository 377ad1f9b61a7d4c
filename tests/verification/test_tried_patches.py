"""A patch that was merged and did not hold is never proposed again: the repair engine skips it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandboxes.kit import need_backend

from agentfleet.analysis.tried import same_change, tried_before
from agentfleet.contracts import ErrorEvidence, FixError, Job, TriedPatch
from agentfleet.core.context import Context
from agentfleet.core.diffs import new_file_diff, unified_diff
from agentfleet.core.settings import Settings
from agentfleet.demo.sample import BUGGY_LINE, GOOD_LINES, SOURCE, create_service_repo
from agentfleet.flow.fixers.stage import fix
from agentfleet.sandboxes.config import SandboxConfig
from verification.kit import CRASH, FIXED_LINE

PRICING = "checkout/pricing.py"
BUGGY = (SOURCE / PRICING).read_text().replace(GOOD_LINES, BUGGY_LINE)


def test_the_same_change_is_recognised_whatever_its_line_numbers_context_and_tests() -> None:
    fixed = unified_diff(PRICING, BUGGY, BUGGY.replace(BUGGY_LINE, FIXED_LINE))
    header = "# moved down\n" * 30
    moved = unified_diff(PRICING, header + BUGGY, header + BUGGY.replace(BUGGY_LINE, FIXED_LINE))
    with_test = moved + new_file_diff("tests/test_regression.py", "def test_sixty():\n    pass\n")
    other = unified_diff(PRICING, BUGGY, BUGGY.replace(BUGGY_LINE, FIXED_LINE.replace("- 1", "- 2")))
    assert "@@ -40," in moved
    assert same_change(fixed, with_test)
    assert not same_change(fixed, other)
    assert not same_change("", "")
    assert tried_before(with_test, [other, fixed])
    assert not tried_before(fixed, ["not a diff"])


@pytest.fixture(scope="module")
def box_data() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="afv-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.bwrap
@pytest.mark.slow
def test_the_repair_engine_skips_a_candidate_that_was_tried_and_did_not_hold(box_data: Path, tmp_path: Path) -> None:
    need_backend("bwrap")
    # Given Bob's crash in the demo's checkout service, and the repair engine's own best fix for it
    sha = create_service_repo(tmp_path / "checkout")
    (tmp_path / "fleet.toml").write_text(
        '[[repos]]\nname = "checkout"\nlocation = "checkout"\nfixers.fix_error = ["repair"]\n'
    )
    settings = Settings(data_dir=box_data, fleet_file=tmp_path / "fleet.toml", sandbox=SandboxConfig(backend="bwrap"))
    ctx = Context.from_settings(settings)
    error = ErrorEvidence(exception_type="IndexError", exception_value="tuple index out of range", frames=CRASH)
    item = FixError(repo="checkout", base_commit=sha, fingerprint="err:checkout:index", error=error)
    first = fix(Job(item=item), ctx).patch
    assert first is not None
    assert f"+{FIXED_LINE}" in first.diff
    # When that fix was merged and did not hold, and the work runs again
    tried = TriedPatch(diff=first.diff, author="repair", pr_number=1, why="did not hold")
    again = fix(Job(item=item.model_copy(update={"tried": (tried,)})), ctx)
    # Then the engine does not propose the same change again: its only plausible patch was that one, so it says so
    assert again.patch is None
    assert again.no_fix is not None
    assert "repair: the 1 plausible patch(es) were merged before and did not hold" in again.no_fix.reason
