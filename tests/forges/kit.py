"""Forges under test (memory, local, GitHub stand-in) as fixtures; conftest files import them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support import free_port, git, make_repo

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.forges import Forge
from agentfleet.forges.bare import BareRepo
from agentfleet.forges.config import GitHubConfig
from agentfleet.forges.github import GitHubForge
from agentfleet.forges.local import LocalForge
from agentfleet.forges.memory import InMemoryForge
from forges.github_standin import GitHubStandIn

APP = "def add(a, b):\n    return a - b\n"
FIX = """diff --git a/app.py b/app.py
--- a/app.py
+++ b/app.py
@@ -1,2 +1,2 @@
 def add(a, b):
-    return a - b
+    return a + b
"""
FIX_WITH_TEST = (
    FIX
    + """diff --git a/tests/test_add.py b/tests/test_add.py
new file mode 100644
--- /dev/null
+++ b/tests/test_add.py
@@ -0,0 +1,4 @@
+from app import add
+
+def test_add():
+    assert add(2, 2) == 4
"""
)
TOKEN = "ghp_standin_token"


@dataclass
class ForgeUnderTest:
    """A forge plus what a test needs to look behind it."""

    kind: str
    forge: Forge
    base: str
    upstream: Path
    bare: BareRepo | None = None
    """The git repository holding the forge's branches (``None`` for memory)."""
    github: GitHubStandIn | None = None
    revert: Callable[[int], None] = field(default=lambda number: None)
    """Play the human who reverts merged PR ``number`` on the default branch."""

    def default_file(self, path: str) -> str:
        """``path`` on the forge's default branch."""
        assert self.bare is not None
        return self.bare.git("show", f"refs/heads/main:{path}")


def repo_config(upstream: Path, **extra: object) -> RepoConfig:
    return RepoConfig.model_validate(
        {"name": "svc", "location": str(upstream), "protected_branches": ["release"], **extra}
    )


def _human_revert(upstream: Path, bare: BareRepo, sha: str) -> None:
    git(upstream, "pull", "-q", "--no-rebase", str(bare.path), "main")
    git(upstream, "revert", "--no-edit", "-m", "1", sha)


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "svc"
    return path, make_repo(path, {"app.py": APP, "README.md": "svc\n"})


@pytest.fixture
def make_forge(
    tmp_path: Path, settings: Settings, upstream: tuple[Path, str]
) -> Iterator[Callable[[str], ForgeUnderTest]]:
    """Factory: ``make_forge("memory" | "local" | "github")``."""
    standins: list[GitHubStandIn] = []
    path, base = upstream

    def make(kind: str) -> ForgeUnderTest:
        if kind == "memory":
            forge = InMemoryForge(repo="svc", protected=("release",))
            return ForgeUnderTest(kind, forge, base, path, revert=forge.revert)
        if kind == "local":
            forge = LocalForge.from_config(Context.from_settings(settings), repo_config(path))
            made = ForgeUnderTest(kind, forge, base, path, bare=forge.bare)
            made.revert = lambda n: _human_revert(path, forge.bare, forge.get_pr(n).merge_sha or "")
            return made
        bare = BareRepo(tmp_path / "github" / "svc.git", "main")
        bare.sync(str(path))
        standin = GitHubStandIn(bare, "acme/svc", TOKEN, free_port()).start()
        standins.append(standin)
        gh = GitHubConfig(token=TOKEN, base_url=standin.base_url, seconds_between_requests=0, seconds_between_writes=0)
        ctx = Context.from_settings(settings.model_copy(update={"github": gh}))
        forge = GitHubForge.from_config(ctx, repo_config(path, forge="github", github_repo="acme/svc"))
        made = ForgeUnderTest(kind, forge, base, path, bare=bare, github=standin)

        def revert(n: int) -> None:
            sha = forge.get_pr(n).merge_sha or ""
            _human_revert(path, bare, sha)
            git(path, "push", "-q", str(bare.path), "main")  # the human pushes the revert

        made.revert = revert
        return made

    yield make
    for standin in standins:
        standin.stop()
