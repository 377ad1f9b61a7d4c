"""Fixtures for the verification suites."""

from verification.kit import make_shop  # noqa: F401 (fixture)
