from sorted_dedupe import dedupe_sorted


def test_empty():
    assert dedupe_sorted([]) == []


def test_runs():
    assert dedupe_sorted([1, 1, 2, 3, 3, 3]) == [1, 2, 3]


def test_distinct():
    assert dedupe_sorted([4, 5]) == [4, 5]
