from ranges import compress


def test_runs():
    assert compress([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8"


def test_empty():
    assert compress([]) == ""
