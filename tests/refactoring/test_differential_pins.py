"""Which differential tests pin behaviour: a generator's type says nothing about what it yields."""

from __future__ import annotations

from agentfleet.flow.gate.checks.refactor_pins import pinning_tests

WRITTEN = """import pytest
from more import chunked, window, Pager


def test_chunked_1():
    result = chunked([1, 2, 3], 2)
    assert type(result).__name__ == 'generator'
    assert result.gi_running == False


def test_chunked_2():
    assert chunked([], 2) == []


def test_chunked_3():
    a0 = [1, 2, 3]
    result = chunked(a0, 2)
    assert type(result).__name__ == 'generator'
    assert a0 == [1, 2, 3]


def test_chunked_4():
    a0 = [1, 2, 3]
    assert list(chunked(a0, 2)) == [[1, 2], [3]]
    assert a0 == [1, 2, 3]


def test_window_1():
    with pytest.raises(ValueError):
        window([1], -1)


def test_window_2():
    assert window([1], 0) is None


def test_Pager_next_1():
    obj = Pager(3)
    result = obj.next()
    assert type(result).__name__ == 'Page'
    assert result.number == 1


def test_Pager_next_2():
    obj = Pager(3)
    result = obj.next()
    assert type(result).__name__ == 'map'
"""


def test_only_tests_that_assert_a_value_an_exception_or_state_pin_behaviour() -> None:
    # Given tests as the characterisation writer writes them, three of which check only a result's type (and a
    # generator's own attributes, the same for any generator, or what the call left in its list argument)
    pinned = pinning_tests(WRITTEN)
    # Then those three do not count as evidence of what the function does
    assert pinned == {"test_chunked_2", "test_chunked_4", "test_window_1", "test_window_2", "test_Pager_next_1"}


def test_source_that_does_not_parse_pins_nothing() -> None:
    assert pinning_tests("def test_x(:\n") == set()
