from gnome import gnome_sort


def test_empty():
    assert gnome_sort([]) == []


def test_distinct():
    assert gnome_sort([3, 1, 2]) == [1, 2, 3]


def test_duplicates():
    assert gnome_sort([2, 1, 2, 1]) == [1, 1, 2, 2]


def test_sorted_with_repeats():
    assert gnome_sort([5, 5, 6]) == [5, 5, 6]
