from ranking import Player, leaderboard, top_players

PLAYERS = [Player("al", 5), Player("cy", 9), Player("bo", 5)]


def test_top_two():
    assert top_players(PLAYERS, 2) == ["cy", "al"]


def test_leaderboard():
    assert leaderboard(PLAYERS) == ["1. cy (9)", "2. al (5)", "3. bo (5)"]
