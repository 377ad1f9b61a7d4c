"""Bad input never crashes an audit: each problem is one clear line, and nothing unreadable reads as drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import commit

from agentfleet.core.context import Context
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.store import ledger
from docs_drift.kit import RENAME_ADD_REMOVE, Library, inconsistencies


def test_a_file_with_a_syntax_error_is_skipped_and_reported_not_read_as_removed(
    library: Callable[..., Library],
) -> None:
    # Given a commit that breaks client.py's syntax (its symbols vanish for a parser)
    lib = library()
    lib.change(
        {"shelf/client.py": ("def fetch(url, timeout=10, verify=True):", "def fetch(url, timeout=10, verify=True")}
    )
    report = lib.audit()
    # Then no symbol of that file is reported removed, and the problem names the file and line
    assert report.changes == []
    assert any(p.startswith("shelf/client.py: does not parse at line 4") for p in report.problems), report.problems


def test_a_docstring_in_no_known_style_is_reported_not_guessed(library: Callable[..., Library]) -> None:
    lib = library(
        {
            "shelf/util.py": '"""Util."""\n\n\ndef size(x, unit="b"):\n    """Size of x.\n\n'
            '    x - the thing\n    unit - what to count in\n    """\n    return 1\n'
        }
    )
    lib.change({"shelf/util.py": ('def size(x, unit="b"):', 'def size(thing, unit="b"):')})
    report = lib.audit(require_update=False)
    assert inconsistencies(report) == set()
    assert any("docstring of shelf.util.size is in no known style" in p for p in report.problems), report.problems


def test_binary_and_oversized_docs_and_broken_blocks_are_reported(library: Callable[..., Library]) -> None:
    # Given a binary file under docs/ named like a page, a huge page, a bash block and a broken Python block
    lib = library(
        {
            "docs/huge.md": "# Huge\n\n" + "word " * 3000 + "\n",
            "docs/blocks.md": "# Blocks\n\n```bash\nshelf --timeout 3 | grep x\n```\n\n"
            "```python\nfetch(url, timeout=\n```\n",
        }
    )
    (lib.path / "docs" / "logo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    commit(lib.path, {}, "add a binary page")
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    report = lib.audit(base=lib.base, max_file_bytes=10_000)
    # Then the audit completes, with one line per problem
    assert "docs/logo.md: not UTF-8 text (binary?): not checked" in report.problems
    assert any(p.startswith("docs/huge.md: ") and "max_file_bytes=10000" in p for p in report.problems)
    assert any(p.startswith("docs/blocks.md:8: a python block does not parse") for p in report.problems)
    assert ("example", "shelf.fetch", "README.md", "rename", "timeout", "deadline") in inconsistencies(report)


def test_symbols_defined_dynamically_are_reported(library: Callable[..., Library]) -> None:
    lib = library()
    lib.change(
        {
            "shelf/__init__.py": '"""Shelf."""\nfrom shelf.client import Client, fetch, fetch_all\n\n'
            '__all__ = ["Client", "fetch", "fetch_all", "lazy"]\n\n\ndef __getattr__(name):\n    return name\n'
        }
    )
    report = lib.audit()
    assert "shelf.__all__ lists 'lazy', which is not defined statically: not checked" in report.problems
    assert "shelf defines __getattr__: the names it serves dynamically are not checked" in report.problems


def test_a_huge_docs_tree_stops_at_the_time_budget_and_says_so(library: Callable[..., Library]) -> None:
    pages = {f"docs/page{i:03}.md": f"# Page {i}\n\nUse `fetch(url, timeout={i})`.\n" for i in range(300)}
    lib = library(pages)
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    report = lib.audit(time_budget_s=0.001)
    assert any("doc file(s) not read within time_budget_s=0.001" in p for p in report.problems), report.problems


def test_the_monitor_writes_problems_to_the_ledger(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    # Given a fleet whose repo's head commit does not parse
    lib = library()
    lib.change({"shelf/client.py": ("def fetch(url, timeout=10, verify=True):", "def fetch(url,")})
    write_fleet(f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\n[repos.docs]\nsince = "{lib.base}"\n')
    # When the docs monitor runs
    run, _ = run_monitor(ctx, "shelf", "docs", run_id="bad")
    # Then it finds nothing, and the ledger says why, in one clear line
    assert run.findings == 0
    (row,) = ledger.recent(ctx.store, stage="docs-audit")
    assert row.outcome == "problems"
    assert any("shelf/client.py: does not parse" in p for p in row.outputs["problems"])


def test_a_package_unreadable_at_one_end_is_not_reported_as_removed(library: Callable[..., Library]) -> None:
    lib = library()
    lib.change({"shelf/__init__.py": ('__all__ = ["Client"', '__all__ = ["Client"(')})
    report = lib.audit()
    assert report.changes == []
    assert any(p.startswith("package 'shelf' cannot be read statically") for p in report.problems), report.problems
    assert any(p.startswith("shelf/__init__.py: does not parse at line 4") for p in report.problems), report.problems
