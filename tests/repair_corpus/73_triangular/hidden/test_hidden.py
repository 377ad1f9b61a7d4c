from figurate import triangular


def test_hidden_triangular():
    assert triangular(1) == [1]
    assert triangular(6)[-1] == 21
    assert len(triangular(10)) == 10
