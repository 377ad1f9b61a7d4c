"""Issue 18, wave 12: the families the classic-bug class needs (each test fails without its change)."""

from __future__ import annotations

from edits_kit import outcomes, tiers

MERGE = """
def merge(xs, ys):
    out = []
    i = j = 0
    while i < len(xs) and j < len(ys):
        if xs[i] <= ys[j]:
            out.append(xs[i])
            i += 1
        else:
            out.append(ys[j])
            j += 1
    out.extend(xs[i:])
    return out
"""


def test_a_statement_for_one_of_two_parallel_inputs_gets_its_mirror_for_the_other() -> None:
    # Given a merge whose code pairs xs with ys and i with j, and appends the rest of xs only
    found = outcomes(MERGE, 12, "mirrored-statement")
    # Then the rest of ys is appended too, after (or before) it
    assert any("out.extend(xs[i:])\n    out.extend(ys[j:])\n" in text for text in found), found


def test_no_mirror_where_the_function_already_has_it_or_pairs_only_bare_names() -> None:
    # Given the fixed merge (both rests appended), and a binary search whose only comparison is `lo <= hi`
    fixed = MERGE.replace("    out.extend(xs[i:])\n", "    out.extend(xs[i:])\n    out.extend(ys[j:])\n")
    search = "def f(a, lo, hi):\n    while lo <= hi:\n        lo = lo + 1\n    return lo\n"
    # Then neither gets a mirrored statement
    assert not outcomes(fixed, 12, "mirrored-statement")
    assert not outcomes(search, 3, "mirrored-statement")


COMPONENTS = """
def count_components(graph):
    seen = set()
    components = 0
    for start in graph:
        if start in seen:
            continue
        components += 1
        stack = [start]
        while stack:
            node = stack.pop()
            seen.add(node)
            for neighbour in graph[node]:
                stack.append(neighbour)
    return components
"""


def test_an_element_recorded_as_seen_but_never_looked_up_gets_a_guard_before_it_is_recorded() -> None:
    # Given a search that records each node in `seen` but never asks whether a node is in it
    found = outcomes(COMPONENTS, 12, "membership-guard")
    # Then `if node in seen: continue` goes right before the add (never after it, where it would always skip)
    assert found == {
        COMPONENTS.replace(
            "            seen.add", "            if node in seen:\n                continue\n            seen.add"
        )
    }


def test_no_guard_when_the_element_is_already_looked_up() -> None:
    guarded = COMPONENTS.replace(
        "            seen.add", "            if node in seen:\n                continue\n            seen.add"
    )
    assert not outcomes(guarded, 14, "membership-guard")


DETERMINANT = """
def determinant(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1 :] for row in m[1:]]
        total += -1 ** j * m[0][j] * determinant(minor)
    return total
"""


def test_a_sign_meant_for_a_powers_base_is_moved_onto_it() -> None:
    # Given `-1 ** j`, which Python reads as -(1 ** j), always -1
    # Then `(-1) ** j` is an edit at tier 1 (a literal base)
    assert tiers(DETERMINANT, 8)["total += (-1) ** j * m[0][j] * determinant(minor)"] == 1
    assert tiers(DETERMINANT.replace("-1 ** j", "-x ** j"), 8)["total += (-x) ** j * m[0][j] * determinant(minor)"] == 2


PROFIT = """
def max_profit(prices):
    if not prices:
        return 0
    lowest = 0
    best = 0
    for price in prices[1:]:
        lowest = min(lowest, price)
        best = max(best, price - lowest)
    return best
"""


def test_a_running_minimum_folded_over_the_rest_of_a_list_starts_at_its_first_item() -> None:
    # Given a running minimum that starts at 0 and folds in every price but the first
    # Then it may start at the first price (tier 1), beside infinity
    found = tiers(PROFIT, 5)
    assert found["lowest = prices[0]"] == 1
    assert found['lowest = float("inf")'] == 1
    # and a loop over the whole list gives no such start
    assert "lowest = prices[0]" not in tiers(PROFIT.replace("prices[1:]", "prices"), 5)


NEXT_GREATER = """
def next_greater(items):
    result = [-1] * len(items)
    stack = []
    for i, x in enumerate(items):
        while stack and items[stack[-1]] < x:
            result[stack.pop()] = x
    return result
"""


def test_a_stack_taken_from_but_never_pushed_on_gets_a_push_of_each_loop_variable() -> None:
    # Given a monotonic stack the loop pops and reads the top of, but never pushes on
    found = outcomes(NEXT_GREATER, 7, "stack-push")
    # Then the loop ends with a push of i, or of x
    pushed = "            result[stack.pop()] = x\n        stack.append(i)\n"
    assert any(pushed in text for text in found), found
    assert len(found) == 2
    # and a stack that is pushed on gets nothing
    fixed = NEXT_GREATER.replace("    return result", "        stack.append(i)\n    return result")
    assert not outcomes(fixed, 7, "stack-push")
