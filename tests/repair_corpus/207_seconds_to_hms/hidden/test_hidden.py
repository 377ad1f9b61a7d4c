from hms_clock import hms


def test_hidden_range():
    for s in range(0, 40000, 7):
        h, rest = divmod(s, 3600)
        m, sec = divmod(rest, 60)
        assert hms(s) == f"{h}:{m:02d}:{sec:02d}", s
