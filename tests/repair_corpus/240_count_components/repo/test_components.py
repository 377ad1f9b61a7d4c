from components import count_components


def test_empty():
    assert count_components({}) == 0


def test_isolated():
    assert count_components({1: [], 2: []}) == 2


def test_pair():
    assert count_components({1: [2], 2: [1], 3: []}) == 2


def test_triangle():
    assert count_components({1: [2, 3], 2: [1, 3], 3: [1, 2]}) == 1
