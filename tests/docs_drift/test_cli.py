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


def test_changes_lists_every_api_change_even_those_whose_docs_are_fine(library: Callable[..., Library]) -> None:
    # Given a change whose docs need nothing (a documented new optional parameter) and one that drifts
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", "docs-drift", str(lib.path), "--base", lib.base, "--changes"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Then each API change is one line before the findings, so an operator can see what was compared
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("change  `shelf.fetch`: parameter `timeout` renamed to `deadline`"), first
