"""Which files are tests (pytest and unittest conventions)."""

from __future__ import annotations

from pathlib import PurePosixPath

__all__ = ["is_test_file", "is_test_support"]

_TEST_DIRS = frozenset({"test", "tests", "testing"})
_FIXTURE_DIRS = frozenset({"fixtures", "testdata", "test_data", "snapshots", "__snapshots__", "cassettes"})


def is_test_file(path: str) -> bool:
    """True for ``test_*.py``, ``*_test.py``, ``conftest.py`` and any file under a ``tests/`` directory."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if not parts:
        return False
    name = parts[-1]
    if any(part in _TEST_DIRS for part in parts[:-1]):
        return True
    return name == "conftest.py" or (name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py")))


def is_test_support(path: str) -> bool:
    """A test file, or data that tests read kept beside the code (``fixtures/``, ``testdata/``…)."""
    return is_test_file(path) or bool(_FIXTURE_DIRS & set(path.split("/")[:-1]))
