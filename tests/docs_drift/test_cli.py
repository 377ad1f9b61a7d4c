"""``agentfleet docs-drift`` audits any repository's history without a fleet file or a store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from agentfleet.contracts import DocsEvidence
from docs_drift.kit import RENAME_ADD_REMOVE, Library


def test_the_command_prints_each_findings_evidence_as_json(library: Callable[..., Library]) -> None:
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", "docs-drift", str(lib.path), "--base", lib.base, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (evidence,) = [DocsEvidence.model_validate_json(line) for line in done.stdout.splitlines()]
    assert evidence.symbols == ("shelf.fetch",)
    assert len(evidence.inconsistencies) == 8


def test_an_unknown_commit_is_a_clear_configuration_error(library: Callable[..., Library]) -> None:
    lib = library()
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", "docs-drift", str(lib.path), "--base", "v9.9"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert f"'v9.9' is not a commit in {lib.path}" in done.stderr
