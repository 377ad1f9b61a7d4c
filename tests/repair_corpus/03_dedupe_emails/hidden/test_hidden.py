from contacts import duplicates


def test_hidden_many():
    assert duplicates(["c@x", "a@x", "C@x", "a@x", "b@x", "c@x"]) == ["c@x", "a@x"]
    assert duplicates([]) == []
    assert duplicates(["z@x"]) == []
