from names import extension, last_component


def test_extension():
    assert extension("a.tar.gz") == "gz"
    assert extension("README") == ""


def test_last_component():
    assert last_component("/srv/app/main.py") == "main.py"


def test_single():
    assert last_component("top") == "top"
