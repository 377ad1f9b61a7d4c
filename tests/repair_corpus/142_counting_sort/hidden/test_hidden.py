from counting import counting_sort


def test_hidden_zeros_and_repeats():
    assert counting_sort([0]) == [0]
    assert counting_sort([5, 0, 5, 2]) == [0, 2, 5, 5]
    assert counting_sort([1, 0, 1]) == [0, 1, 1]
