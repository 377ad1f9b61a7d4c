"""Issue 18, wave 14: families for the classic-bug class (each test fails without its change)."""

from __future__ import annotations

from edits_kit import new_lines, tiers

FIRST_UNIQUE = """
def first_unique(text):
    counts = []
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    for i, ch in enumerate(text):
        if counts[ch] == 1:
            return i
    return -1
"""


def test_an_empty_list_the_function_calls_mapping_methods_on_becomes_a_dict() -> None:
    # Given counts bound to [] while the function calls counts.get(...)
    found = tiers(FIRST_UNIQUE, 3)
    # Then `counts = {}` is a tier-1 edit, and no other kind is proposed
    assert found.get("counts = {}") == 1, found
    assert "counts = set()" not in found


def test_an_empty_container_whose_methods_agree_with_it_or_disagree_among_themselves_is_left_alone() -> None:
    # Given a list that is appended to, and a name whose methods say both list and set
    fine = "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out\n"
    mixed = "def f(xs):\n    out = {}\n    out.append(1)\n    out.add(2)\n    return out\n"
    # Then neither gets a container-kind edit
    assert not new_lines(fine, 2, "container-kind")
    assert not new_lines(mixed, 2, "container-kind")


def test_a_set_literal_for_an_empty_dict_becomes_a_set_when_the_function_adds_to_it() -> None:
    seen = "def f(xs):\n    seen = {}\n    for x in xs:\n        seen.add(x)\n    return len(seen)\n"
    assert new_lines(seen, 2, "container-kind") == {"seen = set()"}


PERMUTATIONS = """
def permutations(xs):
    if len(xs) <= 1:
        yield list(xs)
        return
    for i, x in enumerate(xs):
        rest = xs[:i] + xs[i + 1:]
        for p in permutations(rest):
            yield [x] + rest
"""


def test_a_loop_whose_body_never_reads_its_variable_gets_it_read_instead_of_a_local_at_tier_1() -> None:
    # Given a loop over p whose body reads x and rest but never p
    found = tiers(PERMUTATIONS, 9)
    # Then reading p instead of rest (or of x) is a tier-1 edit
    assert found.get("yield [x] + p") == 1, found
    assert found.get("yield [p] + rest") == 1, found


def test_a_loop_that_reads_its_variable_or_binds_only_underscore_names_gets_no_such_edit() -> None:
    used = PERMUTATIONS.replace("yield [x] + rest", "yield [x] + p")
    ignored = "def f(xs, n):\n    out = []\n    for _ in range(n):\n        out.append(xs)\n    return out\n"
    assert not new_lines(used, 9, "unused-loop-variable")
    assert not new_lines(ignored, 4, "unused-loop-variable")
