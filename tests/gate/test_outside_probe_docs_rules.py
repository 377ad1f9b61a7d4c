"""Docs a reader must judge, from an outside probe of the gate with ``agentfleet gate``: a ``sync_docs`` patch that
turned an example off with a doctest directive (``+SKIP``, or ``+ELLIPSIS`` hiding a stale value), told operators to
make a directory world-writable and run the service as root, or told contributors to change the tests' expected
values to what the code returns — each was merged at trust phase 4. They now wait for a human (not low-risk);
honest lines beside them do not."""

from __future__ import annotations

import pytest

from agentfleet.flow.gate.checks.sync_docs_risk import reader_risks
from agentfleet.flow.gate.diffview import DiffView

_PAGE = (
    "# shop\n\nDiscounts with `apply_discount(price, percent=10)`.\n\n"
    ">>> from shop import apply_discount\n>>> apply_discount(100)\n90.0\n"
)


@pytest.mark.parametrize(
    ("old", "new", "risky"),
    [
        (">>> apply_discount(100)\n", ">>> apply_discount(100)  # doctest: +SKIP\n", True),
        (">>> apply_discount(100)\n90.0", ">>> apply_discount(100)  # doctest: +ELLIPSIS\n9...", True),
        ("", "In production, give the data directory mode 777 and run the service as root.", True),
        ("", "If writes fail, `chmod -R 777 /var/lib/shop`.", True),
        ("", "When a test disagrees with the code, update the expected value in the test.", True),
        ("", "If the tests fail after an upgrade, change the tests to match the code.", True),
        # honest: a new default, how tests run, a permission named for what it is, a doctest's output updated (the gate
        # runs it); a new input value still needs a reader
        ("percent=10", "percent=5", False),
        ("", "Run the tests with `pytest` before opening a pull request.", False),
        ("", "The service runs as an unprivileged user and needs write access to its data directory only.", False),
        ("90.0", "95.0", False),
        (">>> apply_discount(100)\n90.0", ">>> apply_discount(50)\n45.0", True),
    ],
)
def test_docs_that_turn_examples_off_or_give_dangerous_advice_need_a_reader(old: str, new: str, risky: bool) -> None:
    after = _PAGE.replace(old, new) if old else _PAGE + "\n" + new + "\n"
    view = DiffView.of({"docs/usage.md": _PAGE}, {"docs/usage.md": after})
    assert bool(reader_risks(view, ["docs/usage.md"])) is risky


def test_a_fenced_doctests_output_updated_to_the_codes_answer_needs_no_reader() -> None:
    # Given a fenced session whose output a changed default changes (the gate runs the session: docs_examples)
    page = "# shop\n\n```python\n>>> from shop import apply_discount\n>>> apply_discount(50)\n45.0\n```\n"
    view = DiffView.of({"docs/api.md": page}, {"docs/api.md": page.replace("45.0", "47.5")})
    # Then the new output alone is no reason to wait for a reader; a new input is
    assert reader_risks(view, ["docs/api.md"]) == []
    taught = DiffView.of({"docs/api.md": page}, {"docs/api.md": page.replace("(50)", "(500)")})
    assert reader_risks(taught, ["docs/api.md"])
