from columns import column_title


def test_first():
    assert column_title(1) == "A"


def test_last_single():
    assert column_title(26) == "Z"


def test_two_letters():
    assert column_title(28) == "AB"
