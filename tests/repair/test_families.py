"""The wider edit families: each writes the edit its kind of bug needs, and pairs combine what mattered."""

from __future__ import annotations

import textwrap

from repair.edits_kit import new_lines, outcomes

from agentfleet.flow.fixers.repair.pairs import Pairs
from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at


def test_call_wrap_suggests_builtins_by_place_and_rebinds_a_parameter() -> None:
    text = """\
        def largest_move(prices: list[float]) -> float:
            if len(prices) < 2:
                return 0.0
            return max(b - a for a, b in zip(prices, prices[1:]))
        """
    assert "return max(abs(b - a) for a, b in zip(prices, prices[1:]))" in new_lines(text, 4, "call-wrap")
    rebound = "    if len(prices) < 2:\n        return 0.0\n    prices = sorted(prices)\n    return max("
    assert any(rebound in t for t in outcomes(text, 4, "call-wrap"))


def test_call_arguments_come_from_other_calls_or_are_dropped() -> None:
    text = """\
        def tip(total):
            return round(total * 0.1, 2)


        def share(total, people):
            return round(total / people)


        def head(text):
            return text.split(",", 1)[0]
        """
    assert "return round(total / people, 2)" in new_lines(text, 6, "call-argument")
    assert 'return text.split(",")[0]' in new_lines(text, 10, "call-argument")


def test_slice_and_index_edits() -> None:
    text = """\
        def rotate(items, k, path):
            parts = path.split("/")
            return items[k:] + items[k], parts[k]
        """
    found = new_lines(text, 3, "slice-index")
    assert "return items[k:] + items[:k], parts[k]" in found
    assert "return items[k:] + items[k], parts[-k]" in found
    assert "return items[k:] + items[k:], parts[k]" in found
    assert "return items[k:] + items[k], parts[k + 1:]" in found
    assert "return items[k::-1] + items[k], parts[k]" in found


def test_condition_clauses_guard_what_the_condition_dereferences() -> None:
    text = """\
        def balanced(text, pairs):
            stack = []
            for ch in text:
                if stack.pop() != pairs[ch]:
                    return False
            out = [3, 1]
            j = 1
            while out[j] > 2:
                j -= 1
            return not stack
        """
    assert "if not stack or stack.pop() != pairs[ch]:" in new_lines(text, 4, "condition-clause")
    assert "while j >= 0 and out[j] > 2:" in new_lines(text, 8, "condition-clause")


def test_ingredient_statements_mirror_twins_and_rename_one_unknown_name() -> None:
    text = """\
        def merge(a, b):
            out = []
            i = j = 0
            while i < len(a) and j < len(b):
                if a[i] <= b[j]:
                    out.append(a[i])
                    i += 1
                else:
                    out.append(b[j])
                    j += 1
            out.extend(a[i:])
            return out


        def unique_words(words):
            seen = set()
            for word in words:
                key = word.lower()
                seen.add(key)
            return seen


        def unique_ids(ids):
            seen = set()
            out = []
            for ident in ids:
                out.append(ident)
            return out
        """
    mirrored = "    out.extend(a[i:])\n    out.extend(b[j:])\n    return out\n"
    assert any(mirrored in t for t in outcomes(text, 11, "ingredient-statement"))
    renamed = "        seen.add(ident)\n        out.append(ident)\n"
    assert any(renamed in t for t in outcomes(text, 27, "ingredient-statement"))


def test_ingredient_expressions_reuse_a_sibling_expression() -> None:
    text = """\
        def top(players, n):
            return sorted(players, key=lambda p: (-p.score, p.name))[:n]


        def board(players):
            return sorted(players, key=lambda p: p.name)
        """
    assert "return sorted(players, key=lambda p: (-p.score, p.name))" in new_lines(text, 6, "ingredient-expression")


def test_return_values_another_local_a_sibling_or_a_literal_of_the_type() -> None:
    text = """\
        def running_max(readings: list[float]) -> list[float]:
            best = 0.0
            peaks = []
            if not readings:
                return []
            for value in readings:
                best = max(best, value)
                peaks.append(best)
            return best
        """
    found = new_lines(text, 9, "return-value")
    assert {"return peaks", "return []", "return readings"} <= found


