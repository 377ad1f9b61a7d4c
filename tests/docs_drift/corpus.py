"""The docs-drift corpus: one small package (``acme``) whose docs agree with its code, and single-commit changes
to it — seeded drifts (each names the symbols whose docs it leaves stale) and changes that need no doc update.

``benchmarks/docs.py`` measures precision, recall and the share the offline fixer fixes without placeholders;
``test_corpus.py`` keeps the detection above the targets. The corpus and the checks were written by the same
engineer: read the figures for what they are, a regression guard, not an estimate on other projects.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from agentfleet.contracts import SyncDocs
from agentfleet.core.git import commit_all
from agentfleet.flow.fixers.docs.plan import plan_edits
from agentfleet.flow.monitors.docs_drift.audit import audit
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.findings import evidence_of

CORE = '''"""The core."""


def fetch(url, timeout=10, verify=True):
    """Fetch ``url``.

    Args:
        url: Where to go.
        timeout: Seconds to wait. Defaults to 10.
        verify: Check TLS certificates.
    """
    return _retry(url)


def parse_date(text, fmt="%Y-%m-%d", strict=False):
    """Parse a date.

    Args:
        text: The date as text.
        fmt: Its format. Defaults to ``"%Y-%m-%d"``.
        strict: Refuse trailing text.
    """
    return text


class Session:
    """A session.

    Parameters
    ----------
    base : str
        The base URL.
    retries : int, default 3
        How often to retry.
    """

    def __init__(self, base, retries=3):
        self.base = base

    def get(self, path, params=None):
        """Get ``path``.

        :param path: The path.
        :param params: Query parameters, defaults to None.
        """
        return self.base + path

    def close(self):
        """Close the session.

        Raises:
            ValueError: When already closed.
        """
        if not self.base:
            raise ValueError("closed")


def _retry(url):
    return url
'''

UTILS = '''"""Helpers."""


def slugify(text, sep="-"):
    """A slug of ``text``.

    Args:
        text: The text.
        sep: The separator. Defaults to ``"-"``.
    """
    return sep.join(text.split())


def chunk(items, size):
    """Split ``items``.

    Parameters
    ----------
    items : list
        What to split.
    size : int
        Items per chunk.
    """
    return [items[i : i + size] for i in range(0, len(items), size)]


def count(items) -> int:
    """Count ``items``.

    Returns:
        int: How many.
    """
    return len(items)
'''

CLI = '''"""The command line."""
import argparse

parser = argparse.ArgumentParser(prog="acme")
parser.add_argument("--colour", action="store_true", help="Colour the output.")
parser.add_argument("--verbose", action="store_true", help="Say more.")
'''

BASE: dict[str, str] = {
    "acme/__init__.py": '"""Acme."""\nfrom acme._core import Session, fetch, parse_date\n\n'
    '__all__ = ["Session", "fetch", "parse_date"]\n',
    "acme/_core.py": CORE,
    "acme/utils.py": UTILS,
    "acme/cli.py": CLI,
    "README.md": "# acme\n\n```python\nfrom acme import Session, fetch\nfrom acme.utils import slugify\n\n"
    'body = fetch("https://example.com", timeout=5, verify=False)\ns = Session("https://x", retries=2)\n'
    's.get("/a", params={"q": 1})\nslugify("A B", sep="_")\n```\n\nDates: see `parse_date`.\n',
    "docs/api.md": "# API\n\nSplit with `acme.utils.chunk(items, size=10)`; read with `Session.get`.\n\n"
    "Run `acme --colour` for colours, `acme --verbose` for detail.\n",
    "docs/guide.rst": "Guide\n=====\n\nParse dates:\n\n.. code-block:: python\n\n   from acme import parse_date\n"
    '   parse_date("2020-01-02", fmt="%Y-%m-%d", strict=True)\n\nSlugs come from :func:`acme.utils.slugify`.\n',
    "CHANGELOG.md": "# Changelog\n\n## 1.0\n\n- First release.\n",
}
"""The package at its first commit: docs and code agree."""

Edit = str | tuple[str, str]


@dataclass(frozen=True)
class Case:
    """One commit on top of ``BASE``, and the symbols whose docs it leaves stale (empty: none)."""

    name: str
    edits: Mapping[str, Edit]
    drifted: frozenset[str] = frozenset()


def _drift(name: str, edits: Mapping[str, Edit], *symbols: str) -> Case:
    return Case(name, edits, frozenset(symbols))


_UTIL_MOVED = UTILS[: UTILS.index("def chunk")] + UTILS[UTILS.index("def count") :]
_INIT_CLIENT = (
    '"""Acme."""\nfrom acme._core import Client, fetch, parse_date\n\n__all__ = ["Client", "fetch", "parse_date"]\n'
)

DRIFTS = [
    _drift(
        "rename timeout", {"acme/_core.py": ("def fetch(url, timeout=10,", "def fetch(url, deadline=10,")}, "acme.fetch"
    ),
    _drift(
        "remove verify",
        {"acme/_core.py": ("def fetch(url, timeout=10, verify=True):", "def fetch(url, timeout=10):")},
        "acme.fetch",
    ),
    _drift(
        "add required method",
        {"acme/_core.py": ("def fetch(url, timeout=10,", "def fetch(url, method, timeout=10,")},
        "acme.fetch",
    ),
    _drift(
        "default 10 to 30",
        {"acme/_core.py": ("def fetch(url, timeout=10,", "def fetch(url, timeout=30,")},
        "acme.fetch",
    ),
    _drift(
        "rename verify", {"acme/_core.py": ("timeout=10, verify=True):", "timeout=10, check_tls=True):")}, "acme.fetch"
    ),
    _drift("add optional headers", {"acme/_core.py": ("verify=True):", "verify=True, headers=None):")}, "acme.fetch"),
    _drift(
        "Session retries renamed",
        {"acme/_core.py": ("def __init__(self, base, retries=3):", "def __init__(self, base, max_retries=3):")},
        "acme.Session",
    ),
    _drift(
        "Session.get params renamed",
        {"acme/_core.py": ("def get(self, path, params=None):", "def get(self, path, query=None):")},
        "acme.Session.get",
    ),
    _drift(
        "Session.get params removed",
        {"acme/_core.py": ("def get(self, path, params=None):", "def get(self, path):")},
        "acme.Session.get",
    ),
    _drift(
        "Session.get default",
        {"acme/_core.py": ("def get(self, path, params=None):", "def get(self, path, params=0):")},
        "acme.Session.get",
    ),
    _drift(
        "Session.close raises",
        {"acme/_core.py": ('raise ValueError("closed")', 'raise RuntimeError("closed")')},
        "acme.Session.close",
    ),
    _drift(
        "Session renamed Client",
        {"acme/_core.py": ("class Session:", "class Client:"), "acme/__init__.py": _INIT_CLIENT},
        "acme.Client",
    ),
    _drift(
        "parse_date fmt renamed",
        {"acme/_core.py": ('def parse_date(text, fmt="%Y-%m-%d",', 'def parse_date(text, format="%Y-%m-%d",')},
        "acme.parse_date",
    ),
    _drift(
        "parse_date default",
        {"acme/_core.py": ('def parse_date(text, fmt="%Y-%m-%d",', 'def parse_date(text, fmt="%d.%m.%Y",')},
        "acme.parse_date",
    ),
    _drift("parse_date strict removed", {"acme/_core.py": (", strict=False):", "):")}, "acme.parse_date"),
    _drift(
        "slugify sep renamed",
        {"acme/utils.py": ('def slugify(text, sep="-"):', 'def slugify(text, separator="-"):')},
        "acme.utils.slugify",
    ),
    _drift(
        "slugify sep removed",
        {"acme/utils.py": ('def slugify(text, sep="-"):\n', 'def slugify(text):\n    sep = "-"\n')},
        "acme.utils.slugify",
    ),
    _drift(
        "slugify new required lang",
        {"acme/utils.py": ('def slugify(text, sep="-"):', 'def slugify(text, lang, sep="-"):')},
        "acme.utils.slugify",
    ),
    _drift("slugify renamed", {"acme/utils.py": ("def slugify(", "def make_slug(")}, "acme.utils.make_slug"),
    _drift(
        "chunk size renamed", {"acme/utils.py": ("def chunk(items, size):", "def chunk(items, n):")}, "acme.utils.chunk"
    ),
    _drift(
        "chunk moved",
        {
            "acme/utils.py": _UTIL_MOVED,
            "acme/batching.py": '"""Batching."""\n\n\n' + UTILS[UTILS.index("def chunk") : UTILS.index("def count")],
        },
        "acme.batching.chunk",
    ),
    _drift("chunk removed", {"acme/utils.py": _UTIL_MOVED}, "acme.utils.chunk"),
    _drift(
        "count returns float",
        {"acme/utils.py": ("def count(items) -> int:", "def count(items) -> float:")},
        "acme.utils.count",
    ),
    _drift("option renamed", {"acme/cli.py": ('"--colour"', '"--color"')}, "cli:--color"),
    _drift(
        "option removed",
        {"acme/cli.py": CLI.replace('parser.add_argument("--verbose", action="store_true", help="Say more.")\n', "")},
        "cli:--verbose",
    ),
    _drift(
        "new function, no docs",
        {"acme/utils.py": UTILS + "\n\ndef flatten(rows):\n    return [x for r in rows for x in r]\n"},
        "acme.utils.flatten",
    ),
    _drift(
        "new class, no docs",
        {"acme/utils.py": UTILS + "\n\nclass Cache:\n    def __init__(self, size):\n        self.size = size\n"},
        "acme.utils.Cache",
    ),
]
"""Changes that leave docs stale (a docstring, the README, docs/, or no doc update at all)."""

QUIET = [
    Case("private helper", {"acme/_core.py": ("def _retry(url):", "def _retry(url, attempts=1):")}),
    Case(
        "body only", {"acme/_core.py": ("    return _retry(url)\n", "    url = url.strip()\n    return _retry(url)\n")}
    ),
    Case(
        "comments only",
        {"acme/utils.py": ("    return len(items)\n", "    # the builtin is fine\n    return len(items)\n")},
    ),
    Case("annotations added", {"acme/utils.py": ("def chunk(items, size):", "def chunk(items: list, size: int):")}),
    Case("tests only", {"tests/test_acme.py": "def test_nothing():\n    pass\n"}),
    Case(
        "return annotation added",
        {
            "acme/_core.py": (
                "def fetch(url, timeout=10, verify=True):",
                "def fetch(url, timeout=10, verify=True) -> str:",
            )
        },
    ),
    Case("defaults reformatted", {"acme/utils.py": ('def slugify(text, sep="-"):', "def slugify(text, sep='-'):")}),
    Case("docs typo", {"README.md": ("Dates: see", "Dates: read")}),
    Case(
        "rename with docs",
        {
            "acme/utils.py": UTILS.replace("sep", "separator"),
            "README.md": BASE["README.md"].replace('sep="_"', 'separator="_"'),
            "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n- `slugify`: `sep` is now `separator`.\n\n## 1.0\n",
        },
    ),
    Case(
        "documented new parameter",
        {
            "acme/utils.py": UTILS.replace("def chunk(items, size):", "def chunk(items, size, pad=None):").replace(
                "        Items per chunk.\n",
                "        Items per chunk.\n    pad : object, optional\n        Fill the last chunk.\n",
            )
        },
    ),
    Case(
        "documented new function",
        {
            "acme/utils.py": UTILS + '\n\ndef flatten(rows):\n    """Flatten ``rows``."""\n'
            "    return [x for r in rows for x in r]\n"
        },
    ),
    Case(
        "kept alias", {"acme/utils.py": UTILS.replace("def slugify(", "def make_slug(") + "\n\nslugify = make_slug\n"}
    ),
    Case(
        "private method",
        {
            "acme/_core.py": (
                "    def close(self):",
                "    def _drain(self, n=1):\n        return n\n\n    def close(self):",
            )
        },
    ),
    Case(
        "new option", {"acme/cli.py": CLI + 'parser.add_argument("--quiet", action="store_true", help="Say less.")\n'}
    ),
]
"""Changes that need no doc update (false alarms if reported)."""


@dataclass
class Outcome:
    """What the monitor and the fixer did with one case."""

    case: Case
    reported: frozenset[str]
    fixed: bool
    placeholders: int
    seconds: float


def _write(root: Path, edits: Mapping[str, Edit]) -> None:
    for rel, edit in edits.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(target.read_text().replace(*edit) if isinstance(edit, tuple) else edit)


def run_case(case: Case, workdir: Path) -> Outcome:
    """Commit ``case`` on a fresh copy of ``BASE``, audit it, and let the offline fixer fix what it reported."""
    root = workdir / "repo"
    _write(root, BASE)
    base = commit_all(root, "base")
    _write(root, case.edits)
    head = commit_all(root, case.name)
    assert base != head, f"case {case.name!r} changed nothing"
    report = audit(root, base, head, DocsConfig())
    found = evidence_of(report)
    fixed, holes = True, 0
    for evidence in found:
        item = SyncDocs(
            repo="acme",
            base_commit=head,
            fingerprint="docs:x",
            symbols=evidence.symbols,
            changes=evidence.changes,
            inconsistencies=evidence.inconsistencies,
        )
        plan = plan_edits(root, head, item, DocsConfig())
        holes += plan.placeholders
        fixed = fixed and not plan.flagged and bool(plan.after)
    return Outcome(case, frozenset(s for e in found for s in e.symbols), fixed and bool(found), holes, report.seconds)


def run_all(cases: list[Case]) -> list[Outcome]:
    """Every case, each in its own temporary repository."""
    outcomes = []
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="agentfleet-docs-corpus-") as tmp:
            outcomes.append(run_case(case, Path(tmp)))
    return outcomes
