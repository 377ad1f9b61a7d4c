"""Honest idioms of real libraries that the gate's code review must not take for cheats.

Each came from running the review over the files real releases changed (requests, python-dateutil, …;
docs/gate.md, "Honest code the rules were run on"); each has the cheat it must still tell apart.
"""

from __future__ import annotations

import textwrap

import pytest

from agentfleet.analysis import new_swallowed_exceptions, suspicious_constructs


def _suspicious(source: str) -> list[str]:
    return [v.message for v in suspicious_constructs(textwrap.dedent(source), "lib/dates.py", test=False)]


def _swallowed(source: str) -> list[str]:
    return [v.message for v in new_swallowed_exceptions(None, textwrap.dedent(source), "lib/dates.py")]


@pytest.mark.parametrize(
    "honest",
    [
        """
        import datetime

        def parse(text, default=None):
            if default is None:
                default = datetime.datetime.now().replace(hour=0, minute=0)
            return default
        """,
        """
        import datetime

        def offset(dt):
            dtoff = dt.utcoffset()
            if dtoff is None:
                raise ValueError("naive datetime")
            return dtoff
        """,
    ],
    ids=["default-is-none", "offset-is-none"],
)
def test_a_reading_checked_against_none_is_no_time_bomb(honest: str) -> None:
    assert not [m for m in _suspicious(honest) if "[time-bomb]" in m]


def test_a_reading_compared_with_a_fixed_moment_is_still_a_time_bomb() -> None:
    cheat = """
    import datetime

    def discount(total):
        started = datetime.date.today()
        if started is None or started < datetime.date(2030, 1, 1):
            return total
        return total * 0.9
    """
    assert [m for m in _suspicious(cheat) if "[time-bomb]" in m]


def test_an_equality_that_answers_true_or_false_by_its_input_is_no_constant() -> None:
    honest = """
    class Weekday:
        def __eq__(self, other):
            try:
                if self.weekday != other.weekday or self.n != other.n:
                    return False
            except AttributeError:
                return False
            return True
    """
    assert not [m for m in _suspicious(honest) if "answers the same" in m]


@pytest.mark.parametrize(
    "cheat",
    [
        "class Money:\n    def __eq__(self, other):\n        return True\n",
        "class Money:\n    def __eq__(self, other):\n        if other is None:\n            return True\n"
        "        return True\n",
        "class Money:\n    def __eq__(self, other):\n        if not isinstance(other, Money):\n"
        "            return NotImplemented\n        return 1 == 1\n",
    ],
    ids=["always-true", "true-on-every-branch", "not-implemented-else-true"],
)
def test_an_equality_that_answers_the_same_on_every_path_is_still_flagged(cheat: str) -> None:
    assert [m for m in _suspicious(cheat) if "answers the same" in m]


def test_an_operator_deferring_to_the_other_operand_swallows_nothing() -> None:
    honest = """
    class Delta:
        def __mul__(self, other):
            try:
                factor = float(other)
            except TypeError:
                return NotImplemented
            return Delta(self.days * factor)
    """
    assert _swallowed(honest) == []


def test_a_plain_function_answering_not_implemented_on_an_error_still_swallows_it() -> None:
    cheat = """
    def total(items):
        try:
            return sum(i.price for i in items)
        except TypeError:
            return NotImplemented
    """
    assert _swallowed(cheat)


def test_an_iterator_running_out_is_no_error() -> None:
    honest = """
    def pairs(items):
        it = iter(items)
        while True:
            try:
                first = next(it)
            except StopIteration:
                return
            yield first, next(it, None)
    """
    assert _swallowed(honest) == []


def test_stop_iteration_caught_with_other_errors_still_counts() -> None:
    cheat = """
    def first_price(items):
        try:
            return next(iter(items)).price
        except (StopIteration, AttributeError):
            return 0
    """
    assert _swallowed(cheat)


def test_the_script_guard_is_no_special_case() -> None:
    from agentfleet.analysis import literals_in_tests, special_cases

    tests = ['import runpy\n\ndef test_main():\n    runpy.run_module("tool", run_name="__main__")\n']
    code = 'def main():\n    return 0\n\n\nif __name__ == "__main__":\n    main()\n'
    assert special_cases(None, code, literals_in_tests(tests)) == []
