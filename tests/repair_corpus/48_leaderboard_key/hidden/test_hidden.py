from ranking import Player, leaderboard


def test_hidden_leaderboard_orders_by_score():
    players = [Player("amy", 1), Player("zed", 3), Player("bob", 2)]
    assert leaderboard(players) == ["1. zed (3)", "2. bob (2)", "3. amy (1)"]
    assert leaderboard([]) == []
