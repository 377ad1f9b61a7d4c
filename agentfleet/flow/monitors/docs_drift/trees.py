"""A commit's files on the host, for static analysis only: written out of git with a private index (nothing is
checked out in the repository, nothing is imported), plus what the history between two commits touched."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from agentfleet.core.git import git

__all__ = ["Commit", "Snapshot", "changed_files", "commits_between", "export", "first_base", "paths_at"]

_REGULAR = {"100644", "100755"}
"""Blob modes of regular files; symlinks (120000) and submodules (160000) are never written."""


@dataclass(frozen=True)
class Commit:
    """One commit of an audited range and the files it touched."""

    sha: str
    files: frozenset[str]


@dataclass(frozen=True)
class Snapshot:
    """The selected files of ``commit`` under ``root``; ``skipped`` names the files left out and why."""

    root: Path
    commit: str
    paths: tuple[str, ...]
    skipped: tuple[str, ...] = ()

    def text(self, path: str) -> str | None:
        """``path``'s text, or ``None`` when it was not exported or is not UTF-8 text (binary)."""
        target = self.root / path
        if path not in self._index or target.is_symlink() or not target.is_file():
            return None
        data = target.read_bytes()
        if b"\0" in data[:8192]:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    @property
    def _index(self) -> frozenset[str]:
        return frozenset(self.paths)


def _listing(git_dir: str | Path, commit: str) -> Iterator[tuple[str, int, str]]:
    """(mode, size, path) of every blob at ``commit``."""
    out = git("ls-tree", "-r", "-l", "-z", "--full-tree", commit, cwd=git_dir)
    for entry in out.split("\0"):
        meta, _, path = entry.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == "blob":
            yield fields[0], int(fields[3]) if fields[3].isdigit() else 0, path


def paths_at(git_dir: str | Path, commit: str) -> list[str]:
    """Every regular file at ``commit``."""
    return [path for mode, _, path in _listing(git_dir, commit) if mode in _REGULAR]


@contextmanager
def export(
    git_dir: str | Path, commit: str, wanted: Callable[[str], bool], *, max_bytes: int = 1_000_000
) -> Iterator[Snapshot]:
    """The regular files of ``commit`` that ``wanted`` accepts, at most ``max_bytes`` each, in a temporary
    directory removed when the block ends."""
    chosen: list[str] = []
    skipped: list[str] = []
    for mode, size, path in _listing(git_dir, commit):
        if not wanted(path):
            continue
        if mode not in _REGULAR:
            skipped.append(f"{path}: not a regular file (mode {mode}), not read")
        elif size > max_bytes:
            skipped.append(f"{path}: {size} bytes > max_file_bytes={max_bytes}, not read")
        else:
            chosen.append(path)
    with tempfile.TemporaryDirectory(prefix="agentfleet-docs-") as tmp:
        root = Path(tmp) / "tree"
        root.mkdir()
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git("read-tree", commit, cwd=git_dir, env=env)
        if chosen:
            git(
                f"--work-tree={root}",
                "checkout-index",
                "--stdin",
                "-z",
                "-f",
                cwd=git_dir,
                env=env,
                input="\0".join(chosen) + "\0",
            )
        yield Snapshot(root=root, commit=commit, paths=tuple(chosen), skipped=tuple(skipped))


def changed_files(git_dir: str | Path, base: str, head: str) -> list[str]:
    """Paths that differ between ``base`` and ``head`` (both sides of a rename)."""
    out = git("diff", "--name-only", "--no-renames", "-z", base, head, "--", cwd=git_dir)
    return [p for p in out.split("\0") if p]


def commits_between(git_dir: str | Path, base: str, head: str) -> list[Commit]:
    """The commits after ``base`` up to ``head``, oldest first, each with the files it touched."""
    out = git(
        "log", "--reverse", "--no-renames", "--format=%x01%H", "--name-only", "-z", f"{base}..{head}", cwd=git_dir
    )
    commits = []
    for block in out.split("\x01")[1:]:
        sha, _, rest = block.partition("\0")
        files = frozenset(name.strip("\n") for name in rest.split("\0") if name.strip("\n"))
        commits.append(Commit(sha=sha.strip(), files=files))
    return commits


def first_base(git_dir: str | Path, head: str, since: str | None, history: int) -> str:
    """Where a repository's first audit starts: ``since`` when set, else ``history`` commits before ``head`` (the
    root commit when the history is shorter)."""
    if since:
        return git("rev-parse", "--verify", "--end-of-options", f"{since}^{{commit}}", cwd=git_dir).strip()
    out = git("rev-list", "--first-parent", f"--max-count={history + 1}", head, cwd=git_dir).split()
    return out[-1] if out else head
