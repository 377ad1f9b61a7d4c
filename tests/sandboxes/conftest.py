"""Sandbox fixtures (see kit.py); shared with tests/security."""

from sandboxes.kit import backend, open_box, sandbox_data  # noqa: F401  (fixtures)
