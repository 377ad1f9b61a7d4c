"""The audit on real git history: what each kind of API change leaves stale, and what it must leave alone."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import CLIENT, RENAME_ADD_REMOVE, Library, inconsistencies


def test_a_renamed_added_and_removed_parameter_is_found_in_docstring_readme_docs_and_changelog(
    library: Callable[..., Library],
) -> None:
    # Given the sample library, and a commit that renames timeout, removes verify and adds retries
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE}, "fetch: deadline, retries")
    # When the range is audited
    report = lib.audit()
    # Then the change is read with griffe (breaking changes included) and every stale place is found
    (change,) = report.changes
    assert change.symbol == "shelf.fetch"
    assert [(p.change, p.name, p.old_name) for p in change.params] == [
        ("renamed", "deadline", "timeout"),
        ("removed", "verify", None),
        ("added", "retries", None),
    ]
    assert "Parameter was removed: verify" in change.breaking
    found = inconsistencies(report)
    assert found == {
        ("docstring", "shelf.fetch", "shelf/client.py", "rename", "timeout", "deadline"),
        ("docstring", "shelf.fetch", "shelf/client.py", "remove", "verify", ""),
        (
            "docstring",
            "shelf.fetch",
            "shelf/client.py",
            "add",
            "",
            "retries: TODO(agentfleet): describe `retries`. Defaults to `3`.",
        ),
        ("example", "shelf.fetch", "README.md", "rename", "timeout", "deadline"),
        ("example", "shelf.fetch", "README.md", "remove", "verify", ""),
        ("prose", "shelf.fetch", "README.md", "rename", "timeout", "deadline"),
        ("prose", "shelf.fetch", "docs/usage.md", "rename", "timeout", "deadline"),
        (
            "no_update",
            "shelf.fetch",
            "CHANGELOG.md",
            "changelog",
            "",
            "`shelf.fetch`: parameter `timeout` renamed to `deadline`; parameter `verify` removed; new parameter "
            "`retries` (default `3`)",
        ),
    }
    lines = {(i.item.file, i.item.line) for i in report.inspection.issues["shelf.fetch"]}
    assert {("shelf/client.py", 9), ("README.md", 5), ("docs/usage.md", 3)} <= lines
    assert report.problems == []


def test_numpy_and_sphinx_docstrings_are_checked_in_their_own_style(library: Callable[..., Library]) -> None:
    # Given a NumPy-style function and a Sphinx-style method, each getting a parameter renamed and one added
    lib = library()
    lib.change(
        {
            "shelf/client.py": CLIENT.replace(
                "def fetch_all(urls, limit=5):", "def fetch_all(links, limit=5, order=None):"
            ).replace("def get(self, path, params=None):", "def get(self, route, params=None, timeout=1.0):")
        }
    )
    found = inconsistencies(lib.audit(require_update=False))
    # Then each style's entries are renamed in place and the new entries added in the same style
    assert ("docstring", "shelf.fetch_all", "shelf/client.py", "rename", "urls", "links") in found
    assert (
        "docstring",
        "shelf.fetch_all",
        "shelf/client.py",
        "add",
        "",
        "order : default None\n        TODO(agentfleet): describe `order`.",
    ) in found
    assert ("docstring", "shelf.Client.get", "shelf/client.py", "rename", "path", "route") in found
    assert (
        "docstring",
        "shelf.Client.get",
        "shelf/client.py",
        "add",
        "",
        ":param timeout: TODO(agentfleet): describe `timeout`. Defaults to `1.0`.",
    ) in found


def test_a_default_stated_in_the_docstring_is_corrected_when_the_code_changes_it(
    library: Callable[..., Library],
) -> None:
    lib = library()
    lib.change(
        {"shelf/client.py": ("def fetch(url, timeout=10, verify=True):", "def fetch(url, timeout=30, verify=True):")}
    )
    found = inconsistencies(lib.audit(require_update=False))
    assert found == {("docstring", "shelf.fetch", "shelf/client.py", "default", "10", "30")}


def test_docs_updated_in_the_same_commit_leave_nothing_to_report(library: Callable[..., Library]) -> None:
    # Given a rename whose commit also updates the docstring, the README, the docs page and the changelog
    lib = library()
    lib.change(
        {
            "shelf/client.py": CLIENT.replace("timeout", "deadline"),
            "README.md": (lib.path / "README.md").read_text().replace("timeout", "deadline"),
            "docs/usage.md": ("timeout=3", "deadline=3"),
            "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n- `fetch`: `timeout` is now `deadline`.\n",
        }
    )
    report = lib.audit()
    # Then the change is seen, and nothing is stale
    assert [c.symbol for c in report.changes] == ["shelf.fetch"]
    assert inconsistencies(report) == set()


def test_private_and_body_only_changes_are_not_api_changes(library: Callable[..., Library]) -> None:
    lib = library()
    lib.change(
        {
            "shelf/client.py": CLIENT.replace("def _helper(x):", "def _helper(x, y=1):").replace(
                "    return url\n", "    url = url.strip()\n    return url\n"
            )
        }
    )
    report = lib.audit()
    assert report.changes == []
    assert inconsistencies(report) == set()


def test_a_documented_new_optional_parameter_needs_nothing(library: Callable[..., Library]) -> None:
    lib = library()
    lib.change(
        {
            "shelf/client.py": CLIENT.replace(
                "def fetch_all(urls, limit=5):", "def fetch_all(urls, limit=5, strict=False):"
            ).replace(
                "        How many at once.\n",
                "        How many at once.\n    strict : bool, default False\n        Fail on the first error.\n",
            )
        }
    )
    report = lib.audit()
    assert [c.symbol for c in report.changes] == ["shelf.fetch_all"]
    assert inconsistencies(report) == set()


def test_a_renamed_function_is_rewritten_where_docs_import_or_name_it(library: Callable[..., Library]) -> None:
    # Given fetch_all renamed to fetch_many (same body), with docs importing it and naming it in prose
    lib = library(
        {
            "docs/batch.md": "# Batch\n\nUse `fetch_all` for many URLs.\n\n```python\nfrom shelf import fetch_all\n"
            'fetch_all(["a"])\n```\n'
        }
    )
    lib.change(
        {
            "shelf/client.py": CLIENT.replace("def fetch_all(", "def fetch_many("),
            "shelf/__init__.py": ("fetch, fetch_all", "fetch, fetch_many"),
        }
    )
    lib.change({"shelf/__init__.py": ('"fetch_all"', '"fetch_many"')})
    report = lib.audit(require_update=False)
    # Then the rename is one change, and each stale mention gets the new name
    assert [(c.change, c.old_symbol, c.symbol) for c in report.changes] == [
        ("renamed", "shelf.fetch_all", "shelf.fetch_many")
    ]
    found = inconsistencies(report)
    assert ("example", "shelf.fetch_many", "docs/batch.md", "reference", "shelf.fetch_all", "shelf.fetch_many") in found
    assert ("prose", "shelf.fetch_many", "docs/batch.md", "reference", "fetch_all", "fetch_many") in found


def test_a_removed_function_is_flagged_for_review_not_guessed(library: Callable[..., Library]) -> None:
    lib = library({"docs/batch.md": "# Batch\n\nUse `fetch_all` to fetch many URLs at once.\n"})
    lib.change(
        {
            "shelf/client.py": CLIENT[: CLIENT.index("def fetch_all")] + CLIENT[CLIENT.index("class Client") :],
            "shelf/__init__.py": ("Client, fetch, fetch_all", "Client, fetch"),
        }
    )
    lib.change({"shelf/__init__.py": (', "fetch_all"', "")})
    found = inconsistencies(lib.audit(require_update=False))
    assert found == {("prose", "shelf.fetch_all", "docs/batch.md", "review", "fetch_all", "")}


def test_a_migration_note_naming_the_old_name_is_history_not_drift(library: Callable[..., Library]) -> None:
    lib = library({"docs/upgrade.md": "# Upgrading\n\n`fetch_all` was renamed to `fetch_many` in 2.0.\n"})
    lib.change(
        {
            "shelf/client.py": CLIENT.replace("def fetch_all(", "def fetch_many("),
            "shelf/__init__.py": FILES_INIT_MANY,
        }
    )
    assert inconsistencies(lib.audit(require_update=False)) == set()


FILES_INIT_MANY = (
    '"""Shelf."""\nfrom shelf.client import Client, fetch, fetch_many\n\n__all__ = ["Client", "fetch", "fetch_many"]\n'
)


def test_a_renamed_command_line_option_is_found_in_the_docs(library: Callable[..., Library]) -> None:
    cli = "import argparse\n\nparser = argparse.ArgumentParser()\n"
    cli += "parser.add_argument('--colour', help='Colour output.')\n"
    lib = library({"shelf/cli.py": cli, "docs/cli.md": "# CLI\n\nRun `shelf --colour` for colours.\n"})
    lib.change({"shelf/cli.py": ("'--colour'", "'--color'")})
    report = lib.audit(require_update=False)
    assert [(c.symbol, c.change, c.old) for c in report.changes] == [("cli:--color", "renamed", "--colour")]
    assert inconsistencies(report) == {("prose", "cli:--color", "docs/cli.md", "reference", "--colour", "--color")}


def test_a_change_in_commits_without_any_doc_update_is_reported_once(library: Callable[..., Library]) -> None:
    # Given a new public function, added without a docstring, doc page or changelog line
    lib = library()
    lib.change({"shelf/client.py": CLIENT + "\n\ndef purge(cache):\n    return cache\n"}, "add purge")
    report = lib.audit()
    # Then check 3 names the commit and offers a changelog line
    (issue,) = report.inspection.issues["shelf.client.purge"]
    assert (issue.item.check, issue.item.action, issue.item.file) == ("no_update", "changelog", "CHANGELOG.md")
    assert "with no doc, changelog or docstring update" in issue.item.message
    # And a new function that comes with its docstring is documented
    lib2 = library(name="shelf2")
    lib2.change({"shelf/client.py": CLIENT + '\n\ndef purge(cache):\n    """Empty ``cache``."""\n    return cache\n'})
    assert inconsistencies(lib2.audit()) == set()


def test_a_return_type_change_retypes_the_documented_return(library: Callable[..., Library]) -> None:
    lib = library(
        {
            "shelf/util.py": '"""Util."""\n\n\ndef size(x) -> int:\n    """Size.\n\n'
            '    Returns:\n        int: The size.\n    """\n    return 1\n'
        }
    )
    lib.change({"shelf/util.py": ("def size(x) -> int:", "def size(x) -> float:")})
    found = inconsistencies(lib.audit(require_update=False))
    assert found == {("docstring", "shelf.util.size", "shelf/util.py", "retype", "int", "float")}
