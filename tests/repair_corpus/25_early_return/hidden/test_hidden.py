from checks import all_positive


def test_hidden_positive():
    assert all_positive([])
    assert not all_positive([5, 6, 0])
    assert not all_positive([-1])
