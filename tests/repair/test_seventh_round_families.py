"""Issue 18, seventh round: the edit classes the sixth blind check missed (swapped unpacking targets, a running
minimum or maximum started at a finite value, a count back at zero) and the failing tests' order."""

from __future__ import annotations

from edits_kit import tiers

from agentfleet.flow.fixers.repair.spectrum import Spectrum


def test_the_targets_of_an_unpacked_call_are_swapped() -> None:
    # Given a quotient and remainder unpacked the wrong way round, and a loop over a mapping's items
    clock = 'def hms(seconds):\n    secs, minutes = divmod(seconds, 60)\n    return f"{minutes}:{secs:02d}"\n'
    loop = "def f(d):\n    for v, k in d.items():\n        print(k, v)\n"
    # When the templates edit them
    unpacked, iterated = tiers(clock, 2), tiers(loop, 2)
    # Then the two targets trade places (tier 2)
    assert unpacked["minutes, secs = divmod(seconds, 60)"] == 2
    assert iterated["for k, v in d.items():"] == 2


def test_targets_assigned_a_tuple_display_are_left_to_the_value_swap() -> None:
    # Given ``a, b = b, a`` (swapping the values writes the same edits)
    found = tiers("def f(a, b):\n    a, b = b, a + b\n    return a\n", 2)
    # Then the targets are not swapped a second time: the value swap is there once
    assert "b, a = b, a + b" not in found
    assert found["a, b = a + b, b"] == 2


def test_a_running_minimum_starts_at_infinity() -> None:
    # Given a running minimum and a running maximum started at 0
    text = """\
    def gaps(xs):
        best = 0
        top = 0
        for x in xs:
            best = min(best, x)
            top = max(x, top)
        return best, top
    """
    # When the templates edit the starting values
    low, high = tiers(text, 2), tiers(text, 3)
    # Then the minimum starts at +infinity and the maximum at -infinity (tier 1)
    assert low['best = float("inf")'] == 1
    assert high['top = float("-inf")'] == 1
    assert 'best = float("-inf")' not in low


def test_a_minimum_replaced_under_a_comparison_starts_at_infinity() -> None:
    # Given a closest distance started at 0 and replaced by anything smaller
    text = """\
    def closest(ds):
        near = 0
        for d in ds:
            if d < near:
                near = d
        return near
    """
    # Then it may start at +infinity instead
    assert tiers(text, 2)['near = float("inf")'] == 1


def test_a_value_never_folded_into_min_or_max_keeps_its_start() -> None:
    # Given a counter started at 0 and only added to
    found = tiers(
        "def f(xs):\n    total = 0\n    for x in xs:\n        total = total + min(x, 3)\n    return total\n", 2
    )
    # Then no infinite start is proposed
    assert not any("inf" in line for line in found)


def test_candidates_run_the_failing_tests_that_did_not_hang_first() -> None:
    # Given a probe where the first failing test (by name) hung and two others failed fast, one slower
    spectrum = Spectrum(
        outcomes={"t.py::a_hangs": "failed", "t.py::b_slow": "failed", "t.py::c_fast": "failed", "t.py::d": "passed"},
        lines=None,
        durations={"t.py::a_hangs": 10.0, "t.py::b_slow": 0.5, "t.py::c_fast": 0.01, "t.py::d": 0.01},
        timeouts=frozenset({"t.py::a_hangs"}),
    )
    # Then a candidate runs them quickest first (``-x`` stops a wrong one before it reaches the hang)
    assert spectrum.failing_fast_first == ["t.py::c_fast", "t.py::b_slow", "t.py::a_hangs"]


def test_a_boolean_function_may_return_whether_a_count_came_back_to_zero() -> None:
    # Given a bracket check that returns True whatever depth it ends at
    text = """\
    def balanced(text):
        depth = 0
        for ch in text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if depth < 0:
                return False
        return True
    """
    # When the templates edit the last return
    found = tiers(text, 10)
    # Then ``depth == 0`` is among the returned values (tier 3), and no comparison of a non-count (``ch``)
    assert found["return depth == 0"] == 3
    assert "return ch == 0" not in found


def test_a_pair_the_function_packs_itself_is_swapped_where_it_is_packed() -> None:
    # Given a queue entry pushed as ``(dist, node)`` and unpacked as ``node, dist``
    text = "def f(queue):\n    node, dist = queue.pop()\n    queue.append((dist, node))\n    return node\n"
    # Then the unpacking is left alone (the push is where a swap belongs), and the push is swapped
    assert "dist, node = queue.pop()" not in tiers(text, 2)
    assert tiers(text, 3)["queue.append((node, dist))"] == 2
