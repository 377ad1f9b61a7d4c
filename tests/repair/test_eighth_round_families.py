"""Issue 18, eighth round: the edit classes the seventh blind check missed (a returned count never moved)."""

from __future__ import annotations

import textwrap

from edits_kit import new_lines, outcomes, tiers

from agentfleet.flow.fixers.repair.oddities import added_oddities

STEPS = """\
def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
    return steps
"""


def test_a_returned_count_the_function_never_moves_is_counted_in_the_loop() -> None:
    # Given a function that starts a count, loops, and returns the count it never updated
    # When the templates edit a line inside the loop
    found = outcomes(STEPS, 7, "counter-update")
    # Then the count goes up once per pass, at the end of the loop's body
    assert found == {STEPS.replace("            n = 3 * n + 1\n", "            n = 3 * n + 1\n        steps += 1\n")}


def test_a_count_the_function_moves_or_does_not_return_is_left_alone() -> None:
    # Given the same loop with the count moved, and one whose count is not what it returns
    moved = STEPS.replace("    return steps\n", "        steps += 2\n    return steps\n")
    unreturned = STEPS.replace("    return steps\n", "    return n\n")
    # Then no count update is written
    assert outcomes(moved, 7, "counter-update") == set()
    assert outcomes(unreturned, 7, "counter-update") == set()


def test_a_count_of_a_for_loop_is_counted_too() -> None:
    text = textwrap.dedent(
        """\
        def length(items):
            size = 0
            for _ in items:
                pass
            return size
        """
    )
    assert outcomes(text, 4, "counter-update") == {text.replace("        pass\n", "        pass\n        size += 1\n")}


PATHS = """\
def all_paths(graph, source: str, target: str) -> list[list[str]]:
    paths = []

    def walk(node: str, path: list[str]) -> None:
        if node == target:
            paths.append(path)
            return
        for nxt in graph.get(node, []):
            walk(nxt, path)

    walk(source, [source])
    return paths
"""


def test_a_recursive_call_that_hands_its_list_accumulator_on_unchanged_grows_it() -> None:
    # Given a walk that passes its path on without the node it steps to
    # When the templates edit the recursive call
    found = new_lines(PATHS, 9, "grown-accumulator")
    # Then the path grows by the call's other argument (tier 2)
    assert found == {"walk(nxt, path + [nxt])"}
    assert tiers(PATHS, 9)["walk(nxt, path + [nxt])"] == 2


def test_an_accumulator_that_is_not_a_list_is_left_alone() -> None:
    # Given a shared set passed on as it is (a depth-first search's visited set)
    shared = PATHS.replace("path: list[str]", "path: set[str]").replace("walk(source, [source])", "walk(source, set())")
    # Then nothing is grown
    assert new_lines(shared, 9, "grown-accumulator") == set()


def test_a_set_handed_to_an_order_sensitive_call_is_odd_a_sorted_one_is_not() -> None:
    # Given patches that pass a set where the order of the items shows (its order is the hash's, not the data's)
    before = 'def f(words, ranked):\n    return " ".join(words), list(enumerate(ranked))\n'
    joined = before.replace('" ".join(words)', '" ".join(set(words))')
    numbered = before.replace("enumerate(ranked)", "enumerate(set(ranked))")
    ordered = before.replace('" ".join(words)', '" ".join(sorted(set(words)))')
    # Then the first two rank after plain patches (odd), and a set sorted first stays plain
    assert added_oddities([(before, joined)]) == 1
    assert added_oddities([(before, numbered)]) == 1
    assert added_oddities([(before, ordered)]) == 0
