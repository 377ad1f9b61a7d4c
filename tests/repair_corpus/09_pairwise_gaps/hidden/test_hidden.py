from gaps import gaps, longest_gap


def test_hidden_gaps():
    assert gaps([]) == []
    assert gaps([1, 2, 4, 8]) == [1, 2, 4]
    assert longest_gap([]) == 0
