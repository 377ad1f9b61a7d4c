from levenshtein import edit_distance


def test_same():
    assert edit_distance("kitten", "kitten") == 0


def test_classic():
    assert edit_distance("kitten", "sitting") == 3


def test_to_empty():
    assert edit_distance("abc", "") == 3


def test_drop_both_ends():
    assert edit_distance("abcd", "b") == 3
