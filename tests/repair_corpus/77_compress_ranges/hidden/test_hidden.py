from ranges import compress


def test_hidden_ranges():
    assert compress([4]) == "4"
    assert compress([]) == ""
    assert compress([1, 3, 5]) == "1,3,5"
    assert compress([0, 1]) == "0-1"
