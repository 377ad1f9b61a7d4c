from fuzzy.distance import levenshtein


def test_levenshtein():
    assert levenshtein("kitten", "sitting") == 3
