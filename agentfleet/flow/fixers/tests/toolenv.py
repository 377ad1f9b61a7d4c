"""Pynguin's tool environment: its own virtualenv, built once by the sandbox's prepare step, read-only after.

The prepare step builds a repo's environment once per dependency set, with network; sandboxes then mount it
read-only and offline. Test generation opens its sandbox from a repo config whose ``setup`` also builds a
separate virtualenv for Pynguin under the prepared environment (``TOOL_DIR``). Pynguin pins its own pytest,
so it never enters the repo's environment: the repo's tests, the gate and every other stage use the repo's
own prepared environment, which this does not touch. A ``.pth`` file lets Pynguin's interpreter import the
repo's dependencies after its own packages.
"""

from __future__ import annotations

import shlex

from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.layout import REPO_ENV

__all__ = ["TOOL_DIR", "tool_script", "tools_repo"]

TOOL_DIR = f"{REPO_ENV}/tools/pynguin"
"""Pynguin's virtualenv inside a tools sandbox."""

_PURELIB = "import site; print(site.getsitepackages()[0])"


def tool_script(version: str) -> str:
    """Shell lines (run by the prepare step, in the repo's activated environment) that build the tool env."""
    purelib = shlex.quote(_PURELIB)
    return "\n".join(
        [
            f"python3 -m venv {TOOL_DIR}",
            f"{TOOL_DIR}/bin/python -m pip install --quiet {shlex.quote(f'pynguin=={version}')}",
            f'repo_site="$(python3 -c {purelib})"',
            f'tool_site="$({TOOL_DIR}/bin/python -c {purelib})"',
            'printf "import site; site.addsitedir(\'%s\')\\n" "$repo_site" > "$tool_site/agentfleet-repo.pth"',
            f"{TOOL_DIR}/bin/python -m compileall -q {TOOL_DIR} >/dev/null || true",
        ]
    )


def tools_repo(repo: RepoConfig, version: str) -> RepoConfig:
    """``repo`` whose prepared environment also holds Pynguin ``version`` in its own virtualenv."""
    setup = "\n".join(part for part in (repo.setup, tool_script(version)) if part)
    return repo.model_copy(update={"setup": setup})