def test_pairs_combine_edits_that_each_changed_a_failure_and_skip_the_rest() -> None:
    # Given three tier-1 single edits at two lines, whose runs changed, changed, and did not change the failure
    src = SourceFile("t.py", "def f(x):\n    a = x + 1\n    return a * 2\n")
    plus, times = (Site(src, n).of_type(__import__("libcst").BinaryOperation)[0] for n in (2, 3))
    edits = [
        Edit(plus.operator, plus.operator.__class__(), "a", 1),  # an edit that changes nothing visible
        Edit(plus.right, plus.right.with_changes(value="2"), "constant", 1),
        Edit(times.right, times.right.with_changes(value="3"), "constant", 1),
    ]
    pairs = Pairs(limit=10)
    for i, edit in enumerate(edits, start=1):
        pairs.offer(i, src, edit, rank=0, line=2 if i < 3 else 3)
    pairs.record(1, changed=False)
    pairs.record(2, changed=True)
    pairs.record(3, changed=True)
    # When pairs are taken, Then only the two edits that mattered are tried, together, once
    pair = pairs.take()
    assert pair is not None
    assert src.apply_all(pair.edits) == "def f(x):\n    a = x + 2\n    return a * 3\n"
    assert pair.template == "two-edits (constant + constant)"
    assert pairs.take() is None


def test_a_range_gets_a_start_and_an_assignment_in_a_loop_accumulates() -> None:
    text = """\
        def total(xs):
            t = 0
            for i in range(len(xs)):
                t = xs[i]
            return t
        """
    assert "for i in range(1, len(xs)):" in new_lines(text, 3, "boundary")
    assert "t += xs[i]" in new_lines(text, 4, "arithmetic-operator")
    assert "t += 0" not in new_lines(text, 2, "arithmetic-operator")


def test_a_one_sided_slice_drops_from_the_other_end_and_odd_reversals_wait() -> None:
    # Given a prefix cut from the wrong end, and a two-pointer sum that reads the low item twice
    text = """\
        def shorten(prefix, items, lo):
            prefix = prefix[1:]
            return prefix, items[lo] + items[lo]
        """
    src = SourceFile("m.py", textwrap.dedent(text))
    # When slice-index writes its edits
    tiers = {src.apply(e).splitlines()[n - 1].strip(): e.tier for n in (2, 3) for e in _family(src, n, "slice-index")}
    # Then dropping one item from the back is a tier-2 edit like the others
    assert tiers["prefix = prefix[:-1]"] == 2
    # And a reversed prefix (x[k::-1]) and a negated plain index (x[-i]) come after wrong-variable's tier 2
    assert tiers["prefix = prefix[1::-1]"] == 3
    assert tiers["return prefix, items[-lo] + items[lo]"] == 3


def test_a_bit_or_digit_loop_drops_the_digit_it_reads() -> None:
    text = """\
        def reverse_bits(n, width):
            out = 0
            for _ in range(width):
                out = (out << 1) | (n & 1)
            return out


        def is_prime(n):
            for p in range(2, n):
                if n % p == 0:
                    return False
            return True
        """
    assert any("        n >>= 1\n    return out" in t for t in outcomes(text, 4, "loop-update"))
    # a divisibility test is not a digit read
    assert not any("n //= p" in t for t in outcomes(text, 10, "loop-update"))


def test_a_condition_may_square_a_variable_it_compares() -> None:
    text = """\
        def sqrt(x, epsilon):
            approx = x / 2
            while abs(x - approx) > epsilon:
                approx = 0.5 * (approx + x / approx)
            return approx
        """
    assert "while abs(x - approx * approx) > epsilon:" in new_lines(text, 3, "missing-term")
    # a parameter, or a variable no loop moves, is not squared
    assert "while abs(x * x - approx) > epsilon:" not in new_lines(text, 3, "missing-term")
    guard = "def root(x, guess):\n    approx = guess\n    if approx > x:\n        return x\n    return approx\n"
    assert not new_lines(guard, 3, "missing-term") & {"if approx * approx > x:"}


def _family(src: SourceFile, line: int, family: str) -> list[Edit]:
    return [e for e in edits_at(Site(src, line)) if e.template == family]


def test_a_constant_may_be_the_integer_parameter_it_stands_for() -> None:
    text = """\
        def parse(text, base):
            if not 2 <= base <= 16:
                raise ValueError(base)
            value = 0
            for ch in text:
                value = value * 10 + int(ch, 16)
            return value
        """
    found = new_lines(text, 6, "constant")
    assert "value = value * base + int(ch, 16)" in found
    # 0 and 1 stay literals, and a name that is not an integer parameter is never written
    assert "value = value * 10 + int(ch, base)" in found
    assert not any("text" in line for line in found)
