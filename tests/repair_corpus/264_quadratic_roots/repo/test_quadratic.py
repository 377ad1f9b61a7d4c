from quadratic import roots


def test_no_real_roots():
    assert roots(1, 0, 1) == []


def test_monic():
    assert roots(1, -3, 2) == [1.0, 2.0]


def test_leading_two():
    assert roots(2, -6, 4) == [1.0, 2.0]


def test_double_root():
    assert roots(4, 4, 1) == [-0.5]
