"""Rankings for a game server."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Player:
    name: str
    score: int


def top_players(players: list[Player], n: int) -> list[str]:
    """Names of the ``n`` best players, best first; ties by name."""
    ranked = sorted(players, key=lambda p: (-p.score, p.name))
    return [p.name for p in ranked[:n]]


def leaderboard(players: list[Player]) -> list[str]:
    """Every player as "rank. name (score)", best first; ties by name."""
    ranked = sorted(players, key=lambda p: (-p.score, p.name))
    return [f"{i}. {p.name} ({p.score})" for i, p in enumerate(ranked, start=1)]
