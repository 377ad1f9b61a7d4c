from knapsack import best_value


def test_nothing_fits():
    assert best_value([(5, 10)], 4) == 0


def test_one_item():
    assert best_value([(3, 7)], 3) == 7


def test_each_item_once():
    assert best_value([(2, 3)], 4) == 3


def test_pick_best_pair():
    assert best_value([(1, 1), (3, 4), (4, 5), (5, 7)], 7) == 9
