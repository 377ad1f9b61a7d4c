from power import power


def test_hidden_power():
    for b in range(1, 6):
        for e in range(0, 12):
            assert power(b, e, 97) == pow(b, e, 97)
    assert power(7, 128, 13) == pow(7, 128, 13)
    assert power(10, 5, 1) == 0
