from columns import column_title


def _number(title):
    n = 0
    for ch in title:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def test_hidden_round_trip():
    for n in range(1, 2000):
        title = column_title(n)
        assert title.isalpha() and title.isupper(), n
        assert _number(title) == n, n
