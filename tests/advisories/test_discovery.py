"""Dependency discovery: requirements files, pyproject.toml and lock files, as real projects write them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import commit, make_repo

from agentfleet.advisories.discovery import default_manifests, discover
from agentfleet.advisories.snapshot import Directory, git_tree_for
from agentfleet.core.errors import PermanentError

REQUIREMENTS = """\
# production pins
--index-url https://pypi.org/simple
-r base.txt
-c constraints.txt
Django[bcrypt]==3.2.0 ; python_version >= "3.8"   # web
requests >= 2.19, < 3
urllib3==1.24.1 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
    # via requests
-e ./local-lib
mylib @ https://example.com/mylib-1.0.tar.gz
./vendored/pkg
foo==
"""


def test_requirements_files_with_includes_hashes_markers_and_extras(repo_files: Callable[..., Directory]) -> None:
    # Given a requirements file that uses every common feature and includes two more files
    files = repo_files(
        {
            "requirements.txt": REQUIREMENTS,
            "base.txt": "PyYAML==5.3\n-r requirements.txt\n",  # a cycle back must not loop
            "constraints.txt": "certifi==2022.9.24\n",
        }
    )
    # When it is discovered
    found = discover(files, ["requirements.txt"])
    by_name = {d.key: d for d in found.dependencies}
    # Then every versioned declaration is there, with where it lives and what it carries
    assert set(by_name) == {"django", "requests", "urllib3", "pyyaml", "certifi"}
    django = by_name["django"]
    assert (django.pinned, django.line, django.extras, django.marker) == (
        "3.2.0",
        5,
        ("bcrypt",),
        'python_version >= "3.8"',
    )
    assert by_name["requests"].pinned is None
    assert by_name["requests"].current == "<3,>=2.19"
    assert by_name["urllib3"].hashes == ("sha256:aaaa", "sha256:bbbb")
    assert by_name["urllib3"].line == 7
    assert by_name["pyyaml"].manifest == "base.txt"
    assert by_name["certifi"].kind == "constraints"
    assert found.manifests == ["requirements.txt", "base.txt", "constraints.txt"]
    # And the one malformed line is a problem naming file and line, not a crash
    assert len(found.problems) == 1
    assert found.problems[0].startswith("requirements.txt:14: cannot parse requirement 'foo=='")
    assert "\n" not in found.problems[0]  # one line each


def test_a_missing_include_is_reported(repo_files: Callable[..., Directory]) -> None:
    found = discover(repo_files({"requirements.txt": "-r missing.txt\nflask==1.0\n"}), ["requirements.txt"])
    assert [d.key for d in found.dependencies] == ["flask"]
    assert found.problems == ["missing.txt: file not found (included or configured, but missing)"]


def test_pyproject_dependencies_optional_dependencies_and_groups(repo_files: Callable[..., Directory]) -> None:
    files = repo_files(
        {
            "pyproject.toml": """
[project]
name = "svc"
dependencies = ["Django>=3.0,<4", "requests==2.19.0", "git-thing @ git+https://example.com/x.git"]
[project.optional-dependencies]
yaml = ["pyyaml==5.3; python_version >= '3.8'"]
[dependency-groups]
dev = ["pytest==7.0.0", {include-group = "yaml"}]
"""
        }
    )
    found = discover(files)
    got = {(d.key, d.current) for d in found.dependencies}
    assert got == {("django", "<4,>=3.0"), ("requests", "==2.19.0"), ("pyyaml", "==5.3"), ("pytest", "==7.0.0")}
    assert {d.line for d in found.dependencies if d.key == "pyyaml"} == {6}


def test_broken_pyproject_is_a_problem_not_a_crash(repo_files: Callable[..., Directory]) -> None:
    found = discover(repo_files({"pyproject.toml": "[project\n"}))
    assert found.dependencies == []
    assert found.problems[0].startswith("pyproject.toml: not valid TOML")


def test_uv_and_poetry_locks_give_locked_versions_of_registry_packages(repo_files: Callable[..., Directory]) -> None:
    uv_lock = """
version = 1
[[package]]
name = "svc"
version = "0.1.0"
source = { editable = "." }
[[package]]
name = "requests"
version = "2.19.0"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files/requests-2.19.0.tar.gz", hash = "sha256:1111", size = 10 }
wheels = [{ url = "https://files/requests-2.19.0-py3-none-any.whl", hash = "sha256:2222", size = 9 }]
[[package]]
name = "vendored"
version = "1.0"
source = { git = "https://example.com/vendored.git" }
"""
    poetry_lock = """
[[package]]
name = "pyyaml"
version = "5.3"
files = [{file = "PyYAML-5.3.tar.gz", hash = "sha256:3333"}]
[[package]]
name = "localpkg"
version = "0.1"
[package.source]
type = "directory"
url = "../localpkg"
"""
    found = discover(repo_files({"uv.lock": uv_lock, "sub/poetry.lock": poetry_lock}), ["uv.lock", "sub/poetry.lock"])
    got = {(d.key, d.pinned, d.kind, d.hashes) for d in found.dependencies}
    assert got == {
        ("requests", "2.19.0", "uv.lock", ("sha256:1111", "sha256:2222")),
        ("pyyaml", "5.3", "poetry.lock", ("sha256:3333",)),
    }


def test_default_manifests_are_the_top_level_ones() -> None:
    paths = [
        "README.md",
        "pyproject.toml",
        "uv.lock",
        "requirements.txt",
        "requirements/dev.txt",
        "requirements-test.txt",
        "docs/requirements.txt",
        "tests/data/pyproject.toml",
        "constraints.txt",
    ]
    assert default_manifests(paths) == [
        "constraints.txt",
        "pyproject.toml",
        "requirements-test.txt",
        "requirements.txt",
        "requirements/dev.txt",
        "uv.lock",
    ]


def test_a_remote_repo_is_read_from_a_cached_mirror(tmp_path: Path) -> None:
    # Given a repo reachable only by URL, and a later commit on its default branch
    origin = tmp_path / "origin"
    first = make_repo(origin, {"requirements.txt": "flask==0.12.2\n"})
    tree = git_tree_for(f"file://{origin}", "main", tmp_path / "mirrors")
    assert tree.commit == first
    assert [d.key for d in discover(tree).dependencies] == ["flask"]
    # When the branch moves, the next read fetches it
    second = commit(origin, {"requirements.txt": "flask==2.2.5\nrequests==2.31.0\n"}, "bump")
    tree = git_tree_for(f"file://{origin}", "main", tmp_path / "mirrors")
    assert tree.commit == second
    assert [d.current for d in discover(tree).dependencies] == ["==2.2.5", "==2.31.0"]
    with pytest.raises(PermanentError, match="branch 'trunk' not found"):
        git_tree_for(str(origin), "trunk", tmp_path / "mirrors")
