"""Names met on real libraries (mistune 3.0 → 3.1): a typo fixed in a method's name and through its body, and a
package function that shares its name with a submodule."""

from __future__ import annotations

from collections.abc import Callable

from agentfleet.flow.monitors.docs_drift.describe import describe_change
from docs_drift.kit import CLIENT, FILES, Library, inconsistencies

PARSER = '''"""The parser."""

_AXT_TRIM = "#"


class Parser:
    """Parses headings."""

    def parse_axt_heading(self, m):
        """Parse an AXT heading."""
        text = m.group("axt_1").strip(_AXT_TRIM)
        return {"text": text, "style": "axt"}
'''

SHADOWING_INIT = '''"""Shelf."""
from shelf.client import Client, fetch, fetch_all


def client(base):
    """A client for ``base``."""
    return Client(base)
'''


def test_a_name_fixed_through_the_body_too_is_a_rename(library: Callable[..., Library]) -> None:
    # Given a method whose misspelt name part also names its regex group, constant and token style
    lib = library(
        {"shelf/parser.py": PARSER, "shelf/__init__.py": FILES["shelf/__init__.py"] + "from shelf import parser\n"}
    )
    # When the part is corrected everywhere (`axt` → `atx`, `AXT` → `ATX`), the code otherwise the same
    fixed = PARSER.replace("axt", "atx").replace("AXT", "ATX")
    lib.change({"shelf/parser.py": fixed})
    # Then it is one rename, not a removal and an unrelated new method
    report = lib.audit()
    assert [(c.change, c.symbol, c.old_symbol) for c in report.changes] == [
        ("renamed", "shelf.parser.Parser.parse_atx_heading", "shelf.parser.Parser.parse_axt_heading")
    ]


def test_a_renamed_part_reaching_other_words_of_the_body_is_no_rename(library: Callable[..., Library]) -> None:
    # Given the same method, renamed, and its body changed beyond the renamed part
    lib = library(
        {"shelf/parser.py": PARSER, "shelf/__init__.py": FILES["shelf/__init__.py"] + "from shelf import parser\n"}
    )
    changed = PARSER.replace("axt", "atx").replace(".strip(_AXT_TRIM)", ".lower()")
    lib.change({"shelf/parser.py": changed})
    # Then it is a removal and an addition, as before
    report = lib.audit()
    assert sorted(c.change for c in report.changes) == ["added", "removed"]


def test_a_package_function_named_as_its_submodule_is_the_function(library: Callable[..., Library]) -> None:
    # Given a package `__init__` defining `client()` after importing its submodule `shelf.client`
    # (mistune's `markdown()` beside `mistune/markdown.py`): at run time `shelf.client` is the function
    lib = library({"shelf/__init__.py": SHADOWING_INIT})
    # When the function's parameter is renamed
    lib.change({"shelf/__init__.py": SHADOWING_INIT.replace("(base)", "(url)").replace("``base``", "``url``")})
    # Then that is the change reported, on the function
    report = lib.audit()
    assert [(c.change, c.symbol, [p.change for p in c.params]) for c in report.changes] == [
        ("changed", "shelf.client", ["renamed"])
    ]


def test_a_submodule_imported_after_a_function_of_its_name_replaces_it(library: Callable[..., Library]) -> None:
    # Given `client()` defined before the import of `shelf.client`, which then rebinds the name to the module
    late = '"""Shelf."""\n\n\ndef client(base):\n    return base\n\n\nfrom shelf.client import Client, fetch  # noqa\n'
    lib = library({"shelf/__init__.py": late})
    # When the function changes, then no change is reported: callers reach the module by that name
    lib.change({"shelf/__init__.py": late.replace("(base)", "(url)").replace("return base", "return url")})
    report = lib.audit()
    assert [c.symbol for c in report.changes] == []
    assert CLIENT  # the submodule is the sample client


def test_a_rename_whose_docstring_only_follows_the_name_still_wants_a_changelog_line(
    library: Callable[..., Library],
) -> None:
    # Given the misspelt method, its docstring respelled with it (`AXT heading` → `ATX heading`), no changelog
    lib = library(
        {"shelf/parser.py": PARSER, "shelf/__init__.py": FILES["shelf/__init__.py"] + "from shelf import parser\n"}
    )
    lib.change({"shelf/parser.py": PARSER.replace("axt", "atx").replace("AXT", "ATX")})
    # When audited, then check 3 asks for the changelog line callers of the old name need
    report = lib.audit()
    assert {(check, symbol) for check, symbol, *_ in inconsistencies(report)} == {
        ("no_update", "shelf.parser.Parser.parse_atx_heading")
    }


def test_a_new_keyword_catch_all_is_named_with_its_stars(library: Callable[..., Library]) -> None:
    # Given `get` gains `**options` (arrow 1.4's `floor(frame, **kwargs)`, read for `week_start`) and `fetch_all`
    # gains `*more`
    lib = library()
    text = CLIENT.replace("def get(self, path, params=None):", "def get(self, path, params=None, **options):")
    lib.change(
        {"shelf/client.py": text.replace("def fetch_all(urls, limit=5):", "def fetch_all(urls, *more, limit=5):")}
    )
    # When audited, then the changelog wording names them as a caller writes them, with no made-up default
    report = lib.audit()
    assert sorted(describe_change(c) for c in report.changes) == [
        "`shelf.Client.get`: new parameter `**options`",
        "`shelf.fetch_all`: new parameter `*more`; parameter `limit` changed kind",
    ]
