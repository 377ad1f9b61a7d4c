from products import matmul


def test_hidden_shapes():
    assert matmul([[1, 2, 3]], [[1], [2], [3]]) == [[14]]
    assert matmul([[2], [3]], [[4, 5]]) == [[8, 10], [12, 15]]
