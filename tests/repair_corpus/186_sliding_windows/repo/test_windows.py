from windows import windows


def test_exact():
    assert list(windows([1, 2, 3], 3)) == [(1, 2, 3)]


def test_too_short():
    assert list(windows([1], 2)) == []


def test_pairs():
    assert list(windows([1, 2, 3, 4], 2)) == [(1, 2), (2, 3), (3, 4)]
