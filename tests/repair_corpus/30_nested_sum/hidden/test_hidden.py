from nested import deep_sum


def test_hidden_sums():
    assert deep_sum([]) == 0
    assert deep_sum([[], [[]], 5]) == 5
