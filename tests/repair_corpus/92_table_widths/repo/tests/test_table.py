from table.render import render


def test_render():
    assert render([["name", "qty"], ["pen", 10]]) == "name  qty\npen   10"


def test_empty():
    assert render([]) == ""
