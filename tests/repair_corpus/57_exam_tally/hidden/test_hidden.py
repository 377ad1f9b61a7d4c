from tallies import tally


def test_hidden_tally():
    assert tally([]) == {"pass": 0, "fail": 0}
    assert tally([49, 51, 50, 10, 99]) == {"pass": 3, "fail": 2}
