"""The claims check (``docs_claims``): statements a docs patch adds about named API items, compared with the code at
the patch's commit — a lie refuses the patch, a behaviour claim the code cannot settle or a change claimed of nothing
the drift touched waits for a human. ``tests/security/test_gate_round15_adversarial.py`` runs the gate on them."""

from __future__ import annotations

import pytest

from agentfleet.flow.gate.checks import FOR_A_READER
from agentfleet.flow.gate.checks.code_facts import CodeFacts
from agentfleet.flow.gate.checks.docs_claims_judge import claims_check
from agentfleet.flow.gate.checks.docs_touched import changed_definitions
from agentfleet.flow.gate.diffview import DiffView

CODE = '''"""The client."""


class DeadlineExceeded(Exception):
    """The deadline passed."""


def fetch(url, deadline=10, retries=3):
    """Fetch ``url``."""
    if deadline <= 0:
        raise DeadlineExceeded(url)
    return _get(url)


def _get(url):
    return url


def lookup(table, key, default=None):
    try:
        return table[key]
    except KeyError:
        return default


def quiet(url):
    try:
        return fetch(url)
    except DeadlineExceeded:
        return ""


class Client:
    def get(self, path, **options):
        return path.upper()
'''
FACTS = CodeFacts({"shelf/client.py": CODE})
TOUCHED = {"fetch", "deadline", "timeout"}


def _check(line: str, path: str = "docs/usage.md") -> tuple[bool, list[str]]:
    view = DiffView.of({path: "# Usage\n"}, {path: f"# Usage\n{line}\n"})
    check = claims_check(view, [path], FACTS, TOUCHED)
    return check.passed, [ln for ln in check.evidence.splitlines() if ln.startswith(FOR_A_READER)]


@pytest.mark.parametrize(
    "line",
    [
        "`fetch` returns `None` when the deadline passes.",
        "The `retries` argument of `fetch` defaults to 5.",
        "Call `fetch(url, timeout=30)` to wait longer.",
        "`Client.get` has been removed.",
        "`fetch` no longer takes `retries`.",
        "`fetch` never raises `DeadlineExceeded`.",
        "`_get` raises `DeadlineExceeded` when the deadline passes.",
    ],
)
def test_a_claim_the_code_contradicts_is_a_lie(line: str) -> None:
    assert _check(line)[0] is False


@pytest.mark.parametrize(
    "line",
    [
        "`fetch` raises `DeadlineExceeded` when the deadline is not positive.",
        "`fetch` returns the body; `retries` defaults to 3.",
        "`quiet` does not raise `DeadlineExceeded`: it answers an empty string.",
        "`lookup` returns `None` for a missing key unless given a default.",
        "`fetch` no longer takes `timeout`; pass `deadline`.",
        "Call `Client().get(path, stream=True)` to stream.",
        "`fetch` no longer returns ``None`` for an empty body.",
        "The cache defaults to the user's home directory.",
        "`fetch` waits for `deadline`, which defaults to 10s.",
        "Install it with your package manager.",
    ],
)
def test_a_claim_the_code_supports_or_no_claim_passes_unread(line: str) -> None:
    assert _check(line) == (True, [])


@pytest.mark.parametrize(
    "line",
    [
        "`lookup` raises `TypeError` for an unhashable key.",
        "`lookup` is deprecated; use `table.get`.",
        "`quiet` was added in version 2.1.",
        "`_get` no longer strips the URL.",
    ],
)
def test_a_behaviour_claim_the_code_cannot_settle_waits_for_a_reader(line: str) -> None:
    passed, reader = _check(line)
    assert passed
    assert reader


@pytest.mark.parametrize(
    ("entry", "read"),
    [
        ("- Renamed `timeout` to `deadline` in `fetch`.", False),
        ("- Fixed `lookup` losing its default.", True),
        ("- Fixed a crash on empty input.", True),
        ("## 2.0", False),
    ],
)
def test_a_changelog_entry_must_name_what_the_drift_touched(entry: str, read: bool) -> None:
    passed, reader = _check(entry, "CHANGELOG.md")
    assert passed
    assert bool(reader) is read


