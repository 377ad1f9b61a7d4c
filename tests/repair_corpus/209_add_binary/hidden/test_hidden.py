from binary_add import add_binary


def test_hidden_range():
    for x in range(0, 40):
        for y in range(0, 40):
            assert add_binary(bin(x)[2:], bin(y)[2:]) == bin(x + y)[2:], (x, y)
