"""Ruff on many files at once (read, never run): each function's McCabe complexity and the enabled rules' findings.

Ruff reads the files from a private temporary directory, isolated from the repository's own configuration, so
the fleet file alone decides what is reported. ``C901`` with a maximum of 0 reports every function with its
complexity; that is the number the quality monitor and the refactor gate compare.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruff.__main__ import find_ruff_bin

from agentfleet.core.errors import PermanentError

__all__ = ["Diagnostic", "Lint", "lint"]

log = logging.getLogger(__name__)

_COMPLEXITY = re.compile(r"is too complex \((\d+) > 0\)")
_TIMEOUT = 300


@dataclass(frozen=True)
class Diagnostic:
    """One ruff finding: where, which rule, and whether ruff has a safe fix for it."""

    row: int
    end_row: int
    code: str
    message: str
    fixable: bool


@dataclass
class Lint:
    """Per file: the complexity of each function by its ``def`` line, and the enabled rules' findings."""

    complexity: dict[str, dict[int, int]] = field(default_factory=dict)
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)


def _argv(select: Sequence[str], target: str) -> list[str]:
    return [
        find_ruff_bin(),
        "check",
        "--isolated",
        "--no-cache",
        "--exit-zero",
        "--select",
        ",".join(["C901", *select]),
        "--config",
        "lint.mccabe.max-complexity=0",
        "--target-version",
        target,
        "--output-format",
        "json",
    ]


def _parse(rows: list[dict[str, object]], root: Path, found: Lint) -> None:
    for row in rows:
        filename, code = str(row.get("filename", "")), str(row.get("code") or "")
        try:
            path = str(Path(filename).relative_to(root))
        except ValueError:
            continue
        start, end = row.get("location") or {}, row.get("end_location") or {}
        line = int(start.get("row", 0)) if isinstance(start, dict) else 0
        message = str(row.get("message", ""))
        if code == "C901" and (match := _COMPLEXITY.search(message)):
            found.complexity.setdefault(path, {})[line] = int(match.group(1))
            continue
        fix = row.get("fix")
        safe = isinstance(fix, dict) and fix.get("applicability") == "safe"
        end_line = int(end.get("row", line)) if isinstance(end, dict) else line
        found.findings.setdefault(path, []).append(Diagnostic(line, end_line, code, message, safe))


def lint(texts: Mapping[str, str], select: Sequence[str], target: str = "py39") -> Lint:
    """Ruff's complexity and ``select`` findings for every file of ``texts`` (path → source), in one run (files
    named on the command line: ruff's default exclusions, ``build/`` or ``dist/``, do not apply)."""
    found = Lint()
    if not texts:
        return found
    with tempfile.TemporaryDirectory(prefix="agentfleet-quality-") as tmp:
        root = Path(tmp).resolve()
        for path, text in texts.items():
            target_file = root / path
            target_file.parent.mkdir(parents=True, exist_ok=True)
            target_file.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(
                [*_argv(select, target), *texts],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PermanentError(f"ruff took more than {_TIMEOUT}s on {len(texts)} files; omit some paths") from None
        if done.returncode != 0:
            raise PermanentError(f"ruff failed: {done.stderr.strip()[-500:]} (check [repos.quality] rules)")
        _parse(json.loads(done.stdout or "[]"), root, found)
    log.debug("ruff read %d files", len(texts))
    return found
