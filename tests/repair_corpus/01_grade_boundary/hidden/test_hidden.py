from grades import letter


def test_hidden_boundaries():
    assert [letter(s) for s in (89, 90, 91, 100)] == ["B", "A", "A", "A"]
    assert [letter(s) for s in (79, 80, 60, 59, 0)] == ["C", "B", "D", "F", "F"]
