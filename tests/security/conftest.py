"""The escape battery uses the sandbox kit's real-backend fixtures (tests/sandboxes/kit.py); the cheats get
their repositories from ``repos``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gate.kit import GateRepo
from gate_harness import Repos, make_gate_repo
from sandboxes.kit import backend, open_box, sandbox_data  # noqa: F401  (fixtures)


@pytest.fixture
def repos(backend: str, sandbox_data: Path, tmp_path: Path, write_fleet: Callable[[str], Path]) -> Repos:  # noqa: F811
    """Factory: ``repos(name)`` → that repository, sandboxed by ``backend``."""

    def make(name: str) -> GateRepo:
        return make_gate_repo(name, tmp_path / name, sandbox_data, write_fleet, backend)

    return make
