"""The patch as git applies it: texts before and after, and every change the gate cannot read as text."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support import git, make_repo

from agentfleet.core.errors import PermanentError
from agentfleet.flow.gate.patchset import PatchSet

Change = Callable[[Path], None]
BASE = {
    "app.py": "def f():\n    return 1\n",
    "tests/test_app.py": "from app import f\n\n\ndef test_f():\n    assert f()\n",
}


def _diff(repo: Path, change: Change) -> str:
    """A real ``git diff --binary`` of ``change`` made to the repo's working tree, then undone."""
    change(repo)
    git(repo, "add", "-A")
    diff = subprocess.run(
        ["git", "diff", "--cached", "--binary", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    git(repo, "reset", "-q", "--hard", "HEAD")
    git(repo, "clean", "-qfdx")
    return diff


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "svc"
    return path, make_repo(path, BASE)


def _apply(repo: tuple[Path, str], change: Change, cap: int = 100_000) -> PatchSet:
    path, base = repo
    return PatchSet.apply(path / ".git", base, _diff(path, change), cap)


def test_texts_come_from_what_git_applied(repo: tuple[Path, str]) -> None:
    def change(path: Path) -> None:
        (path / "app.py").write_text("def f():\n    return 2\n")
        (path / "tests/test_app.py").rename(path / "tests/test_moved.py")

    patchset = _apply(repo, change)
    assert patchset.unreadable == []
    assert patchset.before == {
        "app.py": "def f():\n    return 1\n",
        "tests/test_app.py": BASE["tests/test_app.py"],
        "tests/test_moved.py": None,
    }
    assert patchset.after["app.py"] == "def f():\n    return 2\n"
    assert patchset.after["tests/test_app.py"] is None
    assert patchset.after["tests/test_moved.py"] == BASE["tests/test_app.py"]


def _binary(path: Path) -> None:
    (path / "data.bin").write_bytes(b"\x00\x01AKIAIOSFODNN7EXAMPLE\x00")


def _binary_text(path: Path) -> None:
    (path / ".gitattributes").write_text("*.py binary\n")
    (path / "app.py").write_text("def f():\n    return 2\n")


def _symlink(path: Path) -> None:
    (path / "tests" / "link.py").symlink_to("/etc/passwd")


def _mode(path: Path) -> None:
    (path / "app.py").chmod(0o755)


def _huge(path: Path) -> None:
    (path / "big.py").write_text("X = 1\n" * 50_000)


def _latin1(path: Path) -> None:
    (path / ".gitattributes").write_text("*.txt binary\n")
    (path / "notes.txt").write_bytes("café\n".encode("latin-1"))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (_binary, "binary"),
        (_binary_text, "binary hunk"),
        (_symlink, "symbolic link"),
        (_mode, "mode change 100644 -> 100755"),
        (_huge, "over max_file_bytes=100000"),
        (_latin1, "notes.txt: binary content (not UTF-8 text)"),
    ],
    ids=["binary-file", "binary-hunk-for-text", "symlink", "mode-change", "huge-file", "latin-1"],
)
def test_what_cannot_be_read_as_text_is_reported(repo: tuple[Path, str], change: Change, says: str) -> None:
    patchset = _apply(repo, change)
    assert any(says in line for line in patchset.unreadable), patchset.unreadable


def test_a_submodule_is_not_a_file(repo: tuple[Path, str], tmp_path: Path) -> None:
    other = tmp_path / "other"
    sha = make_repo(other, {"x.py": "X = 1\n"})

    def change(path: Path) -> None:
        git(path, "update-index", "--add", "--cacheinfo", f"160000,{sha},vendor/other")

    path, base = repo
    change(path)
    diff = subprocess.run(["git", "diff", "--cached", "HEAD"], cwd=path, capture_output=True, text=True).stdout
    patchset = PatchSet.apply(path / ".git", base, diff, 100_000)
    assert any("submodule" in line for line in patchset.unreadable)


def test_a_patch_that_does_not_apply_says_so(repo: tuple[Path, str]) -> None:
    path, base = repo
    stale = _diff(path, lambda p: (p / "app.py").write_text("def f():\n    return 2\n")).replace("return 1", "return 9")
    with pytest.raises(PermanentError, match="does not apply"):
        PatchSet.apply(path / ".git", base, stale, 100_000)


def test_a_run_tree_holds_exactly_the_chosen_part(repo: tuple[Path, str]) -> None:
    # Given a patch changing code and a test
    def change(path: Path) -> None:
        (path / "app.py").write_text("def f():\n    return 2\n")
        (path / "tests/test_app.py").write_text(
            BASE["tests/test_app.py"] + "\n\ndef test_two():\n    assert f() == 2\n"
        )

    patchset = _apply(repo, change)
    path, base = repo
    # When the gate builds a tree with only the test part and a file of its own
    commit = patchset.commit(["tests/test_app.py"], {"tests/test_gate.py": "def test_g():\n    pass\n"})
    # Then that commit holds the base code, the patched test and the gate's file, nothing else
    show = {
        name: git(path, "show", f"{commit}:{name}") for name in ("app.py", "tests/test_app.py", "tests/test_gate.py")
    }
    assert show["app.py"] == BASE["app.py"].strip()
    assert "test_two" in show["tests/test_app.py"]
    assert show["tests/test_gate.py"] == "def test_g():\n    pass"
    assert patchset.commit([]) == base
    assert os.path.exists(path / ".git" / "refs" / "agentfleet" / "gate" / commit)
