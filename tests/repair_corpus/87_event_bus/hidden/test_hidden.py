from eventbus import EventBus


def test_hidden_unsubscribe_then_publish():
    bus = EventBus()
    seen = []
    bus.subscribe("a", seen.append)
    bus.unsubscribe("a", seen.append)
    assert bus.publish("a", {}) == 0
    assert bus.publish("b", {}) == 0
    assert seen == []
