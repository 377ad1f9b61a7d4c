from calendar_utils import is_leap


def test_hidden_centuries():
    assert is_leap(2000)
    assert is_leap(1600)
    assert not is_leap(2100)
    assert is_leap(1996)
