from pair_sum import pair_with_sum


def test_found():
    assert pair_with_sum([1, 2, 4, 7], 9) == (1, 3)


def test_missing():
    assert pair_with_sum([1, 2, 4], 10) is None


def test_empty():
    assert pair_with_sum([], 3) is None
