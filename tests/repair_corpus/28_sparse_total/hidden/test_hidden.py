from meter import total


def test_hidden_totals():
    assert total([None, None]) == 0.0
    assert total([]) == 0.0
    assert total([0.0, -1.0, None, 2.0]) == 1.0
