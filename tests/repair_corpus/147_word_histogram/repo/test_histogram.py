from histogram import histogram, most_common


def test_empty():
    assert histogram("") == {}


def test_counts():
    assert histogram("a b A") == {"a": 2, "b": 1}


def test_most_common():
    assert most_common("to be or not to be to") == "to"
