"""Issue 18, fifth round: a doubled offset waits, and the edit classes the fifth blind check missed."""

from __future__ import annotations

from edits_kit import new_lines, tiers

from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at

SEARCH = """\
def isqrt(n):
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo
"""


def test_doubling_an_offset_of_one_waits_for_tier_3() -> None:
    # Given a bound moved to ``mid - 1`` and a window start at ``last + 1``
    window = "def f(last, ch):\n    start = last[ch] + 1\n    return start\n"
    # When the templates edit them
    bound, start = tiers(SEARCH, 8), tiers(window, 2)
    # Then ``- 2`` / ``+ 2`` (an off-by-one overshot) come at tier 3, after the plain tier-1 edits
    assert (bound["hi = mid - 2"], bound["hi = mid"]) == (3, 1)
    assert (start["start = last[ch] + 2"], start["start = last[ch]"]) == (3, 1)
    # and an offset of 2 still moves by one at tier 1
    assert tiers("def f(xs, i):\n    return xs[i + 2]\n", 2)["return xs[i + 1]"] == 1


def test_a_tuple_item_is_shifted_where_the_function_shifts_that_name() -> None:
    # Given a heap entry pushed with the position it was popped with, where the line reads ``i + 1``
    text = """\
    def merge(heap, lists, k, i):
        if i + 1 < len(lists[k]):
            heap.append((lists[k][i + 1], k, i))
    """
    # When the templates edit the push
    found = tiers(text, 3)
    # Then the item gets ``+ 1`` (tier 2; reuse ranks it first), the other items nothing
    assert found["heap.append((lists[k][i + 1], k, i + 1))"] == 2
    assert "heap.append((lists[k][i + 1], k + 1, i))" not in found


def test_an_operator_slip_of_precedence_is_rebracketed() -> None:
    # Given ``value << 8 + byte`` (``+`` binds first) and ``a + b << c``
    text = """\
    def f(value, byte, a, b, c):
        value = value << 8 + byte
        return a + b << c
    """
    # When the templates edit the lines
    shift, add = new_lines(text, 2, "operator-precedence"), new_lines(text, 3, "operator-precedence")
    # Then the inner operation is bracketed the other way
    assert shift == {"value = (value << 8) + byte"}
    assert add == {"return a + (b << c)"}
    # and operators of one precedence are left alone (``a - b + c`` is not ``a - (b + c)``'s slip)
    assert not new_lines("def f(a, b, c):\n    return a - b + c\n", 2, "operator-precedence")


def test_items_of_a_longer_returned_tuple_are_swapped() -> None:
    # Given Bezout coefficients returned in each other's place
    text = """\
    def egcd(a, b):
        g, x, y = egcd(b, a % b)
        return g, x - (a // b) * y, y
    """
    # When the templates edit the return
    found = tiers(text, 3)
    # Then two items of the three change places (tier 3), and the assignment target is left alone
    assert found["return g, y, x - (a // b) * y"] == 3
    assert not any(k.startswith("x, g, y") for k in tiers(text, 2))


def test_a_generator_yields_a_copy_of_the_list_it_keeps_mutating() -> None:
    # Given a generator that yields its one working list and swaps items in it
    text = """\
    def perms(items):
        perm = list(items)
        for i in range(len(perm)):
            yield perm
            perm[0], perm[i] = perm[i], perm[0]
    """
    # When the templates edit the yield
    found = tiers(text, 4)
    # Then it yields a copy (tier 2), also from a nested generator over the outer function's list
    assert found["yield list(perm)"] == 2
    nested = """\
    def perms(items):
        perm = list(items)

        def generate(k):
            if k <= 1:
                yield perm
            perm[0], perm[k] = perm[k], perm[0]

        return generate(len(perm))
    """
    assert tiers(nested, 6)["yield list(perm)"] == 2
    # and a yielded value never mutated in place is not copied
    assert "yield list(x)" not in tiers("def g(xs):\n    for x in xs:\n        yield x\n", 3)


def test_a_recursive_call_hands_down_what_the_function_computed_from_its_optional_parameter() -> None:
    # Given a recursive call that leaves out ``prefix``, where the function computes ``name`` from it
    text = """\
    def flatten(tree, prefix=""):
        out = {}
        for key, value in tree.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                out.update(flatten(value))
            else:
                out[name] = value
        return out
    """
    # When the templates edit the call
    found = new_lines(text, 6, "call-argument")
    # Then the call hands ``name`` down, and nothing the function did not derive from ``prefix``
    assert "out.update(flatten(value, name))" in found
    assert "out.update(flatten(value, out))" not in found


def test_an_index_is_shifted_down_before_up() -> None:
    # Given a fallback that reads ``table[k]`` (both shifts may pass weak tests, and then rank alike)
    src = SourceFile("m.py", "def f(table, k):\n    k = table[k]\n    return k\n")
    # When the boundary edits of the line are listed in search order
    shifts = [src.apply(e).splitlines()[1].strip() for e in edits_at(Site(src, 2)) if e.template == "boundary"]
    # Then ``k - 1`` comes first: Python counts from 0, so an index is one too high more often than one too low
    assert shifts.index("k = table[k - 1]") < shifts.index("k = table[k + 1]")


def test_a_midpoint_may_round_up() -> None:
    # Given a binary search whose low bound moves to ``mid`` (it needs ``mid`` rounded up, or it hangs)
    found = tiers(SEARCH.replace("(lo + hi + 1) // 2", "(lo + hi) // 2"), 4)
    # Then the midpoint rounds up at tier 1, brackets kept where they were
    assert found["mid = (lo + hi + 1) // 2"] == 1
