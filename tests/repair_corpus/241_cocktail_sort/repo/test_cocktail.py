from cocktail import cocktail_sort


def test_empty():
    assert cocktail_sort([]) == []


def test_two():
    assert cocktail_sort([2, 1]) == [1, 2]


def test_reversed():
    assert cocktail_sort([4, 3, 2, 1]) == [1, 2, 3, 4]


def test_mixed():
    assert cocktail_sort([3, 1, 4, 1, 5, 9, 2, 6]) == [1, 1, 2, 3, 4, 5, 6, 9]
