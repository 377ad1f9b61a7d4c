from invoice import last_line, line_at, total

LINES = [("setup", 100.0), ("hosting", 20.0)]


def test_line_at():
    assert line_at(LINES, 0) == ("setup", 100.0)


def test_last():
    assert last_line(LINES) == "hosting"


def test_total():
    assert total(LINES) == 120.0
