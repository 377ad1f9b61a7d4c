from catalan import catalan


def test_three():
    assert catalan(3) == 5


def test_five():
    assert catalan(5) == 42
