"""The prepare step both backends run once per repo and dependency set: its cache key, environment and errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from agentfleet.contracts import stable_hash
from agentfleet.core.errors import PermanentError

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.sandboxes.mirror import Mirror

__all__ = ["PREPARE_ENV", "prepare_failed", "prepared_key", "setup_step"]

PREPARE_ENV = {"PIP_NO_CACHE_DIR": "1", "SETUPTOOLS_SCM_PRETEND_VERSION": "0.0.0+agentfleet"}
"""Extra environment of a prepare step: no pip cache left inside the prepared environment; a version for
packages that take theirs from git (setuptools-scm, hatch-vcs), whose build fails in the workspace (no ``.git``)."""


_SCRIPT = "generated-modules-kept, base tools last, egg-info kept"
"""What the prepare script does beyond ``setup`` (changed when it does more: environments are rebuilt)."""


def prepared_key(base: str, repo: RepoConfig, mirror: Mirror, commit: str, patterns: Sequence[str]) -> str:
    """Cache key of ``repo``'s prepared environment: what it builds on, its setup command, and its
    dependency files (``patterns``) at ``commit``."""
    return stable_hash(base, _SCRIPT, repo.setup or "", mirror.dependency_key(commit, patterns), length=16)


def setup_step(repo: RepoConfig) -> str:
    """How a failure names ``repo``'s setup command, and where to fix it."""
    return f"the setup command of repo {repo.name!r} ({repo.setup!r}; fix 'setup' in the fleet file)"


def prepare_failed(what: str, why: str, output: str) -> PermanentError:
    """The error of a prepare step ``what`` that failed for ``why`` (``exit 1``, ``timed out``)."""
    return PermanentError(f"{what} failed ({why}):\n{output}")
