from linked_list import from_list, reverse, to_list


def test_round_trip():
    assert to_list(from_list([1, 2])) == [1, 2]


def test_empty():
    assert reverse(None) is None


def test_three():
    assert to_list(reverse(from_list([1, 2, 3]))) == [3, 2, 1]
