"""Fixtures for the gate suites: the service repo kit, and the sandbox kit's real backends (bwrap, Docker)."""

from sandboxes.kit import backend, open_box  # noqa: F401 (fixtures)

from gate.kit import gate_repo, sandbox_data  # noqa: F401 (fixtures)
