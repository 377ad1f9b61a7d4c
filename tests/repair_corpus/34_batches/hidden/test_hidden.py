from batching import batches


def test_hidden_batches():
    assert batches([], 3) == []
    assert batches([1, 2, 3], 1) == [[1], [2], [3]]
    assert batches(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
