from stats import mean


def test_hidden_means():
    assert mean([1, 1, 2]) == 4 / 3
    assert mean([-3, 2]) == -0.5
    assert mean([7]) == 7
