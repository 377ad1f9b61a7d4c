from luhn import luhn_valid


def check_digit(body):
    for d in range(10):
        total = 0
        for pos, ch in enumerate(reversed(body + str(d))):
            v = int(ch) * (2 if pos % 2 else 1)
            total += v // 10 + v % 10
        if total % 10 == 0:
            return d
    raise AssertionError


def test_hidden_range():
    for body in range(0, 2000, 7):
        good = str(body) + str(check_digit(str(body)))
        assert luhn_valid(good), good
        bad = good[:-1] + str((int(good[-1]) + 1) % 10)
        assert not luhn_valid(bad), bad
