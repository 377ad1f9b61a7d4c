from linked_list import from_list, reverse, to_list


def test_hidden_reverse():
    assert to_list(reverse(from_list([5]))) == [5]
    assert to_list(reverse(from_list(list(range(20))))) == list(range(19, -1, -1))
    head = from_list([1, 2])
    assert reverse(head).next is head
