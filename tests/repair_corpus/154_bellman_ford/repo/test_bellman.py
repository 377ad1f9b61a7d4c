from bellman import INF, shortest


def test_single_node():
    assert shortest(1, [], 0) == [0]


def test_unreachable():
    assert shortest(2, [], 0) == [0, INF]


def test_chain():
    assert shortest(3, [(0, 1, 2), (1, 2, 3)], 0) == [0, 2, 5]
