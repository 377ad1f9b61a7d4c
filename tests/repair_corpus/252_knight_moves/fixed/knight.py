"""Knight moves on a chessboard."""

JUMPS = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]


def knight_moves(size: int, row: int, col: int) -> int:
    """How many squares a knight at (row, col) on a size x size board can jump to."""
    count = 0
    for dr, dc in JUMPS:
        r, c = row + dr, col + dc
        if 0 <= r < size and 0 <= c < size:
            count += 1
    return count
