from activities import max_activities


def test_none():
    assert max_activities([]) == 0


def test_disjoint():
    assert max_activities([(1, 2), (3, 4), (0, 1)]) == 3


def test_long_one_first():
    assert max_activities([(0, 10), (1, 2), (3, 4)]) == 2
