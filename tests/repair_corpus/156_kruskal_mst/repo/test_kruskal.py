from kruskal import mst_weight


def test_single_edge():
    assert mst_weight(2, [(4, 0, 1)]) == 4


def test_path_already_light():
    assert mst_weight(3, [(1, 0, 1), (2, 1, 2), (5, 0, 2)]) == 3


def test_heavy_edge_first():
    assert mst_weight(3, [(9, 0, 2), (1, 0, 1), (2, 1, 2)]) == 3
