from levenshtein import edit_distance


def test_hidden_edit_distance():
    assert edit_distance("flaw", "lawn") == 2
    assert edit_distance("abcdef", "ab") == 4
    assert edit_distance("", "xyz") == 3
    assert edit_distance("intention", "execution") == 5
    assert edit_distance("abcdefg", "c") == 6
