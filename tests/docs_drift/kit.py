"""A sample library (``shelf``) whose docs are in line with its code, and helpers to change it in real commits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import commit, make_repo

from agentfleet.flow.monitors.docs_drift.audit import AuditReport, audit
from agentfleet.flow.monitors.docs_drift.config import DocsConfig

CLIENT = '''"""The client."""


def fetch(url, timeout=10, verify=True):
    """Fetch ``url``.

    Args:
        url: Where to go.
        timeout: Seconds to wait. Defaults to 10.
        verify: Check TLS certificates.

    Returns:
        The body.
    """
    return url


def fetch_all(urls, limit=5):
    """Fetch every URL.

    Parameters
    ----------
    urls : list
        Where to go.
    limit : int, default 5
        How many at once.
    """
    return [fetch(u) for u in urls][:limit]


class Client:
    """A client with a base URL."""

    def __init__(self, base):
        self.base = base

    def get(self, path, params=None):
        """Get ``path``.

        :param path: The path.
        :param params: Query parameters, defaults to None.
        """
        return self.base + path


def _helper(x):
    return x
'''

FILES = {
    "shelf/__init__.py": '"""Shelf."""\nfrom shelf.client import Client, fetch, fetch_all\n\n'
    '__all__ = ["Client", "fetch", "fetch_all"]\n',
    "shelf/client.py": CLIENT,
    "README.md": (
        "# shelf\n\n```python run\nfrom shelf import fetch\n"
        'body = fetch("https://example.com", timeout=5, verify=False)\n'
        "```\n\nCall `fetch` with `timeout` to bound the wait.\n"
    ),
    "docs/usage.md": (
        "# Usage\n\nUse `shelf.fetch(url, timeout=3)` for one-off requests.\n\n"
        '```pycon\n>>> from shelf import Client\n>>> c = Client("https://x")\n>>> c.get("/a")\n\'https://x/a\'\n```\n'
    ),
    "CHANGELOG.md": "# Changelog\n\n## 1.0\n\n- First release.\n",
    "tests/test_shelf.py": "from shelf import fetch\n\n\ndef test_fetch():\n    assert fetch('u') == 'u'\n",
}
"""The library at its first commit: docs and code agree."""

RENAME_ADD_REMOVE = ("def fetch(url, timeout=10, verify=True):", "def fetch(url, deadline=10, retries=3):")
"""The change the issue describes: ``timeout`` renamed, ``verify`` removed, ``retries`` added."""


@dataclass
class Library:
    """The sample library's repository and its first commit."""

    path: Path
    base: str

    def change(self, edits: Mapping[str, str | tuple[str, str] | None], message: str = "change") -> str:
        """Commit ``edits`` (path → new text, (old, new) replacement, or ``None`` to delete); the new head."""
        files: dict[str, str] = {}
        for rel, edit in edits.items():
            target = self.path / rel
            if edit is None:
                target.unlink()
                continue
            files[rel] = target.read_text().replace(*edit) if isinstance(edit, tuple) else edit
        return commit(self.path, files, message)

    def audit(self, head: str = "HEAD", base: str | None = None, **config: object) -> AuditReport:
        """Audit the range from ``base`` (the first commit) to ``head``."""
        return audit(self.path, base or self.base, head, DocsConfig(**config))  # type: ignore[arg-type]


def inconsistencies(report: AuditReport) -> set[tuple[str, str, str, str, str, str]]:
    """(check, symbol, file, action, old, new) of every inconsistency found."""
    return {
        (i.item.check, i.item.symbol, i.item.file, i.item.action, i.item.old, i.item.new)
        for issues in report.inspection.issues.values()
        for i in issues
    }


@pytest.fixture
def library(tmp_path: Path) -> Callable[..., Library]:
    """Factory: the sample library (``files`` override, add to or, with ``None``, drop from ``FILES``) as a real
    git repository."""

    def make(files: Mapping[str, str | None] | None = None, name: str = "shelf") -> Library:
        path = tmp_path / name
        chosen = {rel: text for rel, text in {**FILES, **(files or {})}.items() if text is not None}
        return Library(path, make_repo(path, chosen))

    return make
