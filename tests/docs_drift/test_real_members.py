"""Shapes met on real libraries (tenacity 8.2 → 8.3, structlog 24.1 → 24.2): an error raised through a local
variable, and a class the API reference documents though ``__all__`` leaves it out."""

from __future__ import annotations

from collections.abc import Callable

from docs_drift.kit import FILES, Library, inconsistencies

RETRY = '''"""Retrying."""


class RetryError(Exception):
    """Raised when the attempts run out."""

    def reraise(self):
        """Raise the last attempt's error."""
        raise self


class Retrying:
    """Retries a call."""

    def __init__(self, reraise=False):
        self.reraise = reraise

    def iter(self, state):
        """One attempt."""
        if state:
            return state
        error = RetryError(state)
        if self.reraise:
            raise error.reraise()
        raise error from None

    def stop(self, state):
        """Stop retrying."""
        if not state:
            raise RetryError(state)
        return state
'''

WITH_HELPER = RETRY.replace(
    """        error = RetryError(state)
        if self.reraise:
            raise error.reraise()
        raise error from None
""",
    """        return self._give_up(state)

    def _give_up(self, state):
        error = RetryError(state)
        if self.reraise:
            raise error.reraise()
        raise error from None
""",
).replace("raise RetryError(state)", "raise ValueError(state)")


def _with_retry(library: Callable[..., Library]) -> Library:
    init = FILES["shelf/__init__.py"] + "from shelf import retry\n"
    return library({"shelf/retry.py": RETRY, "shelf/__init__.py": init})


def test_an_error_raised_through_a_local_name_is_no_exception_type(library: Callable[..., Library]) -> None:
    # Given a method raising the error it built in a local (`raise error from None`, `raise error.reraise()`)
    lib = _with_retry(library)
    # When those raises move into a helper, and another method raises another class
    lib.change({"shelf/retry.py": WITH_HELPER})
    report = lib.audit()
    # Then the local's name and the method called on it are no exceptions `iter` stopped raising; a class is one
    raises = {c.symbol: (c.raises_added, c.raises_removed) for c in report.changes}
    assert raises == {"shelf.retry.Retrying.stop": (("ValueError",), ("RetryError",))}


RENDER = '''"""Rendering."""

__all__ = ["Renderer"]


class Renderer:
    """Renders lines."""

    def __init__(self, pad=True):
        self.pad = pad


class ColumnFormatter:
    """Formats one column.

    Args:
        styles: Colour of each level.
    """

    def __init__(self, styles):
        self.styles = styles
'''

API_RST = """API
===

.. currentmodule:: shelf.render

.. autoclass:: Renderer

.. autoclass:: ColumnFormatter
"""


def test_a_class_the_api_reference_documents_is_api_though_all_leaves_it_out(
    library: Callable[..., Library],
) -> None:
    # Given a module whose `__all__` leaves out a class its API reference page documents (structlog.dev's
    # `LogLevelColumnFormatter`, named by `.. autoclass::` under `.. currentmodule:: structlog.dev`)
    init = FILES["shelf/__init__.py"] + "from shelf import render\n"
    lib = library({"shelf/render.py": RENDER, "shelf/__init__.py": init, "docs/api.rst": API_RST})
    # When that class gets a new parameter, and its docstring does not document it
    lib.change({"shelf/render.py": ("def __init__(self, styles):", "def __init__(self, styles, width=None):")})
    report = lib.audit()
    # Then the change is seen, and the docstring's missing entry is found
    assert [(c.symbol, c.change) for c in report.changes] == [("shelf.render.ColumnFormatter", "changed")]
    found = {(check, symbol, action) for check, symbol, _, action, _, _ in inconsistencies(report)}
    assert ("docstring", "shelf.render.ColumnFormatter", "add") in found


WAITER = '''"""Waiting."""
from time import sleep


class Waiter:
    """Waits between attempts."""

    def __init__(self, sleep=sleep, limit=3):
        self.sleep = sleep
        self.limit = limit
'''

LAZY = WAITER.replace(
    "from time import sleep\n",
    '''

def _lazy_sleep(seconds):
    """``time.sleep``, imported when first called."""
    import time

    return time.sleep(seconds)
''',
).replace("sleep=sleep", "sleep=_lazy_sleep")


def test_a_default_that_only_forwards_to_the_old_default_is_no_change(library: Callable[..., Library]) -> None:
    # Given a parameter defaulting to an imported function (tenacity 8.2's `AsyncRetrying(sleep=asyncio.sleep)`)
    init = FILES["shelf/__init__.py"] + "from shelf import waiting\n"
    lib = library({"shelf/waiting.py": WAITER, "shelf/__init__.py": init})
    # When the default becomes a module function that imports it lazily and forwards its arguments (8.3's
    # `asyncio_sleep`), while another default really changes
    lib.change({"shelf/waiting.py": LAZY})
    lib.change({"shelf/waiting.py": ("limit=3", "limit=5")})
    report = lib.audit()
    # Then only the real change is one: a caller that omits `sleep` gets the same behaviour
    [change] = report.changes
    assert [(p.name, p.old_default, p.default) for p in change.params] == [("limit", "3", "5")]


STOPS = '''"""Stop conditions."""


def stop_after(n):
    """Stop after ``n`` attempts."""
    return n
'''


