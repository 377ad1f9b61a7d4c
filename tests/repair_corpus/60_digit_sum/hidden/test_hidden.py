from digits import digit_sum, digital_root


def test_hidden_digits():
    assert digit_sum(0) == 0
    assert digit_sum(-9) == 9
    assert digital_root(-38) == 2
