"""A sandbox's host-side box: the working tree it mounts, and the git state only the host can see.

Layout of ``<boxes>/<id>/``: ``work/`` (size-capped tmpfs, mounted at ``/workspace``), ``tmp/``
(size-capped tmpfs, ``/tmp``), ``git/`` (index and new objects; never mounted), ``owner`` (who
created it, for the reaper). The diff is computed here, against the host's mirror, so nothing the
sandboxed code writes can change the base it is compared with.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError, PolicyViolation
from agentfleet.core.git import git, patch_text
from agentfleet.sandboxes.hostfs import chown_tree, is_root, mount_tmpfs, process_identity, sandbox_owner, unmount

if TYPE_CHECKING:
    from agentfleet.sandboxes.config import SandboxConfig

__all__ = ["EXCLUDES", "Workspace", "new_box"]

_GIT_TIMEOUT_S = 300
"""Longest a host-side git command over a sandbox tree may take (a huge tree the sandbox wrote)."""

log = logging.getLogger(__name__)

EXCLUDES = "__pycache__/\n*.py[cod]\n.pytest_cache/\n.coverage\n.coverage.*\n*.egg-info/\n.mypy_cache/\n.ruff_cache/\n"
"""Run artefacts that never belong in a diff (applied host-side; the sandbox cannot change them)."""


class Workspace:
    """One box directory; ``owner_uid`` is who must own the files (Docker's uid; ``None`` for bwrap)."""

    """One box directory; ``owner_uid`` is who must own the files (the sandbox uid on a root host, else ``None``)."""

    def __init__(self, root: Path, owner_uid: int | None = None) -> None:
        self.root = root
        self.work = root / "work"
        self.tmp = root / "tmp"
        self.git_dir = root / "git"
        self.owner_uid = owner_uid
        self.capped = False
        self.mirror: Path | None = None
        self.base: str | None = None

    def create(self, work_mb: int, tmp_mb: int, backend: str) -> Workspace:
        """Make the directories, mount the size-capped tmpfs when allowed, record the owner."""
        self.root.mkdir(parents=True)
        (self.root / "owner").write_text(f"{process_identity(os.getpid())} {backend}\n")
        for path in (self.work, self.tmp, self.git_dir / "objects"):
            path.mkdir(parents=True)
        (self.git_dir / "exclude").write_text(EXCLUDES)
        if is_root():
            self.capped = self._mount_caps(work_mb, tmp_mb)
        if not self.capped:
            self.tmp.chmod(0o1777)
        return self

    def _mount_caps(self, work_mb: int, tmp_mb: int) -> bool:
        """Size-capped tmpfs for work/ and tmp/; False where root may not mount (a container without
        CAP_SYS_ADMIN, e.g. a compose worker driving the host's Docker): the box then runs uncapped."""
        uid = self.owner_uid or 0
        try:
            mount_tmpfs(self.work, work_mb, uid)
        except PermissionError as exc:
            log.warning("sandbox workspace not size-capped: %s", exc)
            return False
        mount_tmpfs(self.tmp, tmp_mb, uid, mode="1777")
        return True

    def _git(self, *args: str, stdin: str | None = None) -> str:
        """git on the host over the sandbox's working tree, with a git dir the sandbox cannot reach.

        The host's global and system git config are off: the working tree was written by untrusted code,
        and a ``.gitattributes`` there must not trigger a filter or diff driver the host configured.
        """
        assert self.mirror is not None, "checkout() first"
        env = {
            "GIT_DIR": str(self.mirror),
            "GIT_WORK_TREE": str(self.work),
            "GIT_INDEX_FILE": str(self.git_dir / "index"),
            "GIT_OBJECT_DIRECTORY": str(self.git_dir / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(self.mirror / "objects"),
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        config = [
            "-c",
            "safe.directory=*",
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.fsmonitor=false",
            "-c",
            f"core.excludesFile={self.git_dir / 'exclude'}",
        ]
        try:
            return git(*config, *args, cwd=self.work, env=env, input=stdin, timeout=_GIT_TIMEOUT_S)
        except PermanentError as exc:
            raise PermanentError(f"git {args[0]} in sandbox workspace {self.root.name} failed: {exc}") from None

    def checkout(self, mirror: Path, commit: str) -> None:
        """Fill the working tree with ``commit`` from the host mirror (no ``.git`` inside)."""
        self.mirror, self.base = mirror, commit
        self._git("read-tree", "--reset", "-u", commit)
        self._own()

    def _own(self) -> None:
        if self.owner_uid is not None:
            chown_tree(self.work, self.owner_uid)

    def path(self, rel: str) -> Path:
        """The host path of repo-relative ``rel``; ``PolicyViolation`` if it leads out of the workspace."""
        root = self.work.resolve()
        target = (root / rel).resolve()
        if target != root and not target.is_relative_to(root):
            raise PolicyViolation(f"path {rel!r} leads outside the sandbox workspace; give a repo-relative path")
        return target

    def read(self, rel: str) -> str:
        """Text of the repo-relative file ``rel``."""
        try:
            return self.path(rel).read_text(encoding="utf-8", errors="replace")
        except (FileNotFoundError, IsADirectoryError):
            raise PermanentError(f"{rel!r} is not a file in the sandbox workspace") from None

    def write(self, rel: str, content: str) -> None:
        """Create or replace the repo-relative file ``rel``."""
        target = self.path(rel)
        created = [p for p in reversed(target.relative_to(self.work.resolve()).parents) if not (self.work / p).exists()]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        if self.owner_uid is not None:
            for path in [*(self.work / p for p in created), target]:
                os.lchown(path, self.owner_uid, self.owner_uid)

    def _drop_untrackable(self) -> None:
        """Remove what the sandbox created that git must not read: nested ``.git`` (git would open it as a
        repository) and fifos, sockets or devices (``git add`` would block on or fail at them)."""
        for base, dirs, files in os.walk(self.work):
            for name in files:
                path = Path(base) / name
                if not (path.is_symlink() or stat.S_ISREG(path.lstat().st_mode)):
                    log.warning("sandbox %s: removing special file %s before diffing", self.root.name, path)
                    path.unlink()
            if ".git" in dirs or ".git" in files:
                nested = Path(base) / ".git"
                log.warning("sandbox %s: removing nested %s before diffing", self.root.name, nested)
                if nested.is_dir() and not nested.is_symlink():
                    shutil.rmtree(nested)
                else:
                    nested.unlink(missing_ok=True)
                dirs[:] = [d for d in dirs if d != ".git"]

    def diff(self) -> str:
        """Unified diff (binary-safe) of the working tree against the base commit, new files included."""
        self._drop_untrackable()
        self._git("add", "--all", "--", ".")
        return self._git("diff", "--cached", "--binary", "--no-ext-diff", "--no-textconv", "--no-color", str(self.base))

    def apply(self, diff: str) -> None:
        """Apply ``diff`` to the working tree; ``PermanentError`` naming the failing hunk otherwise."""
        if diff.strip():
            self._git("apply", "--whitespace=nowarn", "-", stdin=patch_text(diff))
            self._own()

    def destroy(self) -> None:
        """Unmount and delete everything."""
        for mount in (self.work, self.tmp):
            unmount(mount)
        shutil.rmtree(self.root, ignore_errors=True)


def new_box(sandbox_dir: Path, config: SandboxConfig, backend: str) -> Workspace:
    """A fresh, empty box directory under ``sandbox_dir/boxes``, sized and owned as ``config`` says."""
    root = sandbox_dir / "boxes" / uuid.uuid4().hex[:16]
    return Workspace(root, sandbox_owner(config.uid)).create(config.workspace_mb, config.tmp_mb, backend)
