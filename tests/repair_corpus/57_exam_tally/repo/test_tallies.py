from tallies import tally


def test_mixed():
    assert tally([50, 80, 20]) == {"pass": 2, "fail": 1}


def test_custom_mark():
    assert tally([60, 59], pass_mark=60) == {"pass": 1, "fail": 1}
