from retry import RetryPolicy


def test_hidden_attempts():
    policy = RetryPolicy(max_attempts=4)
    assert [policy.should_retry(n, TimeoutError()) for n in (1, 2, 3, 4, 5)] == [True, True, True, False, False]
    assert not RetryPolicy(max_attempts=1).should_retry(1, TimeoutError())
