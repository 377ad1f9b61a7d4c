"""An API reference page that lists a module's classes one by one: a complete list, or the maintainers' selection."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docs_drift.kit import Library, inconsistencies

FRUITS = ("Apple", "Banana", "Cherry", "Damson", "Elder")
KINDS = '"""Token kinds."""\n' + "".join(f'\n\nclass {name}:\n    """A {name.lower()}."""\n' for name in FRUITS)
FIG = '\n\nclass Fig:\n    """A fig."""\n'


def _page(names: tuple[str, ...]) -> str:
    return "Reference\n=========\n\n" + "".join(f".. autoclass:: shelf.kinds.{n}\n   :members:\n\n" for n in names)


@pytest.mark.parametrize(("listed", "flagged"), [(FRUITS, True), (FRUITS[:3], False)])
def test_a_new_class_is_missing_from_a_complete_list_but_not_from_a_selection(
    library: Callable[..., Library], listed: tuple[str, ...], flagged: bool
) -> None:
    # Given a page listing a module's classes one by one: all five, or three of them (sqlparse's analyzing.rst
    # names 12 of sqlparse.sql's 21 classes, leaving out Function, Having, Values, …)
    lib = library({"shelf/kinds.py": KINDS, "docs/api.rst": _page(listed)}, name=f"shelf{len(listed)}")
    # When a new class lands in that module without a line on the page (sqlparse 0.5's `Over`)
    lib.change({"shelf/kinds.py": KINDS + FIG, "CHANGELOG.md": ("## 1.0\n", "## 1.1\n\n- Fig.\n\n## 1.0\n")})
    found = {f for f in inconsistencies(lib.audit()) if f[1] == "shelf.kinds.Fig"}
    # Then the complete list is flagged for review; the selection is the maintainers' choice, left alone
    expected = {("prose", "shelf.kinds.Fig", "docs/api.rst", "review", "", ".. autoclass:: shelf.kinds.Fig")}
    assert found == (expected if flagged else set())
