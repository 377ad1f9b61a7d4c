from partitions import partitions


def test_zero():
    assert partitions(0, 3) == 1


def test_no_parts():
    assert partitions(3, 0) == 0


def test_four():
    assert partitions(4, 4) == 5


def test_ones_only():
    assert partitions(5, 1) == 1
