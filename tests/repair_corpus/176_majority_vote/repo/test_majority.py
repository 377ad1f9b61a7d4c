from majority import majority


def test_single():
    assert majority([4]) == 4


def test_clear_majority():
    assert majority([2, 7, 2, 2, 5]) == 2


def test_empty():
    assert majority([]) is None