def test_a_docstring_documents_what_its_function_raises() -> None:
    lie = CODE.replace(
        '    """Fetch ``url``."""', '    """Fetch ``url``.\n\n    Raises:\n        TimeoutExceeded: Late.\n    """'
    )
    true = CODE.replace(
        '    """Fetch ``url``."""', '    """Fetch ``url``.\n\n    Raises:\n        DeadlineExceeded: Late.\n    """'
    )
    for after, passed in [(lie, False), (true, True)]:
        view = DiffView.of({"shelf/client.py": CODE}, {"shelf/client.py": after})
        assert claims_check(view, [], FACTS, TOUCHED).passed is passed


def test_the_definitions_a_range_changed_are_those_its_hunks_touch() -> None:
    after = CODE.replace("    return url\n", "    return url.strip()\n")
    assert changed_definitions(CODE, after) == {"_get"}
    assert changed_definitions(CODE, CODE.replace("def quiet(url):", "def calm(url):")) == {"quiet", "calm"}


SECTIONS = """# API

## `fetch(url, deadline=10, retries=3)`

Fetch a page.

## lookup(table, key, default=None)

Look a key up.

## Installation

Run pip.

.. autofunction:: shelf.client.fetch

   Fetch a page.
"""


@pytest.mark.parametrize(
    ("after", "old", "lie"),
    [
        ("Fetch a page.", "Fetch a page; it gives `None` when the deadline passes.", True),
        ("Look a key up.", "Look a key up; a missing key gives `None`.", False),
        ("Run pip.", "Run pip; it returns `None`.", False),
        ("Fetch a page.", "Fetch a page; past `deadline` it gives `None`.", True),
        ("   Fetch a page.", "   Fetch a page. Returns `None` on a timeout.", True),
    ],
)
def test_a_line_naming_nothing_is_about_the_api_item_its_section_documents(after: str, old: str, lie: bool) -> None:
    # Given API docs with a section per function (a Markdown heading spelled as code, a Sphinx directive) and one in
    # words, and a patch adding a claim that names no function to a line of one section
    path = "docs/api.md"
    view = DiffView.of({path: SECTIONS}, {path: SECTIONS.replace(after, old, 1)})
    # When the claims check reads it
    check = claims_check(view, [path], FACTS, TOUCHED)
    # Then the claim is about that section's function: `fetch` never answers None (a lie, refused), `lookup` may;
    # a line naming only a parameter is about its section's function too; a section in words ("Installation")
    # documents no function, so its line claims nothing
    assert check.passed is not lie, check.evidence


def test_a_call_shown_in_a_docstring_is_about_the_function_it_calls() -> None:
    # Given a docstring contrasting two calls of a parameter (more-itertools' ``doublestarmap``: ``func(**a)``)
    before = CODE + "\n\ndef apply(func, item):\n    return func(**item)\n"
    after = before.replace(
        "return func(**item)",
        '"""Like ``func(*a)`` but ``func(**a)``, and ``func(x, deadline=1)``."""\n    return func(**item)',
    )
    view = DiffView.of({"shelf/client.py": before}, {"shelf/client.py": after})
    # When the claims check reads it
    check = claims_check(view, [], CodeFacts({"shelf/client.py": after}), TOUCHED)
    # Then the calls are about ``func``, which the repository does not define: nothing to compare, no lie
    assert check.passed, check.evidence


def test_a_function_whose_forever_loop_breaks_may_fall_off_its_end_and_return_none() -> None:
    # Given a function ending in `while True:` that a `break` leaves, and one whose loop only returns
    code = (
        "def first(xs):\n    while True:\n        if not xs:\n            break\n        return xs.pop()\n\n\n"
        "def spin(xs):\n    while True:\n        for x in xs:\n            break\n        return xs\n"
    )
    facts = CodeFacts({"m.py": code})
    # Then the first may answer None (a reader may say it returns None), the second never falls off its end
    [first], [spin] = facts.find("first"), facts.find("spin")
    assert facts.may_return_none(first) is not False
    assert facts.may_return_none(spin) is False
