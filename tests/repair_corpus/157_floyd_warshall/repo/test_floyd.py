from floyd import INF, all_pairs


def test_no_edges():
    assert all_pairs(2, {}) == [[0, INF], [INF, 0]]


def test_one_way():
    dist = all_pairs(2, {(0, 1): 5})
    assert dist[0][1] == 5
    assert dist[1][0] == INF


def test_shortcut_through_middle():
    dist = all_pairs(3, {(0, 1): 1, (1, 2): 1, (0, 2): 5})
    assert dist[0][2] == 2
