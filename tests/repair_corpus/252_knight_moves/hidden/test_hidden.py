from knight import knight_moves


def test_hidden_boards():
    for size in range(1, 9):
        for r in range(size):
            for c in range(size):
                want = sum(
                    0 <= r + dr < size and 0 <= c + dc < size
                    for dr, dc in [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
                )
                assert knight_moves(size, r, c) == want, (size, r, c)
