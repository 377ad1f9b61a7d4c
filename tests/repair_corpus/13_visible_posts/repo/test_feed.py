from feed import Post, most_liked, visible


def test_visible():
    posts = [Post("a"), Post("b", hidden=True), Post("c")]
    assert visible(posts) == ["a", "c"]


def test_most_liked():
    assert most_liked([Post("a", likes=3), Post("b", likes=9)]) == "b"
