"""Shapes met on real libraries' release histories (click, attrs, marshmallow): what they must not be taken for."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import CLIENT, RENAME_ADD_REMOVE, Library, inconsistencies

CLIENT_GET = '''    def get(self, path, params=None):
        """Get ``path``.

        :param path: The path.
        :param params: Query parameters, defaults to None.
        """
        return self.base + path
'''


def test_a_method_moved_into_a_base_class_is_still_there(library: Callable[..., Library]) -> None:
    # Given Client.get moved into a private base class Client now inherits from (click 8.0's number ranges)
    lib = library()
    base = f"class _Base:\n    base = ''\n\n{CLIENT_GET}\n\n"
    text = CLIENT.replace(CLIENT_GET, "").replace("class Client:", base + "class Client(_Base):")
    lib.change({"shelf/client.py": text})
    # When audited, then nothing was removed or added: shelf.Client.get still works the same
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == []


def test_typing_helpers_and_dunder_names_are_not_public_api(library: Callable[..., Library]) -> None:
    # Given a public module with a TypeVar and ParamSpec, and __all__ naming __doc__ (as attrs does)
    helpers = 'import typing as t\n\nF = t.TypeVar("F")\nP = t.ParamSpec("P")\n'
    lib = library(
        {
            "shelf/client.py": CLIENT.replace('"""The client."""\n', f'"""The client."""\n{helpers}'),
            "shelf/__init__.py": '"""Shelf."""\nfrom shelf.client import Client, fetch, fetch_all\n\n'
            '__all__ = ["__doc__", "Client", "fetch", "fetch_all"]\n',
        }
    )
    # When the type variables are dropped
    lib.change({"shelf/client.py": CLIENT})
    report = lib.audit()
    # Then no API change, and __doc__ in __all__ is no problem
    assert report.changes == []
    assert report.problems == []


def test_a_class_attribute_is_not_paired_as_moved_into_an_unrelated_class(library: Callable[..., Library]) -> None:
    # Given two classes; one loses its attribute `limit`, the other gains one of that name
    lib = library(
        {"shelf/extra.py": '"""Extra."""\n\n\nclass Pager:\n    limit = 10\n\n\nclass Cursor:\n    step = 1\n'}
    )
    lib.change(
        {
            "shelf/extra.py": '"""Extra."""\n\n\nclass Pager:\n    pass\n\n\n'
            "class Cursor:\n    step = 1\n    limit = 10\n"
        }
    )
    report = lib.audit()
    # Then Pager.limit is removed, not "moved to Cursor.limit"
    assert [(c.change, c.symbol) for c in report.changes] == [("removed", "shelf.extra.Pager.limit")]


def test_a_new_variadic_parameter_needs_no_docstring_entry(library: Callable[..., Library]) -> None:
    # Given fetch gaining **options (attrs' evolve gained *args the same way)
    lib = library()
    new = "def fetch(url, timeout=10, verify=True, **options):"
    lib.change({"shelf/client.py": ("def fetch(url, timeout=10, verify=True):", new)})
    report = lib.audit()
    # Then the change is seen, and the docstring is not asked to document `options`
    assert [c.symbol for c in report.changes] == ["shelf.fetch"]
    assert {f for f in inconsistencies(report) if f[0] == "docstring"} == set()


def test_a_none_sentinel_for_the_documented_default_keeps_the_stated_default(library: Callable[..., Library]) -> None:
    # Given timeout=10 becoming timeout=None, resolved to 10 in the body (click's write_usage prefix)
    lib = library()
    text = CLIENT.replace("def fetch(url, timeout=10, verify=True):", "def fetch(url, timeout=None, verify=True):")
    text = text.replace("    return url\n", "    if timeout is None:\n        timeout = 10\n    return url\n", 1)
    lib.change({"shelf/client.py": text})
    report = lib.audit()
    # Then `Defaults to 10.` still holds: nothing to correct
    assert [c.symbol for c in report.changes] == ["shelf.fetch"]
    assert {f for f in inconsistencies(report) if f[0] == "docstring"} == set()


def test_an_abstract_stub_no_longer_raising_not_implemented_is_no_raises_change(
    library: Callable[..., Library],
) -> None:
    # Given a base method whose `raise NotImplementedError` stub becomes an @abstractmethod (marshmallow 3.20)
    before = '"""Base."""\n\n\nclass FieldABC:\n    def serialize(self, value):\n        raise NotImplementedError\n'
    after = (
        '"""Base."""\nfrom abc import ABC, abstractmethod\n\n\nclass FieldABC(ABC):\n    @abstractmethod\n'
        "    def serialize(self, value):\n        pass\n"
    )
    lib = library({"shelf/base.py": before})
    lib.change({"shelf/base.py": after})
    report = lib.audit()
    assert report.changes == []


API_RST = "API\n===\n\n.. autofunction:: shelf.fetch\n\n.. autofunction:: shelf.fetch_all\n"
FETCH_ONE = '\n\ndef fetch_one(urls):\n    """Fetch the first URL."""\n    return fetch(urls[0])\n'
EXPORTS = ('"Client", "fetch", "fetch_all"]', '"Client", "fetch", "fetch_all", "fetch_one"]')


def _add_fetch_one(lib: Library) -> None:
    lib.change(
        {
            "shelf/client.py": CLIENT + FETCH_ONE,
            "shelf/__init__.py": ("fetch, fetch_all\n", "fetch, fetch_all, fetch_one\n"),
            "CHANGELOG.md": ("## 1.0\n", "## 1.1\n\n- fetch_one.\n\n## 1.0\n"),
        }
    )
    lib.change({"shelf/__init__.py": EXPORTS})


def test_a_new_function_missing_from_an_api_reference_listing_its_siblings_is_flagged(
    library: Callable[..., Library],
) -> None:
    # Given an API reference page listing every public function with autodoc, by full path or (more-itertools'
    # docs/api.rst) relative to an automodule without members
    relative = "API\n===\n\n.. automodule:: shelf\n\n.. autofunction:: fetch\n.. autofunction:: fetch_all\n"
    for page, entry in ((API_RST, "shelf.fetch_one"), (relative, "fetch_one")):
        lib = library({"docs/api.rst": page}, name=f"shelf{len(page)}")
        # When a new public function lands without a line there
        _add_fetch_one(lib)
        report = lib.audit()
        # Then the page is flagged for review (where it goes in the page is the maintainers' choice)
        found = {f for f in inconsistencies(report) if f[1] == "shelf.fetch_one"}
        assert found == {("prose", "shelf.fetch_one", "docs/api.rst", "review", "", f".. autofunction:: {entry}")}


def test_a_new_function_is_not_flagged_when_the_reference_documents_the_whole_module(
    library: Callable[..., Library],
) -> None:
    # Given the same page, once with an automodule of the package and once already naming the new function
    for page in (
        API_RST + "\n.. automodule:: shelf\n   :members:\n",
        API_RST + "\n.. autofunction:: shelf.fetch_one\n",
    ):
        lib = library({"docs/api.rst": page}, name=f"shelf{len(page)}")
        _add_fetch_one(lib)
        report = lib.audit()
        assert {f for f in inconsistencies(report) if f[1] == "shelf.fetch_one"} == set()


FIELDS = '''"""Fields."""


class Field:
    def __init__(self, default=None, **kwargs):
        """Build.

        :param default: The default.
        :param kwargs: More options.
        """
        self.default = default


class Mapping(Field):
    def __init__(self, keys=None, values=None, **kwargs):
        """Build.

        :param keys: The key field.
        :param values: The value field.
        :param kwargs: What Field takes.
        """
        super().__init__(**kwargs)


class Dict(Field):
    """A dict field.

    Example: ::

        numbers = fields.Dict(keys=fields.Str(), values=fields.Float())

    :param kwargs: The same keyword arguments that the base class receives.

    .. versionadded:: 2.1.0
    """
'''


def test_a_class_inheriting_its_init_is_not_asked_to_document_its_bases_parameters(
    library: Callable[..., Library],
) -> None:
    # Given Dict(Field) becoming Dict(Mapping) (marshmallow 3.0): its signature is now Mapping.__init__'s
    lib = library({"shelf/fields.py": FIELDS})
    lib.change({"shelf/fields.py": FIELDS.replace("class Dict(Field):", "class Dict(Mapping):")})
    report = lib.audit()
    # Then the change is seen, but Dict's docstring, which defers to its base, is not asked for `keys`
    assert "shelf.fields.Dict" in {c.symbol for c in report.changes}
    assert {f for f in inconsistencies(report) if f[0] == "docstring"} == set()


def test_a_version_history_page_under_docs_is_the_changelog(library: Callable[..., Library]) -> None:
    # Given a repo whose release notes are docs/versions.rst (more-itertools) and no CHANGELOG
    history = "Version History\n===============\n\n1.0.0\n-----\n\n* First release.\n"
    lib = library({"CHANGELOG.md": None, "docs/versions.rst": history})
    # When fetch changes in a commit touching no doc
    lib.change({"shelf/client.py": ("def fetch_all(urls, limit=5):", "def fetch_all(urls, limit=5, strict=False):")})
    report = lib.audit()
    # Then check 3 asks for a line in that page, not "review"
    found = {(f[0], f[2], f[3]) for f in inconsistencies(report) if f[0] == "no_update"}
    assert found == {("no_update", "docs/versions.rst", "changelog")}


def test_keyword_arguments_read_by_key_made_explicit_are_no_change(library: Callable[..., Library]) -> None:
    # Given fetch(url, **options) reading its options by key, whose options become keyword parameters with the same
    # defaults (schema 0.7.7: ``And(*args, **kw)`` reading kw.get("error") → ``And(*args, error=None, ...)``)
    body = '    timeout = options.get("timeout", 10)\n    verify = options.get("verify", True)\n    return url\n'
    lib = library(
        {
            "shelf/client.py": CLIENT.replace(
                "def fetch(url, timeout=10, verify=True):", "def fetch(url, **options):"
            ).replace("    return url\n", body, 1)
        }
    )
    # When they are made explicit
    lib.change({"shelf/client.py": CLIENT})
    report = lib.audit()
    # Then no caller sees a change: `options` was not removed, `timeout` and `verify` are not new
    assert report.changes == []


WARNS = (
    "    def __init__(self, base):\n        self.base = base\n",
    "    def __init__(self, base):\n        import warnings\n\n"
    '        warnings.warn("Client is deprecated", DeprecationWarning, stacklevel=2)\n        self.base = base\n',
)


def test_a_class_that_starts_warning_deprecation_is_a_change_its_reference_entry_must_tell(
    library: Callable[..., Library],
) -> None:
    # Given a reference page documenting Client, which now warns DeprecationWarning whenever it is built
    # (cachetools 5.4's MRUCache), in a commit that touched no doc and no changelog
    lib = library({"docs/api.rst": API_RST + "\n.. autoclass:: shelf.Client\n   :members:\n"})
    lib.change({"shelf/client.py": WARNS})
    report = lib.audit()
    # Then the deprecation is the change, and the reference entry and the changelog are flagged
    assert [(c.change, c.symbol) for c in report.changes] == [("deprecated", "shelf.Client")]
    found = {f[:4] for f in inconsistencies(report)}
    assert ("prose", "shelf.Client", "docs/api.rst", "review") in found
    assert ("no_update", "shelf.Client", "CHANGELOG.md", "changelog") in found


def test_a_warning_for_one_deprecated_argument_does_not_deprecate_the_class(library: Callable[..., Library]) -> None:
    # Given Client warning only when it is given an old argument, and a reference entry that already says so
    lib = library({"docs/api.rst": API_RST + "\n.. autoclass:: shelf.Client\n\n   .. deprecated:: 2.0\n"})
    old_argument = WARNS[1].replace("        warnings.warn", "        if base is None:\n            warnings.warn")
    lib.change({"shelf/client.py": (WARNS[0], old_argument)})
    # When audited, then nothing is deprecated as a whole
    assert lib.audit().changes == []
    # And a class deprecated whose entry already says so is a change with nothing stale on the page
    lib.change({"shelf/client.py": (old_argument, WARNS[1])})
    report = lib.audit(base="HEAD~1")
    assert [(c.change, c.symbol) for c in report.changes] == [("deprecated", "shelf.Client")]
    assert not {f for f in inconsistencies(report) if f[0] == "prose"}


def test_a_changelog_entry_in_a_later_commit_of_the_range_is_the_update(library: Callable[..., Library]) -> None:
    # Given Client deprecated in one commit and the changelog saying so in the next (cachetools 5.4: code, then
    # docs), both in the audited range
    lib = library()
    lib.change({"shelf/client.py": WARNS})
    lib.change({"CHANGELOG.md": ("## 1.0", "## 1.1\n\n- Deprecate `Client`.\n\n## 1.0")})
    report = lib.audit()
    # Then the change is seen, and nothing asks for an update that was made
    assert [(c.change, c.symbol) for c in report.changes] == [("deprecated", "shelf.Client")]
    assert not {f for f in inconsistencies(report) if f[0] == "no_update"}


def test_a_deprecation_its_docstring_states_is_in_the_autodoc_entry(library: Callable[..., Library]) -> None:
    # Given Client deprecated with a `.. deprecated::` note in its docstring, which the autodoc entry renders
    # (click 8.0's get_terminal_size)
    lib = library({"docs/api.rst": API_RST + "\n.. autoclass:: shelf.Client\n"})
    noted = '"""A client with a base URL.\n\n    .. deprecated:: 2.0\n    """'
    lib.change({"shelf/client.py": CLIENT.replace('"""A client with a base URL."""', noted).replace(*WARNS)})
    report = lib.audit()
    # Then the deprecation is a change, and the reference page is not flagged
    assert [(c.change, c.symbol) for c in report.changes] == [("deprecated", "shelf.Client")]
    assert not {f for f in inconsistencies(report) if f[0] == "prose"}


def test_a_package_moved_under_src_is_still_compared(library: Callable[..., Library]) -> None:
    # Given the package moves to a src layout in the same range as `fetch` changes (semver 2.13 → 3.0)
    lib = library()
    moved: dict[str, str | None] = {p: None for p in ("shelf/__init__.py", "shelf/client.py")}
    moved["src/shelf/__init__.py"] = (lib.path / "shelf/__init__.py").read_text()
    moved["src/shelf/client.py"] = CLIENT.replace(*RENAME_ADD_REMOVE)
    lib.change(moved)
    # When audited, then the old package (at the root) is compared with the new one (under src/)
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == [("changed", "shelf.fetch")]
    assert report.problems == []


def test_a_module_turned_into_a_package_is_still_compared(library: Callable[..., Library]) -> None:
    # Given a one-module library (`shelf.py` at the root) that becomes `src/shelf/__init__.py`
    files: dict[str, str | None] = {"shelf/__init__.py": None, "shelf/client.py": None, "shelf.py": CLIENT}
    lib = library(files)
    lib.change({"shelf.py": None, "src/shelf/__init__.py": CLIENT.replace(*RENAME_ADD_REMOVE)})
    # When audited, then `fetch`'s change is seen
    report = lib.audit()
    assert ("changed", "shelf.fetch") in [(c.change, c.symbol) for c in report.changes]


def test_a_class_renamed_with_its_old_name_kept_as_an_alias_loses_no_member(library: Callable[..., Library]) -> None:
    # Given `Client` renamed `Session`, with `Client = Session` kept for compatibility (semver 3's VersionInfo)
    lib = library()
    text = CLIENT.replace("class Client:", "class Session:") + "\n\nClient = Session\n"
    lib.change({"shelf/client.py": text})
    # When audited, then no member of Client was removed: every one is still reached through the alias
    report = lib.audit()
    assert [c for c in report.changes if c.change == "removed"] == []
    assert inconsistencies(report) == set()


def test_a_toctree_entry_is_no_example(library: Callable[..., Library]) -> None:
    # Given a Sphinx index whose toctree lists a page named like a function, and a note directive
    index = (
        "Guide\n=====\n\n.. toctree::\n    :maxdepth: 1\n\n    install\n    replace-fetch_all-calls.rst\n\n"
        ".. note::\n\n    Pages are listed above.\n"
    )
    lib = library({"docs/index.rst": index})
    # When `fetch_all` is removed
    lib.change(
        {
            "shelf/client.py": CLIENT.split("def fetch_all")[0],
            "shelf/__init__.py": (
                '"""Shelf."""\nfrom shelf.client import Client, fetch\n\n__all__ = ["Client", "fetch"]\n'
            ),
        }
    )
    # Then the toctree is not read as a code example using it
    report = lib.audit()
    assert {i[2] for i in inconsistencies(report)} & {"docs/index.rst"} == set()


def test_a_helper_deleted_at_import_time_is_no_api(library: Callable[..., Library]) -> None:
    # Given a module-level helper removed from the module with `del` once used (toolz.curried.operator)
    helper = "def should_wrap(f):\n    return callable(f)\n\n\nWRAPPED = should_wrap(len)\ndel should_wrap\n"
    lib = library({"shelf/client.py": CLIENT + "\n\n" + helper})
    # When the helper goes away
    lib.change({"shelf/client.py": CLIENT + "\n\nWRAPPED = True\n"})
    # Then nothing public was removed: `should_wrap` never was an attribute of the module
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == []


def test_a_method_renamed_in_a_class_renamed_with_an_alias_is_a_rename(library: Callable[..., Library]) -> None:
    # Given Client renamed Pool (Client = Pool kept) and its `get` renamed `get_path`, typed and re-documented
    # (semver 3: VersionInfo.isvalid became Version.is_valid)
    lib = library()
    text = CLIENT.replace("class Client:", "class Pool:").replace(
        "def get(self, path,", "def get_path(self, path: str,"
    )
    text = text.replace("        :param path: The path.\n", "        .. versionchanged:: 2.0 Renamed from get.\n")
    init = '"""Shelf."""\nfrom shelf.client import Client, Pool, fetch, fetch_all\n'
    lib.change({"shelf/client.py": text + "\n\nClient = Pool\n", "shelf/__init__.py": init})
    # When audited, then `get` is renamed, not removed, and docs naming it can be rewritten
    report = lib.audit()
    assert [(c.change, c.symbol, c.old_symbol) for c in report.changes if c.symbol != "shelf.Pool"] == [
        ("renamed", "shelf.Pool.get_path", "shelf.Client.get")
    ]


def test_an_example_showing_its_traceback_without_prompts_is_still_checked(library: Callable[..., Library]) -> None:
    # Given an rst example written as a transcript without prompts: code, then the traceback it raises
    # (itsdangerous' docs: `s.unsign(...)`, `Traceback (most recent call last):`, `  ...`, `BadSignature: ...`)
    page = (
        "Usage\n=====\n\n.. code-block:: python\n\n    from shelf import fetch\n"
        '    fetch("https://x", timeout=1)\n    Traceback (most recent call last):\n      ...\n'
        '    TimeoutError: timed out\n\n    fetch("https://y", verify=False)\n'
    )
    lib = library({"docs/usage.rst": page})
    # When `timeout` is renamed and `verify` removed
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    report = lib.audit()
    # Then the block's code before and after the traceback is checked, and it is no "does not parse" problem
    found = {(check, file, old) for check, _, file, _, old, _ in inconsistencies(report)}
    assert {("example", "docs/usage.rst", "timeout"), ("example", "docs/usage.rst", "verify")} <= found
    assert not [p for p in report.problems if "does not parse" in p]


BACKPORT = '''

try:
    Grouped = __builtins__.Grouped
except AttributeError:

    class Grouped(Exception):
        """Errors raised together."""

        message: str
        errors: list

        def __init__(self, message, errors):
            self.message, self.errors = message, errors
'''


def test_a_backport_kept_under_its_own_name_is_not_removed(library: Callable[..., Library]) -> None:
    # Given a class defined where a newer Python lacks the builtin it backports (packaging's ExceptionGroup)
    lib = library({"shelf/client.py": CLIENT + BACKPORT})
    # When the module takes the builtin by its own name in `try`/`else` (`Grouped = Grouped`), the backport kept
    old_try = "    Grouped = __builtins__.Grouped\nexcept AttributeError:"
    respelled = BACKPORT.replace(old_try, "    Grouped\nexcept NameError:")
    lib.change({"shelf/client.py": CLIENT + respelled + "else:\n    Grouped = Grouped\n"})
    # Then the class and its members are still there: a name bound to itself is bound to nothing new
    report = lib.audit()
    assert [(c.change, c.symbol) for c in report.changes] == []
