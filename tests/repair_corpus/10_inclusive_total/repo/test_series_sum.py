from series_sum import average_to, total


def test_small():
    assert total(3) == 6


def test_zero():
    assert total(0) == 0


def test_average():
    assert average_to(4) == 2.5
