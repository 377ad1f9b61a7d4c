"""What the kind cheats' tests share: a cheat's edits as a real git diff against a repository's base commit."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

__all__ = ["diff_of"]


def diff_of(repo: Path, edits: Mapping[str, str | None]) -> str:
    """``edits`` (path → new text, ``None`` deletes) as ``git diff`` of ``repo``'s head; the tree is reset after."""
    for rel, text in edits.items():
        target = repo / rel
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    diff = subprocess.run(["git", "diff", "--cached"], cwd=repo, capture_output=True, text=True, check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=repo, check=True)
    return diff.stdout
