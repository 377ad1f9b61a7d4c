"""What every backend's sandbox looks like from inside: paths, the environment, the prepare script."""

from __future__ import annotations

import secrets
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path

from agentfleet.sandboxes.generated_finder import ROOT

__all__ = [
    "BASE_ENV",
    "REPO_ENV",
    "WORKDIR",
    "command_env",
    "display",
    "hash_seed",
    "prepare_script",
    "shell_command",
]

WORKDIR = "/workspace"
"""The repository's working copy (writable)."""
BASE_ENV = "/opt/agentfleet/base"
"""A virtualenv with the tools every repo's tests need (pytest, coverage); read-only."""
REPO_ENV = "/opt/agentfleet/env"
"""The repo's prepared virtualenv (its ``setup`` result); read-only once prepared."""

_SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"


_HASH_SEED = str(1 + secrets.randbelow(2**32 - 1))


def hash_seed() -> str:
    """The string-hash seed (``PYTHONHASHSEED``) of every command this process sandboxes: secret, drawn at import.

    One seed for all of a process's runs (and its forked pool processes'), so a suite parametrised over a
    set (whose test names follow the set's order, which follows the hashes) names its tests alike in the
    gate's runs before and after a patch, and in the repair engine's probe and candidates; the gate's
    base-run cache keys its runs by it. Drawn at random and never shown, so a patch cannot know it in
    advance: with a seed everyone knows (``0``), ``hash("x") == <its value under 0>`` or a set's first item
    would tell the gate's runs from production's, where hashes are randomised.
    """
    return _HASH_SEED


def command_env(
    uid: int, *, prepared: bool, fixed: Mapping[str, str], extra: Mapping[str, str] | None
) -> dict[str, str]:
    """The complete environment of a sandboxed command: built here, nothing inherited from the host."""
    venv = REPO_ENV if prepared else BASE_ENV
    path = f"{REPO_ENV}/bin:{BASE_ENV}/bin:{_SYSTEM_PATH}" if prepared else f"{BASE_ENV}/bin:{_SYSTEM_PATH}"
    env = {
        "PATH": path,
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "USER": "sandbox",
        "LOGNAME": "sandbox",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "VIRTUAL_ENV": venv,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": hash_seed(),  # the same in this process's every run, unknown to the code it runs
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "SANDBOX_UID": str(uid),
    }
    return {**env, **fixed, **(extra or {})}


def shell_command(cmd: str | Sequence[str]) -> list[str]:
    """argv for ``cmd``: a string runs under ``/bin/sh -c``, a sequence as is."""
    return ["/bin/sh", "-c", cmd] if isinstance(cmd, str) else list(cmd)


def display(cmd: str | Sequence[str]) -> str:
    """``cmd`` as one line for results and logs."""
    return cmd if isinstance(cmd, str) else shlex.join(cmd)


_PURELIB = "-c 'import sysconfig; print(sysconfig.get_paths()[\"purelib\"])'"
_BASE_PTH = "~agentfleet-base.pth"
"""The ``.pth`` file putting the base tools after the repo's environment. Python reads a folder's ``.pth`` files in
name order and ``~`` sorts after letters: an editable install's path file (flit's and poetry's ``<name>.pth``) comes
first, so a library the tools also depend on (``packaging``, ``pluggy`` under pytest) is the repo's own copy."""


def prepare_script(setup: str | None) -> str:
    """Shell script that builds ``REPO_ENV`` (a venv that sees the base tools, pip included) then runs ``setup``."""
    pip = f'#!/bin/sh\\nexec {REPO_ENV}/bin/python -m pip "$@"\\n'
    lines = [
        "set -eu",
        f"python3 -m venv --without-pip {REPO_ENV}",
        f'{BASE_ENV}/bin/python {_PURELIB} > "$({REPO_ENV}/bin/python {_PURELIB})/{_BASE_PTH}"',
        f"printf '{pip}' > {REPO_ENV}/bin/pip && chmod 755 {REPO_ENV}/bin/pip",
        f"cp {REPO_ENV}/bin/pip {REPO_ENV}/bin/pip3",
        f". {REPO_ENV}/bin/activate",
    ]
    if setup:
        lines += [f"{_FILES} | sort > /tmp/agentfleet-before", setup, *_keep_generated()]
    lines.append(f"python -m compileall -q {REPO_ENV} >/dev/null || true")
    return "\n".join(lines) + "\n"


_FILES = r"find . -path ./.git -prune -o -type f -print"
_GENERATED = r"grep -E '\.(py|so|pyd)$' | grep -v -e '^\./\.' -e '/build/' -e '\.egg-info/' -e '/__pycache__/'"
_EGG_INFO = r"grep -E '^\./([^/]+/)?[^/]+\.egg-info/PKG-INFO$'"
"""The metadata a legacy editable install (``setup.py develop``: a setup.py and no pyproject.toml) writes into the
working copy, at its root or its package folder's (``src``)."""


def _keep_generated() -> list[str]:
    """Script lines keeping the modules ``setup`` generated in the workspace (at most 500) under the finder's
    ``ROOT``, and installing the finder by a ``.pth`` file (``generated_finder``) when there are any; the
    ``*.egg-info`` metadata it wrote there go into the environment's site-packages, where ``importlib.metadata``
    finds the project's version and entry points."""
    finder = Path(__file__).with_name("generated_finder.py").read_text()
    site = f"$({REPO_ENV}/bin/python {_PURELIB})"
    return [
        f"{_FILES} | sort | comm -13 /tmp/agentfleet-before - > /tmp/agentfleet-new",
        f"< /tmp/agentfleet-new {_EGG_INFO} | head -n 20 | while IFS= read -r f; do"
        f' cp -R "$(dirname "$f")" "{site}/"; done',
        f"< /tmp/agentfleet-new {_GENERATED} | head -n 500 > /tmp/agentfleet-made",
        f'while IFS= read -r f; do mkdir -p "{ROOT}/$(dirname "$f")" && cp "$f" "{ROOT}/$f"; done'
        " < /tmp/agentfleet-made",
        "if [ -s /tmp/agentfleet-made ]; then",
        f"cat > \"{site}/agentfleet_generated.py\" <<'AGENTFLEET_EOF'\n{finder}AGENTFLEET_EOF",
        f'echo "import agentfleet_generated; agentfleet_generated.install()" > "{site}/agentfleet-generated.pth"',
        "fi",
    ]
