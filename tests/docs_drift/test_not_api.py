"""Names a package holds that are no API a doc describes, met on real release histories (isodate, boltons)."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import CLIENT, Library

SHIMS = """

try:
    unicode
except NameError:
    unicode = str
    basestring = (str, bytes)
    xrange = range
try:
    text_type = unicode
except NameError:
    text_type = str
PY3 = True
"""
"""boltons' Python 2 shims: names rebound to builtins, next to a flag of the module's own."""


def test_a_test_suite_inside_the_package_is_no_api(library: Callable[..., Library]) -> None:
    # Given tests kept inside the package (isodate 0.6's src/isodate/tests)
    tests = "from shelf import fetch\n\n\ndef test_fetch():\n    assert fetch('u') == 'u'\n"
    lib = library({"shelf/tests/__init__.py": "", "shelf/tests/test_fetch.py": tests, "shelf/test_more.py": tests})
    # When they move out of it (0.7's tests/)
    lib.change({"shelf/tests/__init__.py": None, "shelf/tests/test_fetch.py": None, "shelf/test_more.py": None})
    # Then nothing public was removed
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == []


def test_compatibility_aliases_of_builtins_are_no_api(library: Callable[..., Library]) -> None:
    # Given a module that rebinds builtins under their Python 2 names
    lib = library({"shelf/client.py": CLIENT + SHIMS})
    # When the shims go (boltons 24 dropped Python 2)
    lib.change({"shelf/client.py": CLIENT})
    # Then only the module's own flag was removed: xrange is range, imported from nowhere but the builtins
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == [("removed", "shelf.client.PY3")]


def test_a_builtin_alias_the_module_exports_by_name_stays_api(library: Callable[..., Library]) -> None:
    # Given the same alias listed in the module's __all__
    exported = CLIENT + '\ntext_type = str\n__all__ = ["Client", "fetch", "fetch_all", "text_type"]\n'
    lib = library({"shelf/client.py": exported})
    # When it goes, then its removal is a change
    lib.change({"shelf/client.py": exported.replace("text_type = str\n", "").replace(', "text_type"', "")})
    report = lib.audit()
    assert ("removed", "shelf.client.text_type") in [(c.change, c.symbol) for c in report.changes]


def test_a_class_attribute_naming_a_builtin_stays_api(library: Callable[..., Library]) -> None:
    # Given a class whose storage hook is a builtin type (werkzeug's *_storage_class), documented by users
    lib = library({"shelf/client.py": CLIENT.replace("class Client:\n", "class Client:\n    storage_class = dict\n")})
    # When the hook goes, then its removal is a change
    lib.change({"shelf/client.py": CLIENT})
    report = lib.audit()
    assert ("removed", "shelf.Client.storage_class") in [(c.change, c.symbol) for c in report.changes]


def test_the_call_signature_of_a_class_instances_is_api(library: Callable[..., Library]) -> None:
    # Given a decorator made by calling an instance (pluggy's `hookspec = HookspecMarker(...)`, `@hookspec(...)`)
    marker = "\n\nclass Marker:\n    def __call__(self, func=None, firstresult=False):\n        return func\n"
    lib = library({"shelf/client.py": CLIENT + marker})
    # When its `__call__` takes a new keyword (pluggy 1.5's `warn_on_impl_args`), beside another dunder's change
    lib.change({"shelf/client.py": CLIENT + marker.replace("=False)", "=False, warn=None)") + "    __eq__ = None\n"})
    # Then that is a change of the instances' call signature; other dunders stay no API
    [change] = lib.audit().changes
    assert (change.symbol, [(p.change, p.name) for p in change.params]) == (
        "shelf.client.Marker.__call__",
        [("added", "warn")],
    )
