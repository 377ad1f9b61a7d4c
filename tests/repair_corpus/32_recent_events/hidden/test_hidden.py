from events import Log


def test_hidden_recent():
    log = Log()
    for e in "abcde":
        log.add(e)
    assert log.recent(1) == ["e"]
    assert log.recent(10) == list("abcde")
