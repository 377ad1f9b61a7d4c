from gaps import gaps, longest_gap


def test_gaps():
    assert gaps([0, 5, 7]) == [5, 2]


def test_longest():
    assert longest_gap([10, 11, 30, 31]) == 19


def test_single():
    assert longest_gap([4]) == 0
