from ratelimit import TokenBucket


def test_hidden_capacity_caps_refill():
    bucket = TokenBucket(rate=10.0, capacity=3.0)
    assert all(bucket.allow(100.0) for _ in range(3))
    assert not bucket.allow(100.0)
