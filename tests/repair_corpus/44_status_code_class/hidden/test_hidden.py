from http_status import is_server_error


def test_hidden_bounds():
    assert [is_server_error(c) for c in (499, 500, 599, 600, 601)] == [False, True, True, False, False]
