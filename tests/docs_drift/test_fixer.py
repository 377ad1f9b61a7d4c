"""The offline docs fixer: exact text edits that keep every other byte, a changelog line, and honest flags."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from agentfleet.contracts import Job, NoFix, Patch
from agentfleet.core.context import Context
from agentfleet.flow.fixers.docs import DocsFixer
from agentfleet.flow.fixers.docs.changelog import add_entries
from agentfleet.flow.monitors.run import run_monitor
from docs_drift.kit import CLIENT, RENAME_ADD_REMOVE, Library


def _job(ctx: Context, write_fleet: Callable[[str], Path], lib: Library) -> Job:
    write_fleet(f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\n[repos.docs]\nhistory = 1\n')
    _, result = run_monitor(ctx, "shelf", "docs", run_id="fix")
    (job,) = result.jobs
    return job


def _apply(lib: Library, diff: str) -> None:
    subprocess.run(["git", "apply", "-"], cwd=lib.path, input=diff, text=True, check=True)


def test_the_fixer_rewrites_docstring_readme_docs_and_changelog_and_nothing_else(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    # Given sync_docs work for the rename/add/remove change
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    job = _job(ctx, write_fleet, lib)
    # When the offline fixer runs (no model configured: no sandbox needed)
    fixer = DocsFixer(ctx)
    assert fixer.needs_sandbox is False
    patch = fixer.run(job, None)
    # Then the patch edits exactly the stale places
    assert isinstance(patch, Patch), patch
    assert patch.author == "docs"
    assert sorted(patch.files) == ["CHANGELOG.md", "README.md", "docs/usage.md", "shelf/client.py"]
    _apply(lib, patch.diff)
    client = (lib.path / "shelf/client.py").read_text()
    expected = CLIENT.replace("def fetch(url, timeout=10, verify=True):", "def fetch(url, deadline=10, retries=3):")
    expected = expected.replace(
        "        timeout: Seconds to wait. Defaults to 10.\n        verify: Check TLS certificates.\n",
        "        deadline: Seconds to wait. Defaults to 10.\n"
        "        retries: TODO(agentfleet): describe `retries`. Defaults to `3`.\n",
    )
    assert client == expected
    readme = (lib.path / "README.md").read_text()
    assert 'body = fetch("https://example.com", deadline=5)\n' in readme
    assert "Call `fetch` with `deadline` to bound the wait." in readme
    assert "`shelf.fetch(url, deadline=3)`" in (lib.path / "docs/usage.md").read_text()
    assert (lib.path / "CHANGELOG.md").read_text() == (
        "# Changelog\n\n## Unreleased\n\n- `shelf.fetch`: parameter `timeout` renamed to `deadline`; parameter "
        "`verify` removed; new parameter `retries` (default `3`)\n\n## 1.0\n\n- First release.\n"
    )


def test_crlf_line_endings_and_a_byte_order_mark_survive_the_edit(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    # Given a README written with CRLF line endings and a UTF-8 byte-order mark
    readme = "\ufeff# shelf\r\n\r\nUse `shelf.fetch(url, timeout=3)` here.\r\nÜnïcode stays.\r\n"
    lib = library({"README.md": readme})
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    patch = DocsFixer(ctx).run(_job(ctx, write_fleet, lib), None)
    assert isinstance(patch, Patch)
    _apply(lib, patch.diff)
    # Then only the parameter name changed, byte for byte
    assert (lib.path / "README.md").read_bytes() == readme.replace("timeout=3", "deadline=3").encode("utf-8")


def test_only_flagged_items_mean_no_fix_with_what_needs_a_human(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    lib = library({"docs/batch.md": "# Batch\n\nUse `fetch_all` to fetch many URLs at once.\n", "CHANGELOG.md": None})
    lib.change(
        {
            "shelf/client.py": CLIENT[: CLIENT.index("def fetch_all")] + CLIENT[CLIENT.index("class Client") :],
            "shelf/__init__.py": '"""Shelf."""\nfrom shelf.client import Client, fetch\n\n'
            '__all__ = ["Client", "fetch"]\n',
        }
    )
    outcome = DocsFixer(ctx).run(_job(ctx, write_fleet, lib), None)
    assert isinstance(outcome, NoFix)
    assert "2 item(s) need a human" in outcome.reason
    assert "- docs/batch.md:3 inline code uses `fetch_all`, which was removed" in outcome.learned
    assert "- - changed in " in outcome.learned  # no changelog to add a line to: flagged, about no file


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("CHANGES.md", "# Changes\n", "# Changes\n\n## Unreleased\n\n- `a` renamed\n"),
        (
            "CHANGES.md",
            "# Changes\n\n## [Unreleased]\n\n* older\n\n## 1.0\n",
            "# Changes\n\n## [Unreleased]\n\n* `a` renamed\n* older\n\n## 1.0\n",
        ),
        (
            "HISTORY.rst",
            "History\n=======\n\n1.0 (2020)\n----------\n\n- init\n",
            "History\n=======\n\nUnreleased\n----------\n\n- ``a`` renamed\n\n1.0 (2020)\n----------\n\n- init\n",
        ),
        (  # no title: the first heading is a release (cachetools' CHANGELOG.rst), and reST inline code is doubled
            "CHANGELOG.rst",
            "v5.3.3 (2024-02-26)\n===================\n\n- Docs.\n\n\nv5.3.2 (2023-10-24)\n===================\n",
            "Unreleased\n==========\n\n- ``a`` renamed\n\nv5.3.3 (2024-02-26)\n===================\n\n- Docs.\n\n\n"
            "v5.3.2 (2023-10-24)\n===================\n",
        ),
        (  # a title with an overline, releases underlined with the same character
            "CHANGES.rst",
            "=======\nChanges\n=======\n\n1.0\n===\n\n- init\n",
            "=======\nChanges\n=======\n\nUnreleased\n==========\n\n- ``a`` renamed\n\n1.0\n===\n\n- init\n",
        ),
        ("CHANGES.md", "# 1.1\n\n- x\n\n# 1.0\n", "# Unreleased\n\n- `a` renamed\n\n# 1.1\n\n- x\n\n# 1.0\n"),
        (
            "CHANGES.rst",
            "Changes\n=======\n\n- init\n",
            "Changes\n=======\n\n- init\n\nUnreleased\n----------\n\n- ``a`` renamed\n",
        ),
        (  # Markdown with setext headings, links at the end (boltons' CHANGELOG.md): inline code stays single
            "CHANGELOG.md",
            "Changelog\n=========\n\n1.1\n---\n* [x][x]\n\n1.0\n---\n* init\n\n[x]: http://x\n",
            "Changelog\n=========\n\nUnreleased\n----------\n\n* `a` renamed\n\n1.1\n---\n* [x][x]\n\n1.0\n---\n"
            "* init\n\n[x]: http://x\n",
        ),
    ],
)
def test_a_changelog_entry_goes_under_the_unreleased_section(path: str, text: str, expected: str) -> None:
    assert add_entries(path, text, ["`a` renamed"]) == expected


def test_a_docs_pr_title_names_the_kind_once() -> None:
    from agentfleet.contracts import Job, SyncDocs
    from agentfleet.flow.delivery.report import title_for

    item = SyncDocs(repo="lib", base_commit="a" * 40, fingerprint="docs:pkg.fetch", symbols=("pkg.fetch", "cli:--x"))
    assert title_for(Job(item=item)) == "[agentfleet] sync_docs: update the docs of pkg.fetch, --x"
