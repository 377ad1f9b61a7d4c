from contacts import duplicates, normalise


def test_normalise():
    assert normalise("  Ann@Example.COM ") == "ann@example.com"


def test_duplicates_found():
    assert duplicates(["a@x.io", "b@x.io", "A@x.io"]) == ["a@x.io"]


def test_no_duplicates():
    assert duplicates(["a@x.io", "b@x.io"]) == []
