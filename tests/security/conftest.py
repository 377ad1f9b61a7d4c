"""The escape battery uses the sandbox kit's real-backend fixtures (tests/sandboxes/kit.py)."""

from sandboxes.kit import backend, open_box, sandbox_data  # noqa: F401  (fixtures)
