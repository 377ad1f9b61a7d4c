from events import Log


def make(*events):
    log = Log()
    for e in events:
        log.add(e)
    return log


def test_recent_two():
    assert make("a", "b", "c").recent(2) == ["b", "c"]


def test_none():
    assert make("a").recent(0) == []
