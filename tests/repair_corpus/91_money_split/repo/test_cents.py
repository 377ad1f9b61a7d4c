from cents import Money


def test_even_split():
    assert Money(900).split(3) == [Money(300)] * 3


def test_uneven_split():
    assert Money(1000).split(3) == [Money(334), Money(333), Money(333)]
