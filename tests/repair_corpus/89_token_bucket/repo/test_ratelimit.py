from ratelimit import TokenBucket


def test_burst_then_refused():
    bucket = TokenBucket(rate=1.0, capacity=2.0)
    assert bucket.allow(0.0)
    assert bucket.allow(0.0)
    assert not bucket.allow(0.0)


def test_refills_over_time():
    bucket = TokenBucket(rate=1.0, capacity=2.0)
    bucket.allow(0.0)
    bucket.allow(0.0)
    assert bucket.allow(1.0)
