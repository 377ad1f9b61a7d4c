"""Prepared, read-only environments for the bwrap backend, each built once with network.

- the *base* environment: a virtualenv of the host's system Python with ``base_packages``
  (pytest, coverage), keyed by the interpreter and the package list;
- a repo's *prepared* environment: a virtualenv that sees the base and holds what the repo's
  ``setup`` command installed, keyed by the base, the command and the dependency files' content.

Both are built inside a bwrap sandbox that shares the host network (so a package index on
loopback is reachable) but is otherwise as locked down as any other; later sandboxes mount them
read-only and have no network.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from agentfleet.contracts import stable_hash
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.bwrap.argv import Mount
from agentfleet.sandboxes.bwrap.command import confined, run_confined
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.hostfs import build_once, chown_tree, sandbox_owner
from agentfleet.sandboxes.layout import BASE_ENV, REPO_ENV, prepare_script
from agentfleet.sandboxes.mirror import Mirror
from agentfleet.sandboxes.prepare import PREPARE_ENV, prepare_failed, prepared_key, setup_step
from agentfleet.sandboxes.workspace import new_box

__all__ = ["base_env", "mounts_for", "repo_env"]


def _run_once(
    config: SandboxConfig,
    sandbox_dir: Path,
    mounts: Sequence[Mount],
    script: str,
    what: str,
    checkout: tuple[Mirror, str] | None = None,
) -> None:
    owner = sandbox_owner(config.uid)
    workspace = new_box(sandbox_dir, config, "bwrap")
    for mount in mounts:
        if mount.writable and owner is not None:
            chown_tree(mount.source, owner)
    try:
        with confined(config) as confinement:
            if checkout is not None:
                workspace.checkout(checkout[0].path, checkout[1])
            result = run_confined(
                confinement, workspace, mounts, script, timeout=config.prepare_timeout_s, env=PREPARE_ENV, network=True
            )
    finally:
        workspace.destroy()
    if not result.ok:
        why = "timed out" if result.timed_out else f"exit {result.exit_code}"
        raise prepare_failed(what, why, f"{result.stdout[-1500:]}\n{result.stderr[-2500:]}")


def base_env(config: SandboxConfig, sandbox_dir: Path) -> Path:
    """The base virtualenv (pytest, coverage, …) for ``config.python``, built on first use."""
    python = Path(config.python)
    real = python.resolve()
    if not real.is_file() or not real.is_relative_to("/usr"):
        raise ConfigError(
            f"AGENTFLEET_SANDBOX__PYTHON={config.python} is not a Python under /usr on this host; the bwrap backend "
            "runs the system Python (Debian: apt-get install python3 python3-venv)"
        )
    key = stable_hash(str(real), str(real.stat().st_mtime_ns), *config.base_packages, length=12)
    packages = " ".join(shlex.quote(p) for p in config.base_packages)
    script = (
        f"{python} -m venv {BASE_ENV} && {BASE_ENV}/bin/pip install --quiet {packages}"
        f" && {BASE_ENV}/bin/python -m compileall -q {BASE_ENV} >/dev/null"
    )

    def build(tmp: Path) -> None:
        what = f"building the bwrap base environment ({config.python} -m venv; pip install {packages})"
        _run_once(config, sandbox_dir, [Mount(tmp, BASE_ENV, writable=True)], script, what)

    return build_once((config.runtime_dir or sandbox_dir / "runtime") / f"base-{key}", build)


def repo_env(
    config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, mirror: Mirror, commit: str, base: Path
) -> Path | None:
    """``repo``'s prepared environment at ``commit`` (``None`` without a ``setup`` command)."""
    if not repo.setup:
        return None
    key = prepared_key(base.name, repo, mirror, commit, config.dependency_files)

    def build(tmp: Path) -> None:
        mounts = [Mount(base, BASE_ENV), Mount(tmp, REPO_ENV, writable=True)]
        _run_once(config, sandbox_dir, mounts, prepare_script(repo.setup), setup_step(repo), (mirror, commit))

    return build_once(sandbox_dir / "envs" / f"{repo.name}-{key}", build)


def mounts_for(base: Path, env: Path | None) -> list[Mount]:
    """Read-only mounts of the base and (if any) the prepared environment."""
    return [Mount(base, BASE_ENV), *([Mount(env, REPO_ENV)] if env is not None else [])]
