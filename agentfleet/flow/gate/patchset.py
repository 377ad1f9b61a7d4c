"""The patch as git applies it: every changed path with its modes and its text before and after.

The gate never reasons about hunks it parsed itself. git applies the diff to the base tree in the host
mirror (``git apply --cached`` on a scratch index, as the bare forge delivers it) and the tree diff
says which paths changed, how (renames read as a deletion plus an addition) and to which blobs. The
texts come from those blobs, and every test run's tree is built from them, so what the gate checks is
byte for byte what it delivers. A change it cannot read as text is reported in ``unreadable``.
"""

from __future__ import annotations

import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from agentfleet.analysis import is_test_file, module_name
from agentfleet.core.errors import PermanentError
from agentfleet.core.git import IDENTITY, git, patch_text

__all__ = ["ChangedFile", "PatchSet", "collisions"]

_REGULAR = frozenset({"100644", "100755"})
_ABSENT = "000000"
_NULL = "0" * 40
_BINARY_MARKERS = ("GIT binary patch", "Binary files ")


@dataclass(frozen=True)
class ChangedFile:
    """One path the patch changes, as git applied it (``None`` text: absent on that side)."""

    path: str
    before: str | None
    after: str | None
    mode: str
    """The mode after the patch (``000000`` when deleted)."""
    blob: str
    """The blob after the patch (zeros when deleted)."""


