from chain import matrix_chain_cost


def test_one_matrix():
    assert matrix_chain_cost([10, 20]) == 0


def test_two():
    assert matrix_chain_cost([10, 20, 30]) == 6000


def test_three():
    assert matrix_chain_cost([10, 30, 5, 60]) == 4500


def test_four():
    assert matrix_chain_cost([40, 20, 30, 10, 30]) == 26000
