"""Check 2c: a new parameter missing from the page that documents its function's parameters one by one (tabulate
0.9.0's README: `intfmt`, `rowalign` and `maxheadercolwidths` landed while its README walked through the others)."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import Library, inconsistencies

TABLE = '''"""Tables."""


def render(rows, headers=(), fmt="simple", align="left", missing="", width=None):
    """Render ``rows`` as a table."""
    return rows
'''
WITH_INTFMT = TABLE.replace('missing="", width=None)', 'missing="", width=None, intfmt=",")')
GUIDE = """# Tables

`render(rows)` prints a table.

## Headers

Pass `headers` to name the columns: `render(rows, headers=["a", "b"])`.

## Formats

`fmt` picks the style, one of `simple` and `grid`.

## Alignment

`align` sets how numbers line up; `missing` is printed for `None`.
"""
EXAMPLE = "# Tables\n\nCall `render(rows, headers=['a'], fmt='grid')`.\n"
UPGRADING = GUIDE.replace("# Tables", "# Upgrading to 2.0")


def _found(lib: Library) -> set[tuple[str, str, str, str, str, str]]:
    return {f for f in inconsistencies(lib.audit()) if f[:2] == ("prose", "shelf.table.render")}


def test_a_new_parameter_missing_from_the_page_walking_through_the_others_is_flagged(
    library: Callable[..., Library],
) -> None:
    # Given a guide naming four of render's five other parameters one by one
    lib = library({"shelf/table.py": TABLE, "docs/tables.md": GUIDE})
    # When `intfmt` is added to render and the guide is left alone
    lib.change({"shelf/table.py": WITH_INTFMT})
    # Then the guide is flagged for review, at its last parameter
    assert _found(lib) == {("prose", "shelf.table.render", "docs/tables.md", "review", "", "intfmt")}


def test_pages_that_only_pass_a_few_keywords_or_tell_history_or_already_name_it_are_not_flagged(
    library: Callable[..., Library],
) -> None:
    # Given an example passing two keywords, an upgrade guide, and a guide already naming the new parameter
    for n, page in enumerate((EXAMPLE, UPGRADING, GUIDE + "\n`intfmt` formats integers.\n")):
        path = "docs/upgrading.md" if page is UPGRADING else "docs/tables.md"
        lib = library({"shelf/table.py": TABLE, path: page}, name=f"shelf{n}")
        # When the parameter lands
        lib.change({"shelf/table.py": WITH_INTFMT})
        # Then none of them is drift
        assert _found(lib) == set()


FIELDS = '''"""Fields."""


class Field:
    def __init__(self, default=None, required=False, allow_none=False, validate=None):
        self.default = default


class String(Field):
    pass
'''
FIELDS_GUIDE = """Fields
======

``default`` sets the value, ``required`` demands one, ``allow_none`` accepts ``None`` and ``validate`` checks
it: ``String(required=True)`` and ``Field(default=1)``.
"""


def test_a_subclass_inheriting_the_new_parameter_is_the_base_class_issue(library: Callable[..., Library]) -> None:
    # Given Field and String(Field) documented on one page (marshmallow 3.0's quickstart and `data_key`)
    lib = library({"shelf/fields.py": FIELDS, "docs/fields.rst": FIELDS_GUIDE})
    # When Field gains `data_key`, which String inherits
    lib.change({"shelf/fields.py": FIELDS.replace("validate=None)", "validate=None, data_key=None)")})
    # Then one issue is raised, for the base class
    found = {f[1] for f in inconsistencies(lib.audit()) if f[0] == "prose" and f[5] == "data_key"}
    assert found == {"shelf.fields.Field"}
