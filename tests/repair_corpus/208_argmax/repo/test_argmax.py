from argmax import argmax


def test_single():
    assert argmax([7]) == 0


def test_middle():
    assert argmax([3, 9, 4]) == 1


def test_tie():
    assert argmax([5, 1, 5]) == 0
