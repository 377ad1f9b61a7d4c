import bisect

from leftmost import leftmost


def test_hidden_leftmost():
    xs = [1, 1, 3, 3, 3, 5, 8, 8, 9]
    for target in range(11):
        assert leftmost(xs, target) == bisect.bisect_left(xs, target)
    assert leftmost([4], 4) == 0
