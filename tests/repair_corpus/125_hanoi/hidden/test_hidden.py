from hanoi import hanoi


def _plays(n, moves):
    pegs = {"A": list(range(n, 0, -1)), "B": [], "C": []}
    for a, b in moves:
        disc = pegs[a].pop()
        assert not pegs[b] or pegs[b][-1] > disc
        pegs[b].append(disc)
    return pegs["C"] == list(range(n, 0, -1))


def test_hidden_hanoi():
    for n in range(1, 7):
        moves = hanoi(n)
        assert len(moves) == 2**n - 1
        assert _plays(n, moves)
