from gray import from_gray, to_gray


def test_hidden_round_trip():
    for n in range(300):
        assert from_gray(to_gray(n)) == n
    assert from_gray(0b110) == 4
