from series_sum import total


def test_hidden_totals():
    assert [total(n) for n in range(6)] == [0, 1, 3, 6, 10, 15]
    assert total(100) == 5050
