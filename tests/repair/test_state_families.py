"""Edit families for textbook algorithm bugs: lost assignments, missing terms and steps, state updates,
queue ends, swapped pairs, off-by-one in repeat counts and search bounds, boolean and nested returns."""

from __future__ import annotations

import textwrap

from repair.edits_kit import new_lines, outcomes

from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at


def test_a_value_computed_and_dropped_is_stored_back() -> None:
    text = """\
        def count_ones(n):
            count = 0
            while n:
                count += n & 1
                n >> 1
                count == 0
            return count
        """
    assert new_lines(text, 5, "lost-assignment") == {"n >>= 1"}
    assert new_lines(text, 6, "lost-assignment") == {"count = 0"}
    assert new_lines(text, 4, "lost-assignment") == set()


def test_a_range_gets_the_step_its_start_is_built_from() -> None:
    text = """\
        def sieve(n, flags):
            for p in range(2, n):
                for k in range(p * p, n + 1):
                    flags[k] = False
        """
    assert {"for k in range(p * p, n + 1, p):", "for k in range(p * p, n + 1, -1):"} <= new_lines(
        text, 3, "call-argument"
    )


def test_a_missing_term_comes_from_the_locals_the_expression_reads_first() -> None:
    text = """\
        def best_run(xs):
            best = here = xs[0]
            for x in xs[1:]:
                here = here + x
                best = max(best, here)
            return best


        def subsets(items):
            if not items:
                return [[]]
            first, rest = items[0], subsets(items[1:])
            return [[first] + s for s in rest]


        def kth(xs, k):
            upto = len(xs)
            return kth(xs[upto:], k)
        """
    assert {"here = max(x, here + x)", "here = max(0, here + x)"} <= new_lines(text, 4, "missing-term")
    assert "return rest + [[first] + s for s in rest]" in new_lines(text, 13, "missing-term")
    assert "return kth(xs[upto:], k - upto)" in new_lines(text, 18, "missing-term")
    assert all(
        edit.tier == 4
        for edit in edits_at(Site(SourceFile("m.py", textwrap.dedent(text)), 4))
        if edit.template == "missing-term"
    )


def test_a_collection_tested_for_membership_but_never_filled_gets_the_element() -> None:
    text = """\
        def reachable(graph, start, goal):
            visited = set()

            def visit(node):
                if node in visited:
                    return False
                return node == goal or any(visit(n) for n in graph[node])

            return visit(start)
        """
    found = outcomes(text, 7, "membership-update")
    assert any("        visited.add(node)\n        return node == goal" in t for t in found)
    filled = text.replace("return False\n", "return False\n                visited.add(node)\n", 1)
    assert outcomes(filled, 8, "membership-update") == set()


def test_a_loop_variable_read_but_never_updated_gets_a_value_from_the_loop() -> None:
    text = """\
        def reverse(head):
            prev = None
            node = head
            while node is not None:
                following = node.next
                node.next = prev
                node = following
            return prev
        """
    found = outcomes(text, 7, "loop-update")
    assert any("        node.next = prev\n        prev = node\n        node = following\n" in t for t in found)
    assert not any("next = " in t.split("node.next = prev")[1].split("node = following")[0] for t in found)


def test_queue_ends_tuple_items_and_boolean_returns() -> None:
    text = """\
        def hops(queue, seen: set) -> bool:
            node, dist = queue.pop()
            queue.append((dist, node))
            return True
        """
    assert "node, dist = queue.popleft()" in new_lines(text, 2, "wrong-function")
    assert "dist, node = queue.pop()" not in new_lines(text, 2, "swapped-arguments")
    assert "queue.append((node, dist))" in new_lines(text, 3, "swapped-arguments")
    assert {"return not queue", "return not seen"} <= new_lines(text, 4, "return-value")


def test_an_empty_result_becomes_the_one_empty_combination() -> None:
    text = """\
        def permutations(items):
            if not items:
                return []
            return [[x] + p for i, x in enumerate(items) for p in permutations(items[:i] + items[i + 1:])]
        """
    assert {"return [[]]", "return [items]"} <= new_lines(text, 3, "return-value")


def test_off_by_one_in_repeat_counts_search_bounds_and_passed_subscripts() -> None:
    text = """\
        def f(xs, target, r, best, i, j):
            row = [1] * r
            lo, hi = 0, len(xs)
            while lo < hi:
                mid = (lo + hi) // 2
                if xs[mid] < target:
                    lo = mid
                else:
                    hi = mid
            best[i] = max(best[i], best[j])
            return lo
        """
    assert "row = [1] * (r + 1)" in new_lines(text, 2, "boundary")
    assert "lo = mid + 1" in new_lines(text, 7, "boundary")
    assert "mid = (lo + hi) // 2 + 1" not in new_lines(text, 5, "boundary")
    assert "best[i] = max(best[i], best[j] + 1)" in new_lines(text, 10, "boundary")


def test_a_flush_after_the_loop_is_guarded_when_what_it_passes_starts_empty() -> None:
    text = """\
        def wrap(words, width):
            lines = []
            line = ""
            for word in words:
                if len(line) + len(word) > width:
                    lines.append(line)
                    line = ""
                line += word
            return lines


        def groups(words):
            out = []
            for word in words:
                out.append(word.upper())
            return out
        """
    found = outcomes(text, 6, "duplicate-statement")
    assert any("        line += word\n    if line:\n        lines.append(line)\n    return lines" in t for t in found)
    assert not any("        line += word\n    lines.append(line)\n" in t for t in found)
    assert any(
        "        out.append(word.upper())\n    out.append(word.upper())\n" in t
        for t in outcomes(text, 15, "duplicate-statement")
    )


def test_a_boolean_function_returns_a_local_s_flag() -> None:
    # Given a boolean function that answers True where it should answer a flag the file keeps on its objects
    text = """\
        class Job:
            def __init__(self, name):
                self.name = name
                self.done = False

        def finished(jobs, name) -> bool:
            job = jobs.get(name)
            if job is None:
                return False
            return True
        """
    found = new_lines(text, 10, "return-value")
    # Then the flag of the local is among the returned values; fields never set to a boolean are not
    assert "return job.done" in found
    assert "return job.name" not in found


def test_an_if_that_updates_what_it_tests_becomes_a_loop() -> None:
    # Given a greedy step written as an `if` (it takes a coin once) whose body changes what it tests,
    # and an `if` whose body does not
    text = """\
        def change(amount, coins):
            used = []
            for coin in coins:
                if amount >= coin:
                    used.append(coin)
                    amount -= coin
                if coin < 0:
                    used.append(0)
            return used
        """
    # Then the first may become `while` (the rest of the file unchanged), the second may not
    assert "while amount >= coin:" in new_lines(text, 4, "if-to-while")
    loops = outcomes(text, 4, "if-to-while")
    assert any("    while amount >= coin:\n            used.append(coin)\n" in t for t in loops)
    assert not new_lines(text, 7, "if-to-while")
