from leaderboard import fastest_first


def test_hidden_order():
    assert fastest_first({"a": 3.0, "b": 1.0, "c": 2.0}) == ["b", "c", "a"]
    assert fastest_first({}) == []
