"""Fixtures for the operator-facing tests."""

from delivery.kit import make_fleet  # noqa: F401 (fixture)
