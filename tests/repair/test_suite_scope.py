"""The suite a patch must keep green is the one the test command names, and tests that already failed
elsewhere in the repository (another bug, a broken fixture) neither block a fix nor are hidden by it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sandboxes.kit import need_backend
from support import agentfleet_cmd, make_repo

from agentfleet.core.childenv import child_environment
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import RepairRequest, repair
from agentfleet.flow.fixers.repair.suite import pytest_selection

pytestmark = [pytest.mark.slow, pytest.mark.bwrap]

UNITS = "def c_to_f(celsius):\n    return celsius * 9 / 5 - 32\n"
UNITS_TEST = "from units import c_to_f\n\n\ndef test_boiling():\n    assert c_to_f(100) == 212\n"
# another module with its own bug, and a test of it that already fails at the base commit
OTHER = "def double(x):\n    return x * 3\n"
OTHER_TEST = "from other import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
# a module the fix of units.py must not break: its test passes at the base commit
# the same bug in a module that imports units.py, so its test reaches the file a fix of units.py edits
OTHER_USING_UNITS = "import units\n\n\ndef double(x):\n    return x * 3\n"
STEADY = "import units\n\n\ndef freezing():\n    return units.c_to_f(0)\n"
STEADY_TEST = "from steady import freezing\n\n\ndef test_freezing_is_below_zero():\n    assert freezing() < 0\n"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("python -m pytest -q", None),
        ("pytest", None),
        ("python -m pytest -q -x --tb=short", None),
        ("python -m pytest -q tests/test_units.py", ["tests/test_units.py"]),
        ("python3 -m pytest -k 'boil and not slow' tests", ["-k", "boil and not slow", "tests"]),
        ("pytest tests/test_a.py::test_one -m unit", ["tests/test_a.py::test_one", "-m", "unit"]),
        ("make test", None),
        ("python -m pytest -q && flake8", None),
        ("tox -e py311", None),
    ],
)
def test_the_suite_is_read_from_a_plain_pytest_command(command: str, expected: list[str] | None) -> None:
    assert pytest_selection(command) == expected


def test_a_test_command_naming_one_file_scopes_the_probe_and_the_suite(repo_of, boxes_for) -> None:
    # Given a repo with two unrelated bugs, and a test command that names the tests of one of them
    files = {"units.py": UNITS, "test_units.py": UNITS_TEST, "other.py": OTHER, "test_other.py": OTHER_TEST}
    repo, sha = repo_of(files)
    request = RepairRequest(test_command="python -m pytest -q test_units.py")
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, request, RepairConfig(workers=2, budget_s=60))
    # Then only that file's failing test is the target, and its fix is found although other.py stays buggy
    assert result.failing == ["test_units.py::test_boiling"]
    assert result.best is not None, result.reason
    assert "+    return celsius * 9 / 5 + 32" in result.best.diff


def test_tests_that_already_failed_elsewhere_do_not_block_the_fix_and_are_reported(repo_of, boxes_for) -> None:
    # Given the same two bugs (the other in a module that imports units.py), the default test command, and the
    # probe pointed at one bug's tests
    files = {"units.py": UNITS, "test_units.py": UNITS_TEST, "other.py": OTHER_USING_UNITS, "test_other.py": OTHER_TEST}
    repo, sha = repo_of(files)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(tests=["test_units.py"]), RepairConfig(workers=2, budget_s=60))
    # Then the fix is found, and the test that failed before it and still fails is named, not hidden
    assert result.best is not None, result.reason
    assert "+    return celsius * 9 / 5 + 32" in result.best.diff
    assert result.still_failing == ["test_other.py::test_double"]


def test_a_patch_that_breaks_a_test_which_passed_before_is_still_refused(repo_of, boxes_for) -> None:
    # Given a passing test that pins the buggy behaviour, next to the failing one and an unrelated failure
    files = {
        "units.py": UNITS,
        "test_units.py": UNITS_TEST,
        "other.py": OTHER,
        "test_other.py": OTHER_TEST,
        "steady.py": STEADY,
        "test_steady.py": STEADY_TEST.replace("freezing() < 0", "freezing() == -32"),
    }
    repo, sha = repo_of(files)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(tests=["test_units.py"]), RepairConfig(workers=2, budget_s=20))
    # Then no patch: every candidate that fixes test_boiling breaks test_steady, which passed before
    assert result.best is None
    assert result.search.broke_suite > 0


def test_the_cli_fixes_one_bug_of_several_and_names_the_tests_left_failing(tmp_path: Path) -> None:
    # Given a repository with two bugs, and the repair command pointed at one bug's tests
    need_backend("bwrap")
    files = {"units.py": UNITS, "test_units.py": UNITS_TEST, "other.py": OTHER_USING_UNITS, "test_other.py": OTHER_TEST}
    make_repo(tmp_path / "svc", files)
    (tmp_path / "home").mkdir()
    env = child_environment({"AGENTFLEET_HOME": str(tmp_path / "home"), "AGENTFLEET_SANDBOX__BACKEND": "bwrap"})
    argv = agentfleet_cmd("repair", str(tmp_path / "svc"), "--tests", "test_units.py", "--budget", "60")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path / "home")
    # Then the patch fixes that bug, and the user is told which test already failed and still may
    assert done.returncode == 0, done.stderr
    assert "+    return celsius * 9 / 5 + 32" in done.stdout
    assert "note: 1 test(s) outside --tests already failed at" in done.stderr
    assert "the patch need not fix them: test_other.py::test_double" in done.stderr


def test_failing_tests_of_separate_bugs_get_a_hint_to_repair_one_at_a_time(repo_of, boxes_for) -> None:
    # Given two unrelated bugs and no --tests: no single patch fixes both
    files = {"units.py": UNITS, "test_units.py": UNITS_TEST, "other.py": OTHER, "test_other.py": OTHER_TEST}
    repo, sha = repo_of(files)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(), RepairConfig(workers=2, budget_s=20))
    # Then the reason says the failures are in two files and how to take them one at a time
    assert result.best is None
    assert "the failing tests are in 2 files (test_other.py, test_units.py) and share no line of code" in result.reason
    assert "repair separate bugs one at a time (--tests)" in result.reason


def test_failing_tests_of_several_files_that_run_one_shared_line_get_no_such_hint(repo_of, boxes_for) -> None:
    # Given one function no edit fixes, whose failing tests live in two files
    files = {
        "prime.py": "def nth(x):\n    return x * 7919 % 104729\n",
        "test_small.py": "from prime import nth\n\n\ndef test_two():\n    assert nth(2) == 3\n",
        "test_large.py": "from prime import nth\n\n\ndef test_five():\n    assert nth(5) == 11\n",
    }
    repo, sha = repo_of(files)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(), RepairConfig(workers=2, budget_s=10))
    # Then there is no patch, and no advice to split what is one bug in shared code
    assert result.best is None
    assert "files" not in result.reason
