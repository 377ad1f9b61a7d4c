"""``agentfleet repair PATH`` runs the offline engine on any git repository, without a fleet file or a store."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sandboxes.kit import need_backend
from support import agentfleet_cmd, git, make_repo

from agentfleet.core.childenv import child_environment

BUGGY = {
    "units.py": "def c_to_f(celsius):\n    return celsius * 9 / 5 - 32\n",
    "test_units.py": "from units import c_to_f\n\n\ndef test_boiling():\n    assert c_to_f(100) == 212\n",
}


def repair(path: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    need_backend("bwrap")
    env = child_environment({"AGENTFLEET_HOME": str(home), "AGENTFLEET_SANDBOX__BACKEND": "bwrap"})
    command = [*agentfleet_cmd("repair", str(path), *args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=home)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def test_the_best_patch_is_printed_as_a_diff_git_applies(tmp_path: Path, home: Path) -> None:
    # Given a repository whose test fails on a wrong sign
    make_repo(tmp_path / "svc", BUGGY)
    # When the engine runs on it, listing every plausible patch
    done = repair(tmp_path / "svc", home, "--budget", "30", "--all")
    # Then stdout is the fix, which git applies and which makes the suite pass
    assert done.returncode == 0, done.stderr
    assert "+    return celsius * 9 / 5 + 32" in done.stdout
    assert "1 failing test(s)" in done.stderr
    assert "1. units.py:2 arithmetic-operator (tier 1): -    return celsius * 9 / 5 - 32 |" in done.stderr
    (tmp_path / "fix.patch").write_text(done.stdout)
    git(tmp_path / "svc", "apply", str(tmp_path / "fix.patch"))
    assert "+ 32" in (tmp_path / "svc" / "units.py").read_text()


def test_a_green_suite_gets_no_patch_and_says_why(tmp_path: Path, home: Path) -> None:
    files = {**BUGGY, "units.py": BUGGY["units.py"].replace("- 32", "+ 32")}
    make_repo(tmp_path / "svc", files)
    done = repair(tmp_path / "svc", home, "--budget", "5")
    assert done.returncode == 1
    assert done.stdout == ""
    assert "no patch: no test fails at the base commit" in done.stderr


def test_a_directory_without_commits_is_a_clear_configuration_error(tmp_path: Path, home: Path) -> None:
    (tmp_path / "plain").mkdir()
    done = repair(tmp_path / "plain", home)
    assert done.returncode == 2
    assert f"'HEAD' is not a commit in {tmp_path / 'plain'}" in done.stderr
