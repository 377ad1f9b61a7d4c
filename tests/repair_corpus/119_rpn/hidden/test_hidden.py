from rpn import evaluate


def test_hidden_rpn():
    assert evaluate(["8", "2", "/"]) == 4.0
    assert evaluate(["3", "4", "2", "*", "-"]) == -5.0
    assert evaluate(["5", "1", "2", "+", "4", "*", "+", "3", "-"]) == 14.0
