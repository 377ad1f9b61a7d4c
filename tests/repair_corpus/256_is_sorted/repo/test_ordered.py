from ordered import is_sorted


def test_empty():
    assert is_sorted([])


def test_sorted():
    assert is_sorted([1, 2, 2, 5])


def test_unsorted():
    assert not is_sorted([3, 1, 2])


def test_single():
    assert is_sorted([7])
