from peasant import multiply


def test_hidden_table():
    for a in range(0, 30):
        for b in range(0, 30):
            assert multiply(a, b) == a * b, (a, b)
