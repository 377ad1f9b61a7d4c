from merge_two import merge


def test_empty():
    assert merge([], []) == []


def test_first_longer():
    assert merge([1, 4, 9], [2]) == [1, 2, 4, 9]


def test_second_longer():
    assert merge([3], [1, 5, 7]) == [1, 3, 5, 7]


def test_second_only():
    assert merge([], [2, 3]) == [2, 3]
