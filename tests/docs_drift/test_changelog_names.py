"""A changelog named without a suffix (sqlparse's ``CHANGELOG``, many projects' ``CHANGES``, ``NEWS``) is
documentation to the gate, as it is to the monitor and the fixer that write into it."""

from __future__ import annotations

import pytest

from agentfleet.flow.gate.checks.sync_docs import is_doc_path
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.layout import find_layout


@pytest.mark.parametrize("path", ["CHANGELOG", "CHANGES", "HISTORY", "NEWS", "docs/changelog", "CHANGES.rst"])
def test_a_changelog_without_a_suffix_is_documentation(path: str) -> None:
    # Given the changelog the monitor finds in a repository (the docs fixer writes its line there)
    assert find_layout([path, "pkg/__init__.py"], DocsConfig()).changelog == path
    # Then the gate's docs_only check takes a patch to it as documentation
    assert is_doc_path(path)


@pytest.mark.parametrize("path", ["Makefile", "CHANGES.sh", "changes.py", "history.cfg", "setup.cfg", "NEWS.json"])
def test_other_files_named_like_one_are_not(path: str) -> None:
    assert not is_doc_path(path)
