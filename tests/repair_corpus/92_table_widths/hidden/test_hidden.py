from table.widths import column_widths


def test_hidden_widths():
    assert column_widths([["a", "bbb"], ["cc", 1]]) == [2, 3]
    assert column_widths([[12345], [6]]) == [5]
