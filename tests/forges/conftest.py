"""Fixtures for the forge suites."""

from forges.kit import make_forge, upstream  # noqa: F401 (fixtures)
