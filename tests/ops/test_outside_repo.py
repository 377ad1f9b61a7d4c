"""A crash no frame of which maps into the repo (the app runs as an installed package, or a library frame
was marked in-app) is not "repaired" by changing some unrelated function of the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from sandboxes.kit import need_backend
from support import make_repo

from agentfleet.contracts import CodeLocation, ErrorEvidence, FixError, Frame, InvestigationReport, Job
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.stage import fix

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

# The repo's own suite is red at the base (an unrelated bug): a repair engine pointed at nothing in
# particular would "fix" it and call that the fix for the production error.
FILES = {
    "mathx.py": "def add(a, b):\n    return a - b\n",
    "tests/test_mathx.py": "from mathx import add\n\n\ndef test_add():\n    assert add(2, 2) == 4\n",
}
FLEET = '[[repos]]\nname = "svc"\nlocation = "svc"\ntest = "python -m pytest -q"\nfixers.fix_error = ["repair"]\n'


def test_no_repair_runs_when_no_frame_maps_into_the_repo(tmp_path: Path) -> None:
    need_backend("bwrap")
    # Given a crash inside an installed library (marked in-app by the SDK), investigated: nothing maps
    sha = make_repo(tmp_path / "svc", FILES)
    (tmp_path / "fleet.toml").write_text(FLEET)
    ctx = Context.from_settings(Settings(data_dir=tmp_path / ".agentfleet", fleet_file=tmp_path / "fleet.toml"))
    frame = Frame(
        filename="requests/models.py",
        abs_path="/srv/app/lib/python3.11/site-packages/requests/models.py",
        function="json",
        lineno=975,
    )
    error = ErrorEvidence(exception_type="requests.exceptions.JSONDecodeError", frames=(frame,))
    item = FixError(repo="svc", base_commit=sha, fingerprint="err:json", error=error)
    located = CodeLocation(frame_index=0, reported=frame.abs_path or "", path=None, function="json", lineno=975)
    report = InvestigationReport(
        repo="svc",
        fingerprint="err:json",
        commit=sha,
        commit_source="default_branch",
        exception_type=error.exception_type,
        locations=(located,),
    )
    # When the fix stage runs
    fixed = fix(Job(item=item, report=report), ctx)
    # Then no patch of the repo's unrelated add() comes out, and the reason says why and where to read more
    assert fixed.patch is None, fixed.patch.diff if fixed.patch else ""
    assert fixed.no_fix is not None
    assert "no frame of the error maps to a file in this repo" in fixed.no_fix.reason
    assert "docs/errors.md" in fixed.no_fix.reason
