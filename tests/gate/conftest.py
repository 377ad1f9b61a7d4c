"""Fixtures for the gate suites."""

from gate.kit import gate_repo, sandbox_data  # noqa: F401 (fixtures)
