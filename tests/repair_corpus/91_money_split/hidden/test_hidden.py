from cents import Money


def test_hidden_split_adds_up():
    parts = Money(1001).split(4)
    assert [p.cents for p in parts] == [251, 250, 250, 250]
    assert sum(p.cents for p in Money(7).split(3)) == 7
