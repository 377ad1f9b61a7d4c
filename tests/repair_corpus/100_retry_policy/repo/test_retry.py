from retry import RetryPolicy


def test_retries_timeouts():
    assert RetryPolicy().should_retry(1, TimeoutError())


def test_not_other_errors():
    assert not RetryPolicy().should_retry(1, ValueError())


def test_gives_up_after_max():
    assert not RetryPolicy(max_attempts=2).should_retry(2, TimeoutError())
