from http_status import is_server_error, is_success, should_retry


def test_server_errors():
    assert is_server_error(500)
    assert is_server_error(503)


def test_not_server_error():
    assert not is_server_error(600)
    assert not is_server_error(404)


def test_success():
    assert is_success(204)
    assert not is_success(300)


def test_retry():
    assert should_retry(429)
    assert not should_retry(400)
