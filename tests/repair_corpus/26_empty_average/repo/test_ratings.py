from ratings import average, summary


def test_average():
    assert average([5, 4]) == 4.5


def test_summary():
    assert summary("mug", [3]) == "mug: 3.0 (1 ratings)"


def test_no_ratings():
    assert summary("new", []) == "new: 0.0 (0 ratings)"
