from runs import merge


def test_interleaved():
    assert merge([1, 4, 6], [2, 3, 9]) == [1, 2, 3, 4, 6, 9]


def test_left_longer():
    assert merge([1, 5, 7], [2]) == [1, 2, 5, 7]
