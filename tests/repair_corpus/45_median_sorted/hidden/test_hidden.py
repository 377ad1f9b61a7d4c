from median import median


def test_hidden_median():
    assert median([9, 7, 8]) == 8
    assert median([5]) == 5
    assert median([10, 0]) == 5
