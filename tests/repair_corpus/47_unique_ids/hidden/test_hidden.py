from dedupe import unique_ids


def test_hidden_ids():
    assert unique_ids([]) == []
    assert unique_ids([7, 7, 7]) == [7]
    assert unique_ids([1, 2, 1, 3, 2, 4]) == [1, 2, 3, 4]
