from limits.bucket import TokenBucket


def test_burst_then_refuse():
    bucket = TokenBucket(rate=1.0, burst=1)
    assert bucket.allow(0.0)
