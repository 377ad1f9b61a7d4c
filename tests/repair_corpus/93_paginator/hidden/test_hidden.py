from paging import Paginator


def test_hidden_pages():
    pages = Paginator(list("abcde"), 2)
    assert [pages.page(n) for n in (1, 2, 3)] == [["a", "b"], ["c", "d"], ["e"]]
    assert Paginator([], 3).page(1) == []
