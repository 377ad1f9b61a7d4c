"""A sandbox's host-side box: the working tree it mounts, and the git state only the host can see.

Layout of ``<boxes>/<id>/``: ``work/`` (size-capped tmpfs, mounted at ``/workspace``), ``tmp/``
(size-capped tmpfs, ``/tmp``), ``git/`` (index and new objects; never mounted), ``owner`` (who
created it, for the reaper: ``pid:starttime backend pid-namespace``). The diff is computed here,
against the host's mirror, so nothing the sandboxed code writes can change the base it is compared with.
"""

from __future__ import annotations

import logging
import os
import stat
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError, PolicyViolation
from agentfleet.core.git import patch_text
from agentfleet.sandboxes.hostfs import (
    MAX_TREE_DEPTH,
    chown_tree,
    is_root,
    mount_tmpfs,
    pid_namespace,
    process_identity,
    remove_tree,
    sandbox_owner,
    unmount,
    walk,
)
from agentfleet.sandboxes.hostgit import HostGit, OutputTooLarge
from agentfleet.sandboxes.hostread import read_untrusted

if TYPE_CHECKING:
    from agentfleet.sandboxes.config import SandboxConfig

__all__ = ["EXCLUDES", "Workspace", "new_box"]

log = logging.getLogger(__name__)

EXCLUDES = "__pycache__/\n*.py[cod]\n.pytest_cache/\n.coverage\n.coverage.*\n*.egg-info/\n.mypy_cache/\n.ruff_cache/\n"
"""Run artefacts that never belong in a diff (applied host-side; the sandbox cannot change them)."""


_PATH_LINES = ("diff --git ", "--- ", "+++ ", "rename to ", "copy to ")
"""Lines of a git diff that name a path (``diff --git`` names two)."""


def _deepest(diff: str) -> int:
    """Directories in the deepest path a git diff names (counting its ``a/``/``b/`` prefix as one)."""
    depths = [
        line.count("/") // (2 if line.startswith("diff --git ") else 1)
        for line in diff.splitlines()
        if line.startswith(_PATH_LINES)
    ]
    return max(depths, default=0)


class Workspace:
    """One box directory; ``owner_uid`` is who must own the files (the sandbox uid on a root host, else ``None``).

    ``read_cap`` and ``diff_cap`` bound what the host reads back from it: one file, one diff (bytes).
    """

    def __init__(
        self, root: Path, owner_uid: int | None = None, *, read_cap: int = 16_000_000, diff_cap: int = 8_000_000
    ) -> None:
        self.root = root
        self.read_cap = read_cap
        self.diff_cap = diff_cap
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
        (self.root / "owner").write_text(f"{process_identity(os.getpid())} {backend} {pid_namespace()}\n")
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
        """git on the host over the working tree (see ``hostgit``); errors name the box."""
        assert self.mirror is not None, "checkout() first"
        try:
            return HostGit(self.mirror, self.work, self.git_dir).run(*args, stdin=stdin)
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
        """Text of the repo-relative regular file ``rel`` (see ``hostread``: never a FIFO, never over the cap)."""
        data = read_untrusted(self.path(rel), self.read_cap, name=rel, setting="AGENTFLEET_SANDBOX__MAX_READ_BYTES")
        return data.decode("utf-8", errors="replace")

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
        for base, dirs, files in walk(self.work):
            for name in files:
                path = base / name
                if not (path.is_symlink() or stat.S_ISREG(path.lstat().st_mode)):
                    log.warning("sandbox %s: removing special file %s before diffing", self.root.name, path)
                    path.unlink()
            if ".git" in dirs or ".git" in files:
                nested = base / ".git"
                log.warning("sandbox %s: removing nested %s before diffing", self.root.name, nested)
                if nested.is_dir() and not nested.is_symlink():
                    remove_tree(nested)
                else:
                    nested.unlink(missing_ok=True)
                dirs[:] = [d for d in dirs if d != ".git"]

    def diff(self) -> str:
        """Unified diff (binary-safe) of the working tree against the base commit, new files included.

        ``PermanentError`` for a tree deeper than ``MAX_TREE_DEPTH`` or a diff over ``diff_cap`` bytes
        (refused as soon as git has printed that much).
        """
        try:
            self._drop_untrackable()
        except PermanentError as exc:
            raise PermanentError(f"cannot diff sandbox workspace {self.root.name}: {exc}") from None
        self._git("add", "--all", "--", ".")
        assert self.mirror is not None
        options = ("--cached", "--binary", "--no-ext-diff", "--no-textconv", "--no-color", str(self.base))
        try:
            return HostGit(self.mirror, self.work, self.git_dir).capped(self.diff_cap, "diff", *options)
        except OutputTooLarge:
            raise PermanentError(
                f"the changes in sandbox workspace {self.root.name} make a diff over the {self.diff_cap}-byte "
                "limit; refusing to read it (raise AGENTFLEET_SANDBOX__MAX_DIFF_BYTES if such changes are expected)"
            ) from None

    def apply(self, diff: str) -> None:
        """Apply ``diff`` to the working tree; ``PermanentError`` naming the failing hunk otherwise, or when it
        creates a path more than ``MAX_TREE_DEPTH`` directories deep."""
        if _deepest(diff) > MAX_TREE_DEPTH + 1:
            raise PermanentError(f"the patch names a path more than {MAX_TREE_DEPTH} directories deep; refusing it")
        if diff.strip():
            self._git("apply", "--whitespace=nowarn", "-", stdin=patch_text(diff))
            self._own()

    def destroy(self) -> None:
        """Unmount and delete everything."""
        for mount in (self.work, self.tmp):
            unmount(mount)
        remove_tree(self.root)


def new_box(sandbox_dir: Path, config: SandboxConfig, backend: str) -> Workspace:
    """A fresh, empty box directory under ``sandbox_dir/boxes``, sized, owned and capped as ``config`` says."""
    root = sandbox_dir / "boxes" / uuid.uuid4().hex[:16]
    caps = {"read_cap": config.max_read_bytes, "diff_cap": config.max_diff_bytes}
    return Workspace(root, sandbox_owner(config.uid), **caps).create(config.workspace_mb, config.tmp_mb, backend)
