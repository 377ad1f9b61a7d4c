from tags import TagIndex


def test_has():
    assert TagIndex(["Python", "Rust"]).has("python")


def test_missing():
    assert not TagIndex(["Go"]).has("java")


def test_count():
    assert TagIndex(["a", "A", "b"]).count() == 2
