"""Host-side filesystem helpers: size-capped tmpfs mounts, ownership, walking untrusted trees, process identity."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from agentfleet.core.errors import PermanentError

__all__ = [
    "MAX_TREE_DEPTH",
    "build_once",
    "is_root",
    "chown_tree",
    "file_lock",
    "mount_tmpfs",
    "process_identity",
    "remove_abandoned_builds",
    "remove_tree",
    "sandbox_owner",
    "unmount",
    "walk",
]

MAX_TREE_DEPTH = 200
"""Directories below a sandbox tree's root the host walks into; deeper is refused (no real repo nests so far)."""

_MS_NOSUID, _MS_NODEV = 2, 4
_MNT_DETACH = 2


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def is_root() -> bool:
    """True when this process runs as root (it may mount, chown, and must drop to the sandbox uid)."""
    return os.geteuid() == 0


def sandbox_owner(uid: int) -> int | None:
    """Who must own workspace files: the sandbox ``uid`` on a root host, else nobody changes (``None``)."""
    return uid if is_root() else None


def mount_tmpfs(target: Path, size_mb: int, uid: int = 0, mode: str = "0755") -> None:
    """Mount a tmpfs of at most ``size_mb`` MiB (nosuid, nodev) at ``target``, owned by ``uid``."""
    options = f"size={size_mb}m,mode={mode},uid={uid},gid={uid}".encode()
    flags = _MS_NOSUID | _MS_NODEV
    if _libc().mount(b"tmpfs", str(target).encode(), b"tmpfs", flags, options) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount tmpfs on {target}: {os.strerror(err)}")


def unmount(target: Path) -> None:
    """Detach the mount at ``target`` if there is one."""
    if os.path.ismount(target):
        _libc().umount2(str(target).encode(), _MNT_DETACH)


def walk(root: Path, max_depth: int = MAX_TREE_DEPTH) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk(root)`` top-down without recursion (so any depth costs no stack), never following symlinks
    (a symlink to a directory is listed with the files); ``PermanentError`` at a directory more than
    ``max_depth`` levels below ``root``. Pruning ``dirs`` in place skips them, as with ``os.walk``."""
    stack = [(root, 0)]
    while stack:
        top, depth = stack.pop()
        if depth > max_depth:
            raise PermanentError(f"the tree under {root} is more than {max_depth} directories deep; refusing it")
        dirs: list[str] = []
        files: list[str] = []
        try:
            with os.scandir(top) as entries:
                for entry in entries:
                    (dirs if entry.is_dir(follow_symlinks=False) else files).append(entry.name)
        except (FileNotFoundError, NotADirectoryError):  # removed or replaced meanwhile: nothing to walk
            continue
        except OSError as exc:  # e.g. a path longer than PATH_MAX: refuse rather than skip what is there
            raise PermanentError(f"cannot read directory {top}: {exc.strerror}") from None
        yield top, dirs, files
        stack.extend((top / name, depth + 1) for name in reversed(dirs))


def remove_tree(path: Path) -> None:
    """Delete ``path`` and everything below it, however deep; what cannot be removed is left."""
    try:
        shutil.rmtree(path, ignore_errors=True)
    except RecursionError:  # deeper than Python's recursion limit: rm walks it by descriptor, iteratively
        subprocess.run(["rm", "-rf", "--", str(path)], check=False, capture_output=True)


def chown_tree(root: Path, uid: int) -> None:
    """Give ``root`` and everything below it to ``uid:uid`` (symlinks themselves, never their targets)."""
    os.lchown(root, uid, uid)
    for base, dirs, files in walk(root):
        for name in dirs + files:
            with contextlib.suppress(FileNotFoundError):
                os.lchown(base / name, uid, uid)


def process_identity(pid: int) -> str | None:
    """``pid:starttime`` of a live process (stable against pid reuse), or ``None`` if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return f"{pid}:{fields[19]}"


def pid_namespace() -> str:
    """This process's PID namespace (``pid:[inode]``): a pid means something only inside it."""
    return os.readlink("/proc/self/ns/pid")


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) across processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_lock(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def build_once(target: Path, build: Callable[[Path], None]) -> Path:
    """``target``, built by ``build(tmp_dir)`` once across processes (locked, then renamed into place)."""
    if target.exists():
        return target
    with file_lock(_build_lock(target)):
        if target.exists():
            return target
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
        tmp.mkdir(parents=True)
        try:
            build(tmp)
            tmp.rename(target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def remove_abandoned_builds(parent: Path) -> int:
    """Remove the half-built targets (``build_once``'s ``.name.xxxxxxxx``) under ``parent`` whose builder
    died: it no longer holds the build lock. Returns how many."""
    removed = 0
    for tmp in parent.glob(".*.*") if parent.is_dir() else []:
        if not tmp.is_dir():
            continue
        with _build_lock(parent / tmp.name[1:].rsplit(".", 1)[0]).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live build
            shutil.rmtree(tmp, ignore_errors=True)
            fcntl.flock(handle, fcntl.LOCK_UN)
            removed += 1
    return removed
