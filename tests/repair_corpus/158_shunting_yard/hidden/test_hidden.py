import operator

from infix import to_rpn

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def _eval(rpn):
    stack = []
    for tok in rpn:
        if tok in OPS:
            b, a = stack.pop(), stack.pop()
            stack.append(OPS[tok](a, b))
        else:
            stack.append(float(tok))
    return stack[0]


def test_hidden_values():
    for text in ["2 * 3 - 4 + 5", "64 / 4 / 2", "10 - 2 * 3 - 1", "( 9 - 1 ) / 2 / 2", "1 + 2 * 3 - 4 / 2"]:
        assert _eval(to_rpn(text.split())) == eval(text)
