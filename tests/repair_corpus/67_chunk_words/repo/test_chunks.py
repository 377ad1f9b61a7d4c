from chunks import chunk_words


def test_even():
    assert chunk_words(["a", "b", "c", "d"], 2) == ["a b", "c d"]


def test_uneven():
    assert chunk_words(["a", "b", "c"], 2) == ["a b", "c"]
