from binomial import choose


def test_zero():
    assert choose(5, 0) == 1


def test_all():
    assert choose(3, 3) == 1


def test_middle():
    assert choose(5, 2) == 10
