"""The repository's existing test files as a sandbox holds them: the style, fixtures and imports new tests follow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.analysis import is_test_file
from agentfleet.core.errors import PermanentError

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["existing_tests"]

_MAX_TEST_SOURCES = 80
_MAX_TEST_BYTES = 200_000


def existing_tests(files: list[str], box: Sandbox) -> dict[str, str]:
    """Path → text of the first 80 Python test files among ``files`` that ``box`` can read (200 kB each at most)."""
    sources: dict[str, str] = {}
    for path in [f for f in files if f.endswith(".py") and is_test_file(f)][:_MAX_TEST_SOURCES]:
        try:
            text = box.read(path)
        except PermanentError:  # unreadable in the sandbox (a link, a directory): not a style source
            continue
        if len(text) <= _MAX_TEST_BYTES:
            sources[path] = text
    return sources
