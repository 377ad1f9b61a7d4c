"""Fixtures for the docs-drift suites."""

from docs_drift.kit import library  # noqa: F401 (fixture)
