from quicksort import quicksort


def test_empty():
    assert quicksort([]) == []


def test_distinct():
    assert quicksort([3, 1, 2]) == [1, 2, 3]


def test_duplicates():
    assert quicksort([2, 1, 2, 1]) == [1, 1, 2, 2]
