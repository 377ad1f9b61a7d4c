from radix import DIGITS, parse


def _show(n, base):
    out = ""
    while True:
        n, r = divmod(n, base)
        out = DIGITS[r] + out
        if n == 0:
            return out


def test_hidden_round_trip():
    for base in range(2, 17):
        for n in [0, 1, 7, 10, 255, 1000, 65535]:
            assert parse(_show(n, base), base) == n
    assert parse("1011", 2) == 11
