"""Fixtures for the delivery suites."""

from delivery.kit import make_fleet  # noqa: F401 (fixture)
