"""Suspect commits: blame what the crash's frames ran, lead with the latest change near the crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import commit, make_repo

from agentfleet.contracts import ErrorEvidence, FixError, Frame
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.flow.investigation.stage import build_report

PRICING_ALICE = '''def unit_price(item):
    return item["price"]


def average_price(items):
    """Mean price of the priced items."""
    priced = [i for i in items if "price" in i] or [{"price": 0}]
    total = sum(unit_price(i) for i in priced)
    return total / len(priced)


def cheapest(items):
    return min(unit_price(i) for i in items)
'''
PRICING_BOB = PRICING_ALICE.replace(' or [{"price": 0}]', "")
PRICING_CAROL = PRICING_BOB.replace("return min(unit_price(i) for i in items)", "return min(map(unit_price, items))")
SERVICE = "from shop.pricing import average_price\n\n\ndef quote(cart):\n    return round(average_price(cart), 2)\n"
CRASH_LINE = 9


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    """Alice (2020) wrote the function and its crash line, Dave (2022) the caller, Bob (2024) dropped the
    fallback two lines above the crash, Carol (2025) touched another function."""
    repo = tmp_path / "shop"
    make_repo(repo, {"README.md": "shop\n"})
    shas = {}
    for author, date, files in (
        ("Alice", "2020-01-02T10:00:00", {"shop/__init__.py": "", "shop/pricing.py": PRICING_ALICE}),
        ("Dave", "2022-03-04T10:00:00", {"shop/service.py": SERVICE}),
        ("Bob", "2024-05-06T10:00:00", {"shop/pricing.py": PRICING_BOB}),
        ("Carol", "2025-07-08T10:00:00", {"shop/pricing.py": PRICING_CAROL}),
    ):
        monkeypatch.setenv("GIT_AUTHOR_NAME", author)
        monkeypatch.setenv("GIT_AUTHOR_DATE", date)
        shas[author] = commit(repo, files, f"{author}'s change")
    return repo, shas


def _item(head: str) -> FixError:
    frames = (
        Frame(filename="shop/service.py", function="quote", lineno=5),
        Frame(filename="shop/pricing.py", function="average_price", lineno=CRASH_LINE),
    )
    error = ErrorEvidence(exception_type="ZeroDivisionError", exception_value="division by zero", frames=frames)
    return FixError(repo="shop", base_commit=head, fingerprint="err:avg", error=error)


def test_the_latest_change_near_the_crash_leads_and_every_suspect_says_why(history) -> None:
    repo, shas = history
    # Given a crash on Alice's old line, two lines below Bob's recent change in the same function
    report = build_report(SourceRepo(repo), _item(shas["Carol"]))
    # When the suspects are ranked
    order = [s.author for s in report.suspects]
    # Then Bob (latest change within the crashing function) leads, Alice (the crash line) follows,
    # Dave (the calling frame's line) comes after, and Carol (another function) is no suspect at all
    assert order == ["Bob", "Alice", "Dave"]
    bob, alice, dave = report.suspects
    assert (bob.on_crash_line, bob.lines) == (False, (7,))
    assert alice.on_crash_line
    assert dave.path == "shop/service.py"
    # And the report says why each one is there
    reasons = {s.sha[:12]: note for s in report.suspects for note in report.notes if s.sha[:12] in note}
    assert "most recent change in `average_price`" in reasons[bob.sha[:12]]
    assert "2 lines above the crash" in reasons[bob.sha[:12]]
    assert "last changed the crash line 9" in reasons[alice.sha[:12]]
    assert "calling frame `quote`" in reasons[dave.sha[:12]]


GUARDED_ALICE = '''def average_price(items):
    """Mean price of the priced items."""
    priced = [i for i in items if "price" in i]
    if not priced:
        return 0
    total = sum(i["price"] for i in priced)
    return total / len(priced)
'''
GUARDED_DAVE = GUARDED_ALICE.replace("return total / len(priced)", "return total / len(priced)  # the mean")
GUARDED_BOB = GUARDED_DAVE.replace("    if not priced:\n        return 0\n", "")


def test_a_commit_that_only_deleted_lines_of_the_function_leads(tmp_path: Path, monkeypatch) -> None:
    # Given Alice's function with a guard, Dave's later comment on its last line, and Bob's newest
    # commit that only deleted the guard: blame of today's function shows Alice and Dave, never Bob
    repo = tmp_path / "shop"
    make_repo(repo, {"README.md": "shop\n"})
    shas = {}
    for author, date, text in (
        ("Alice", "2020-01-02T10:00:00", GUARDED_ALICE),
        ("Dave", "2023-03-04T10:00:00", GUARDED_DAVE),
        ("Bob", "2024-05-06T10:00:00", GUARDED_BOB),
    ):
        monkeypatch.setenv("GIT_AUTHOR_NAME", author)
        monkeypatch.setenv("GIT_AUTHOR_DATE", date)
        shas[author] = commit(repo, {"shop/__init__.py": "", "shop/pricing.py": text}, f"{author}'s change")
    frames = (Frame(filename="shop/pricing.py", function="average_price", lineno=5),)
    error = ErrorEvidence(exception_type="ZeroDivisionError", exception_value="division by zero", frames=frames)
    item = FixError(repo="shop", base_commit=shas["Bob"], fingerprint="err:avg", error=error)
    # When the crash on the function's last line is investigated
    report = build_report(SourceRepo(repo), item)
    # Then Bob's deletion leads (the latest change to the function), then Dave's crash line, then Alice
    assert [s.author for s in report.suspects] == ["Bob", "Dave", "Alice"]
    bob = report.suspects[0]
    assert (bob.sha, bob.lines, bob.removed, bob.on_crash_line) == (shas["Bob"], (), 2, False)
    # and the report says why: the lines are gone, so blame alone could not name him
    (note,) = [n for n in report.notes if shas["Bob"][:12] in n]
    assert "removed 2 lines from `average_price`" in note
    assert "removed 2" in report.to_markdown()
