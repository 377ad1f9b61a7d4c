from leaderboard import fastest_first, podium

TIMES = {"ann": 12.5, "bob": 11.9, "cy": 13.0, "dee": 12.1}


def test_order():
    assert fastest_first(TIMES) == ["bob", "dee", "ann", "cy"]


def test_podium():
    assert podium(TIMES) == ["bob", "dee", "ann"]


def test_single():
    assert podium({"x": 1.0}) == ["x"]
