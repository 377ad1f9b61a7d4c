"""Edits that no earlier family wrote: a call's missing default, a clamp to a bound in scope, a returned
count one off, and a condition comparing the sizes of two values in scope."""

from __future__ import annotations

import textwrap

from repair.edits_kit import new_lines, outcomes

from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at


def test_a_lookup_gets_the_default_its_place_needs() -> None:
    text = """\
        def tally(words, scores, obj, name, it):
            counts = {}
            for word in words:
                counts[word] = counts[word] + 1
            label = getattr(obj, name)
            first = next(it)
            for score in scores[name]:
                pass
            return counts, label, first
        """
    assert "counts[word] = counts.get(word, 0) + 1" in new_lines(text, 4, "call-default")
    assert "label = getattr(obj, name, None)" in new_lines(text, 5, "call-default")
    assert "first = next(it, None)" in new_lines(text, 6, "call-default")
    # scores is not known to be a mapping (no literal, annotation or .get/.items on it): left alone
    assert new_lines(text, 7, "call-default") == set()


def test_a_mapping_is_known_by_its_annotation_or_its_methods() -> None:
    text = """\
        def price(table: dict[str, float], other, key):
            for name in other.keys():
                pass
            return table[key] * 2, other[key]
        """
    found = new_lines(text, 4, "call-default")
    assert "return table.get(key, 0) * 2, other[key]" in found
    assert "return table[key] * 2, other.get(key)" in found
    # an assignment target is never rewritten into a call
    assert new_lines("def f(d: dict, k):\n    d[k] = 1\n", 2, "call-default") == set()


def test_an_index_or_value_is_clamped_to_a_bound_in_scope() -> None:
    text = """\
        def pick(ordered, rank, limit):
            at = rank * 2
            if at > limit:
                raise ValueError(at)
            return ordered[rank - 1], ordered[3]
        """
    found = new_lines(text, 5, "clamp")
    assert "return ordered[max(rank - 1, 0)], ordered[3]" in found
    assert "return ordered[min(rank - 1, len(ordered) - 1)], ordered[3]" in found
    # a literal index is never clamped
    assert not any("ordered[max(3" in line or "ordered[min(3" in line for line in found)
    # the bound the function compares the variable with
    assert "at = min(rank * 2, limit)" in new_lines(text, 2, "clamp")


def test_a_returned_count_is_one_off() -> None:
    text = """\
        def count_digits(n, name):
            divisions = 0
            while n >= 10:
                n //= 10
                divisions += 1
            return divisions


        def label(name):
            title = name.title()
            return title
        """
    assert new_lines(text, 6, "return-arithmetic") == {"return divisions + 1", "return divisions - 1"}
    # a local never computed with arithmetic is not a count
    assert new_lines(text, 11, "return-arithmetic") == set()


def test_a_condition_compares_the_sizes_of_two_values() -> None:
    text = """\
        def is_rotation(a: str, b: str) -> bool:
            return b in a + a
        """
    found = new_lines(text, 2, "condition-clause")
    assert "return len(a) == len(b) and b in a + a" in found


def test_compared_elements_shift_only_after_the_indices() -> None:
    text = """\
        def sift(h, i):
            left = 2 * i
            if h[left] < h[i]:
                return left
        """
    src = SourceFile("m.py", textwrap.dedent(text))
    tiers = {src.apply(e).splitlines()[2].strip(): e.tier for e in edits_at(Site(src, 3)) if e.template == "boundary"}
    # an element compared with another shifts only after the index edits
    assert tiers["if h[left] < h[i] - 1:"] == 2
    assert tiers["if h[left] < h[i + 1]:"] == 1


def test_a_sequence_passed_or_iterated_whole_gets_the_slice_its_function_takes() -> None:
    text = """\
        def common(a, b):
            if not a or not b:
                return ""
            if a[0] == b[0]:
                return a[0] + common(a[1:], b)
            return max(common(a, b[1:]), common(a[1:], b), key=len)


        def rest(arr, k):
            head = sorted(arr[:k])
            for x in arr:
                head.append(x)
            return head
        """
    # The sibling argument's slice (a[1:]) goes to the argument passed whole
    assert "return a[0] + common(a[1:], b[1:])" in new_lines(text, 5, "slice-index")
    # The other side of the slice the function takes of the list it iterates
    assert "for x in arr[k:]:" in new_lines(text, 11, "slice-index")
    # A name the line only compares or indexes is left whole
    assert not any("[1:][" in line for line in new_lines(text, 4, "slice-index"))


def test_an_endless_loop_over_a_worklist_ends_when_the_worklist_is_empty() -> None:
    text = """\
        import heapq


        def reachable(start, goal):
            queue = [start]
            while True:
                node = queue.pop()
                if node is goal:
                    return True
                queue.extend(node.successors)
            return False


        def cheapest(heap):
            while True:
                cost, node = heapq.heappop(heap)
            return cost


        def spin(n):
            while True:
                n = n.next
            return n
        """
    assert "while queue:" in new_lines(text, 6, "condition-clause")
    assert "while heap:" in new_lines(text, 15, "condition-clause")
    # A loop that takes nothing off a container gets no worklist
    assert not any(line.startswith("while n") for line in new_lines(text, 21, "condition-clause"))


def test_a_while_loop_whose_counter_never_moves_gets_its_step() -> None:
    text = """\
        def first_gap(xs, n):
            i = 0
            while i < n:
                if xs[i] != i:
                    return i
            return n


        def countdown(k, out):
            while 0 < k:
                out.append(k)
                break
            return out


        def drain(stack, i):
            while i < len(stack):
                i = i + 2
            return i
        """
    stepped = textwrap.dedent(text).replace("return i\n", "return i\n        i += 1\n", 1)
    assert stepped in outcomes(text, 3, "loop-update")
    # The step goes before the statement that leaves the loop, in the direction that ends it
    assert "        k -= 1\n        break" in next(iter(outcomes(text, 10, "loop-update")))
    # A counter the body already moves gets none
    assert outcomes(text, 17, "loop-update") == set()
