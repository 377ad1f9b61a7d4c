from accounts import display_name, valid_username


def test_good_names():
    assert valid_username("ada99")


def test_reserved():
    assert not valid_username("Admin")


def test_symbols_rejected():
    assert not valid_username("bad name!")


def test_display():
    assert display_name("ada") == "Ada"
