from chunks import chunk_words


def test_hidden_chunks():
    assert chunk_words([], 3) == []
    assert chunk_words(["x"], 5) == ["x"]
    assert chunk_words(["a", "b", "c", "d", "e"], 3) == ["a b c", "d e"]
