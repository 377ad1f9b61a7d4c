"""The n-queens puzzle."""


def count_queens(n: int) -> int:
    """How many ways ``n`` queens can sit on an ``n`` x ``n`` board, none attacking another."""
    cols: set[int] = set()
    diag: set[int] = set()
    anti: set[int] = set()

    def place(r: int) -> int:
        if r == n:
            return 1
        ways = 0
        for c in range(n):
            if c in cols or r - c in diag or r - c in anti:
                continue
            cols.add(c)
            diag.add(r - c)
            anti.add(r + c)
            ways += place(r + 1)
            cols.remove(c)
            diag.remove(r - c)
            anti.remove(r + c)
        return ways

    return place(0)
