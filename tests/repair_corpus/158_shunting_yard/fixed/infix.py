"""Infix to reverse Polish notation (Dijkstra's shunting-yard), left-associative + - * /."""

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def to_rpn(tokens: list[str]) -> list[str]:
    """The tokens of an infix expression (numbers, operators, brackets) in postfix order."""
    out: list[str] = []
    ops: list[str] = []
    for tok in tokens:
        if tok in PRECEDENCE:
            while ops and ops[-1] != "(" and PRECEDENCE[ops[-1]] >= PRECEDENCE[tok]:
                out.append(ops.pop())
            ops.append(tok)
        elif tok == "(":
            ops.append(tok)
        elif tok == ")":
            while ops[-1] != "(":
                out.append(ops.pop())
            ops.pop()
        else:
            out.append(tok)
    while ops:
        out.append(ops.pop())
    return out