def test_a_new_function_its_defining_module_documents_whole_is_not_flagged(library: Callable[..., Library]) -> None:
    # Given a reference page listing the package's functions one by one, and documenting the module that defines
    # the stop conditions whole (tenacity's api.rst: `.. autoclass:: tenacity.Retrying`, … and `.. automodule::
    # tenacity.stop` with `:members:`), the package re-exporting them
    page = "API\n===\n\n.. autofunction:: shelf.fetch\n\n.. autofunction:: shelf.fetch_all\n\n"
    page += ".. automodule:: shelf.stops\n   :members:\n"
    init = FILES["shelf/__init__.py"] + "from shelf.stops import stop_after\n"
    lib = library({"shelf/stops.py": STOPS, "shelf/__init__.py": init, "docs/api.rst": page})
    # When a new stop condition lands there and is re-exported (`tenacity.stop_before_delay`)
    new = STOPS + '\n\ndef stop_before(delay):\n    """Stop before ``delay``."""\n    return delay\n'
    exported = init.replace("stop_after\n", "stop_after, stop_before\n").replace(
        '"fetch_all"]', '"fetch_all", "stop_before"]'
    )
    lib.change({"shelf/stops.py": new, "shelf/__init__.py": exported})
    report = lib.audit()
    # Then the page is not flagged: the module's entry documents it
    assert [c.change for c in report.changes] == ["added"]
    assert {f for f in inconsistencies(report) if f[0] == "prose"} == set()


def test_a_default_respelled_as_a_module_constant_of_the_same_value_is_no_change(
    library: Callable[..., Library],
) -> None:
    # Given a parameter defaulting to a literal (structlog 24.2's `ExceptionDictTransformer(show_locals=True)`)
    init = FILES["shelf/__init__.py"] + "from shelf import waiting\n"
    lib = library({"shelf/waiting.py": WAITER, "shelf/__init__.py": init})
    # When the default becomes a module constant holding that value (24.3's `SHOW_LOCALS = True`), and a second
    # constant of another value becomes another parameter's default
    text = WAITER.replace('"""Waiting."""\n', '"""Waiting."""\n\nLIMIT = 3\nPAUSE = 2\n').replace(
        "limit=3", "limit=LIMIT"
    )
    lib.change(
        {"shelf/waiting.py": text.replace("self.limit = limit", "self.limit = limit\n        self.pause = PAUSE")}
    )
    lib.change({"shelf/waiting.py": ("sleep=sleep, limit=LIMIT", "sleep=PAUSE, limit=LIMIT")})
    report = lib.audit()
    # Then only the default that now means another value is a change
    [change] = report.changes
    assert [(p.name, p.old_default, p.default) for p in change.params] == [("sleep", "sleep", "PAUSE")]


BASE_AND_SUB = '''"""Retrying."""


class Retrying:
    """Retries a call."""

    def __init__(self, stop=None, wait=0):
        self.stop = stop
        self.wait = wait


class AsyncRetrying(Retrying):
    """Retries a coroutine."""

    def __init__(self, sleep=None, **kwargs):
        super().__init__(**kwargs)
        self.sleep = sleep
'''


def test_keywords_a_removed_kwargs_passed_to_the_base_class_made_explicit_are_no_change(
    library: Callable[..., Library],
) -> None:
    # Given a subclass whose `**kwargs` go to its base class's `__init__` (tenacity 8.3's `AsyncRetrying`)
    init = FILES["shelf/__init__.py"] + "from shelf import retrying\n"
    lib = library({"shelf/retrying.py": BASE_AND_SUB, "shelf/__init__.py": init})
    # When they become explicit parameters with the base's defaults (8.4), and one more keyword is new
    explicit = BASE_AND_SUB.replace("sleep=None, **kwargs", "sleep=None, stop=None, wait=0, jitter=False")
    lib.change({"shelf/retrying.py": explicit.replace("(**kwargs)", "(stop=stop, wait=wait)")})
    report = lib.audit()
    # Then only the keyword the base did not take is a change
    [change] = report.changes
    assert [(p.change, p.name) for p in change.params] == [("added", "jitter")]


def test_a_reno_release_note_is_the_change_s_doc_update(library: Callable[..., Library]) -> None:
    # Given a library keeping reno release notes (tenacity: `releasenotes/notes/<slug>-<hex>.yaml`) and no
    # changelog file
    note = "---\nfeatures:\n  - |\n    First release.\n"
    lib = library({"CHANGELOG.md": None, "releasenotes/notes/first-0123456789abcdef.yaml": note})
    # When a commit changes `fetch` and adds a release note saying so
    said = note.replace("First release.", "fetch takes retries.")
    lib.change({"shelf/client.py": ("limit=5", "limit=6"), "releasenotes/notes/retries-89abcdef01234567.yaml": said})
    report = lib.audit()
    # Then the release note is the change's doc update: no "no doc update" item, and it is where the repo logs
    assert report.layout.changelog == "releasenotes/notes/"
    assert [c.symbol for c in report.changes] == ["shelf.fetch_all"]
    assert not [f for f in inconsistencies(report) if f[0] == "no_update"]


FRAME = '''"""Frames."""
from dataclasses import dataclass


@dataclass
class Frame:
    """One stack frame."""

    filename: str
    lineno: int
    line: str = ""
'''


def test_a_removed_dataclass_field_is_one_change_of_its_class(library: Callable[..., Library]) -> None:
    # Given a dataclass whose fields are its constructor's parameters (structlog.tracebacks.Frame)
    init = FILES["shelf/__init__.py"] + "from shelf import frames\n"
    lib = library({"shelf/frames.py": FRAME, "shelf/__init__.py": init})
    # When a field goes (24.3 removed `line`)
    lib.change({"shelf/frames.py": FRAME.replace('    line: str = ""\n', "")})
    report = lib.audit()
    # Then it is one change, the class's parameter, not a second one for the attribute (one changelog line, one PR)
    assert [(c.symbol, [p.name for p in c.params]) for c in report.changes] == [("shelf.frames.Frame", ["line"])]
