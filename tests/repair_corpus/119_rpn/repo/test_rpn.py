from rpn import evaluate


def test_number():
    assert evaluate(["4"]) == 4.0


def test_sum():
    assert evaluate(["2", "3", "+"]) == 5.0


def test_difference():
    assert evaluate(["10", "4", "-"]) == 6.0
