from counting import counting_sort


def test_empty():
    assert counting_sort([]) == []


def test_sorts():
    assert counting_sort([3, 1, 2, 1]) == [1, 1, 2, 3]
