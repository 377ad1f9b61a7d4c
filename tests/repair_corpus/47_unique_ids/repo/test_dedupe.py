from dedupe import unique_ids, unique_words


def test_words():
    assert unique_words(["A", "b", "a", "B", "c"]) == ["A", "b", "c"]


def test_ids():
    assert unique_ids([3, 1, 3, 2, 1]) == [3, 1, 2]


def test_ids_without_repeats():
    assert unique_ids([5, 6]) == [5, 6]
