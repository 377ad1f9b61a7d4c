import pytest

from timer import Stopwatch


def test_empty():
    assert Stopwatch().elapsed() == 0.0


def test_laps():
    watch = Stopwatch()
    watch.record(0.0, 1.5)
    watch.record(10.0, 12.0)
    assert watch.elapsed() == 3.5


def test_bad_lap():
    with pytest.raises(ValueError):
        Stopwatch().record(5, 1)
