from buckets import bucket_sort


def test_empty():
    assert bucket_sort([], 3) == []


def test_sorted_ones():
    assert bucket_sort([0, 1, 2], 3) == [0, 1, 2]


def test_unsorted_with_repeats():
    assert bucket_sort([3, 1, 3, 0], 5) == [0, 1, 3, 3]
