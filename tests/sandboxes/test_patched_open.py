"""``open_sandbox(..., patch=diff)`` starts from base + diff as a commit (so prepare sees the patched files)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sandboxes.kit import sandbox_context
from support import make_repo

from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.factory import open_sandbox

FILES = {"requirements.txt": "demo==1.0\n", "check.py": "print(open('requirements.txt').read().strip())\n"}


def _diff(repo: Path, path: str, new: str) -> str:
    (repo / path).write_text(new)
    diff = subprocess.run(["git", "diff"], cwd=repo, capture_output=True, text=True, check=True).stdout
    subprocess.run(["git", "checkout", "--", path], cwd=repo, check=True)
    return diff


def test_the_sandbox_starts_from_the_patched_tree(backend: str, sandbox_data: Path, tmp_path: Path) -> None:
    # Given a repo and a patch changing its requirements (the gate's upgrade e2e test checks setup uses them)
    repo_dir = tmp_path / "pinned"
    base = make_repo(repo_dir, FILES)
    repo = RepoConfig(name="pinned", location=str(repo_dir))
    ctx = sandbox_context(sandbox_data, backend)
    patch = _diff(repo_dir, "requirements.txt", "demo==2.0\n")
    # When a sandbox opens at base + patch
    with open_sandbox(ctx, repo, base, patch=patch) as box:
        seen = box.run("python check.py")
        # Then the working copy is the patched tree and nothing is left to diff against it
        assert seen.stdout.strip() == "demo==2.0"
        assert box.diff() == ""
    # And a patch that does not apply is refused before any sandbox starts
    with (
        pytest.raises(PermanentError, match="does not apply"),
        open_sandbox(ctx, repo, base, patch="--- a/nope\n+++ b/nope\n@@ -1 +1 @@\n-x\n+y\n"),
    ):
        pass