@dataclass
class PatchSet:
    """The changed files of a patch applied to ``base`` in the git directory ``git_dir``."""

    git_dir: Path
    base: str
    files: dict[str, ChangedFile] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    """Why some change cannot be reviewed as text (binary, symlink, mode change, size…); empty when all can."""

    @property
    def before(self) -> dict[str, str | None]:
        """Path → text at the base commit."""
        return {path: change.before for path, change in self.files.items()}

    @property
    def after(self) -> dict[str, str | None]:
        """Path → text after the patch."""
        return {path: change.after for path, change in self.files.items()}

    @classmethod
    def apply(cls, git_dir: Path, base: str, diff: str, max_file_bytes: int) -> PatchSet:
        """Apply ``diff`` to ``base`` in ``git_dir``; ``PermanentError`` when it does not apply."""
        patchset = cls(git_dir, base)
        patchset.unreadable += [f"the diff has a binary hunk ({m.strip()})" for m in _BINARY_MARKERS if m in diff]
        with tempfile.TemporaryDirectory(prefix="agentfleet-gate-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            git("read-tree", base, cwd=git_dir, env=env)
            patch = Path(tmp) / "patch.diff"
            patch.write_text(patch_text(diff), encoding="utf-8")
            try:
                git("apply", "--cached", "--whitespace=nowarn", str(patch), cwd=git_dir, env=env)
            except PermanentError as exc:
                raise PermanentError(f"the patch does not apply to {base[:12]}: {exc}") from None
            tree = git("write-tree", cwd=git_dir, env=env).strip()
        raw = git("diff-tree", "-r", "-z", "--no-renames", "--raw", f"{base}^{{tree}}", tree, cwd=git_dir)
        patchset._read(_entries(raw), max_file_bytes)
        listing = git("ls-tree", "-r", "-z", "--name-only", "--full-tree", tree, cwd=git_dir)
        patchset.unreadable += collisions(listing.split("\0"), patchset.files)
        return patchset

    def _read(self, entries: list[tuple[str, str, str, str, str]], cap: int) -> None:
        blobs = {
            sha
            for old_mode, new_mode, old, new, _ in entries
            for sha, mode in ((old, old_mode), (new, new_mode))
            if sha != _NULL and mode != "160000"
        }
        texts, problems = _texts(self.git_dir, blobs, cap)
        for old_mode, new_mode, old, new, path in entries:
            for why in _mode_problems(old_mode, new_mode):
                self.unreadable.append(f"{path}: {why}")
            for sha in (old, new):
                if sha in problems:
                    self.unreadable.append(f"{path}: {problems[sha]}")
            before = texts.get(old) if old != _NULL else None
            after = texts.get(new) if new != _NULL else None
            self.files[path] = ChangedFile(path, before, after, new_mode, new)

    def base_text(self, path: str) -> str | None:
        """The text of ``path`` at the base commit (``None``: no such file)."""
        if git("cat-file", "-t", f"{self.base}:{path}", cwd=self.git_dir, check=False).strip() != "blob":
            return None
        return git("cat-file", "blob", f"{self.base}:{path}", cwd=self.git_dir)

    def module_paths(self) -> dict[str, str]:
        """Dotted name → path of each of the repository's own (non-test) Python files at the base, by the name it
        is imported by (``module_name``)."""
        listing = git("ls-tree", "-r", "-z", "--name-only", "--full-tree", self.base, cwd=self.git_dir)
        found: dict[str, str] = {}
        for path in listing.split("\0"):
            if path.endswith(".py") and not is_test_file(path) and (name := module_name(path)):
                found.setdefault(name, path)
        return found

    def modules(self) -> frozenset[str]:
        """The dotted names the repository's own (non-test) Python files are imported by at the base."""
        return frozenset(self.module_paths())

    def test_sources(self, cap_bytes: int = 4 << 20) -> list[str]:
        """The repository's Python test files at the base commit (up to ``cap_bytes`` in all, smallest first)
        and the patch's test files after it: where the tests' literals come from."""
        listing = git("ls-tree", "-r", "-z", "-l", "--full-tree", self.base, cwd=self.git_dir)
        sized = []
        for entry in listing.split("\0"):
            meta, _, path = entry.partition("\t")
            fields = meta.split()
            if len(fields) == 4 and fields[1] == "blob" and path.endswith(".py") and is_test_file(path):
                sized.append((int(fields[3]), fields[2]))
        chosen, total = [], 0
        for size, sha in sorted(sized):
            total += size
            if total > cap_bytes:
                break
            chosen.append(sha)
        texts = [data.decode("utf-8", "replace") for data in _blob_bytes(self.git_dir, chosen).values()]
        return texts + [c.after for p, c in self.files.items() if c.after is not None and is_test_file(p)]

    def commit(self, paths: Iterable[str], extra: Mapping[str, str] | None = None) -> str:
        """A commit of the base with the changes to ``paths`` only, plus files ``extra`` (path → text) the
        gate writes itself; kept under ``refs/agentfleet/gate/`` so a sandbox can check it out. With neither,
        the base commit itself."""
        paths = list(paths)
        if not paths and not extra:
            return self.base
        lines = []
        for path in paths:
            change = self.files[path]
            lines.append(f"{change.mode} {change.blob}\t{path}" if change.after is not None else f"0 {_NULL}\t{path}")
        for path, text in (extra or {}).items():
            blob = git("hash-object", "-w", "--stdin", cwd=self.git_dir, input=text).strip()
            lines.append(f"100644 {blob}\t{path}")
        with tempfile.TemporaryDirectory(prefix="agentfleet-gate-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            git("read-tree", self.base, cwd=self.git_dir, env=env)
            if lines:
                git("update-index", "-z", "--index-info", cwd=self.git_dir, env=env, input="\0".join(lines) + "\0")
            tree = git("write-tree", cwd=self.git_dir, env=env).strip()
        message = "agentfleet gate: base + part of the patch under verification"
        sha = git(*IDENTITY, "commit-tree", tree, "-p", self.base, "-m", message, cwd=self.git_dir).strip()
        git("update-ref", f"refs/agentfleet/gate/{sha}", sha, cwd=self.git_dir)
        return sha


def _folded(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def collisions(tree: Iterable[str], changed: Iterable[str]) -> list[str]:
    """Paths of ``changed`` that another path of ``tree`` matches but for case or Unicode normalization: a
    case-insensitive or normalizing checkout (macOS, Windows) keeps only one of them, perhaps not the one the
    gate read."""
    seen: dict[str, list[str]] = {}
    for path in tree:
        if path:
            seen.setdefault(_folded(path), []).append(path)
    return [
        f"{path}: collides with {', '.join(o for o in seen[_folded(path)] if o != path)} on a case-insensitive checkout"
        for path in sorted(changed)
        if len(seen.get(_folded(path), ())) > 1
    ]


def _entries(raw: str) -> list[tuple[str, str, str, str, str]]:
    """``git diff-tree -z --raw`` → (old mode, new mode, old blob, new blob, path) per changed path."""
    fields = raw.split("\0")
    entries = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if not meta.startswith(":"):
            continue
        old_mode, new_mode, old, new, _status = meta[1:].split(" ")
        entries.append((old_mode, new_mode, old, new, path))
    return entries


def _mode_problems(old_mode: str, new_mode: str) -> list[str]:
    problems = []
    for mode in {old_mode, new_mode} - {_ABSENT}:
        if mode == "120000":
            problems.append("a symbolic link (the gate reviews regular files only)")
        elif mode == "160000":
            problems.append("a submodule (the gate reviews regular files only)")
        elif mode not in _REGULAR:
            problems.append(f"mode {mode} is not a regular file")
    if old_mode != _ABSENT and new_mode != _ABSENT and old_mode != new_mode and not problems:
        problems.append(f"mode change {old_mode} -> {new_mode} (a patch may change content only)")
    return problems


def _texts(git_dir: Path, blobs: set[str], cap: int) -> tuple[dict[str, str], dict[str, str]]:
    """Blob → UTF-8 text, and blob → why it cannot be read as text (over ``cap`` bytes, binary)."""
    if not blobs:
        return {}, {}
    order = sorted(blobs)
    sizes = git("cat-file", "--batch-check=%(objectname) %(objectsize)", cwd=git_dir, input="\n".join(order) + "\n")
    problems: dict[str, str] = {}
    small = []
    for line in sizes.splitlines():
        sha, size = line.split()
        if not size.isdigit():
            problems[sha] = f"git has no readable object {sha[:12]}"
        elif int(size) > cap:
            problems[sha] = f"{int(size)} bytes, over max_file_bytes={cap}"
        else:
            small.append(sha)
    texts: dict[str, str] = {}
    for sha, data in _blob_bytes(git_dir, small).items():
        if b"\0" in data:
            problems[sha] = "binary content (a NUL byte)"
            continue
        try:
            texts[sha] = data.decode("utf-8")
        except UnicodeDecodeError:
            problems[sha] = "binary content (not UTF-8 text)"
    return texts, problems


def _blob_bytes(git_dir: Path, blobs: list[str]) -> dict[str, bytes]:
    """The raw bytes of ``blobs`` in one ``git cat-file --batch`` (git() decodes text; these may not be)."""
    if not blobs:
        return {}
    done = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=git_dir, input="\n".join(blobs).encode() + b"\n", capture_output=True
    )
    if done.returncode != 0:
        raise PermanentError(f"git cat-file failed in {git_dir}: {done.stderr.decode(errors='replace')[-300:]}")
    out, found = done.stdout, {}
    for sha in blobs:
        header, _, out = out.partition(b"\n")
        size = int(header.split()[2])
        found[sha], out = out[:size], out[size + 1 :]
    return found
