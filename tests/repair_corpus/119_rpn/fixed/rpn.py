"""Reverse Polish notation."""

import operator

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def evaluate(tokens: list[str]) -> float:
    """The value of an expression in reverse Polish notation."""
    stack: list[float] = []
    for token in tokens:
        if token in OPS:
            right = stack.pop()
            left = stack.pop()
            stack.append(OPS[token](left, right))
        else:
            stack.append(float(token))
    return stack.pop()
