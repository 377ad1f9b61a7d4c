from ackermann import ackermann


def test_m_zero():
    assert ackermann(0, 4) == 5


def test_n_zero():
    assert ackermann(1, 0) == 2


def test_one_two():
    assert ackermann(1, 2) == 4


def test_two_three():
    assert ackermann(2, 3) == 9
