"""What changed on the default branch since a commit, read host side from git (nothing is checked out)."""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Protocol

from agentfleet.analysis import is_test_file
from agentfleet.core.diffs import parse_diff
from agentfleet.core.git import git

__all__ = ["Globs", "changed_lines", "python_files", "source_filter"]

_MAX_FILES = 2000
"""Most source files one audit looks at."""


class Globs(Protocol):
    """A config with source globs (``[repos.coverage]``, ``[repos.quality]``)."""

    include: list[str]
    omit: list[str]


def source_filter(conf: Globs) -> Callable[[str], bool]:
    """Whether a path is source the monitor audits: a Python module (its name one an import can spell: not a
    script such as ``bin/update-tables.py``, which no test imports), not a test, in ``include``, not in ``omit``."""

    def accept(path: str) -> bool:
        if not path.endswith(".py") or not Path(path).stem.isidentifier() or is_test_file(path):
            return False
        return any(fnmatchcase(path, p) for p in conf.include) and not any(fnmatchcase(path, p) for p in conf.omit)

    return accept


def changed_lines(git_dir: str | Path, base: str, head: str, accept: Callable[[str], bool]) -> dict[str, set[int]]:
    """Path → line numbers (at ``head``) added or changed since ``base``, for accepted files still present."""
    diff = git("-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", base, head, cwd=git_dir)
    found: dict[str, set[int]] = {}
    for patched in parse_diff(diff):
        if patched.is_removed_file or not accept(patched.path):
            continue
        lines = {ln.target_line_no for hunk in patched for ln in hunk if ln.is_added and ln.target_line_no}
        if lines:
            found[patched.path] = lines
        if len(found) >= _MAX_FILES:
            break
    return found


def python_files(git_dir: str | Path, head: str, accept: Callable[[str], bool]) -> list[str]:
    """Accepted source files at ``head`` (at most 2000)."""
    out = git("-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z", head, cwd=git_dir)
    return [p for p in out.split("\0") if p and accept(p)][:_MAX_FILES]
