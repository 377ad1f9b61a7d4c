from people import initials, label


def test_label():
    assert label({"first": "Ada", "last": "Lovelace"}) == "Ada Lovelace"


def test_label_first_only():
    assert label({"first": "Cher"}) == "Cher"


def test_initials():
    assert initials({"first": "Ada", "last": "Lovelace"}) == "A.L."
