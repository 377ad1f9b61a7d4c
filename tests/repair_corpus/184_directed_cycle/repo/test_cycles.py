from cycles import has_cycle


def test_two_cycle():
    assert has_cycle({"a": ["b"], "b": ["a"]})


def test_chain():
    assert not has_cycle({"a": ["b"], "b": ["c"], "c": []})


def test_diamond():
    assert not has_cycle({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []})
