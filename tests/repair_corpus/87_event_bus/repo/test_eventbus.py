from eventbus import EventBus


def test_publish_calls_handlers():
    bus = EventBus()
    seen = []
    bus.subscribe("order", seen.append)
    assert bus.publish("order", {"id": 1}) == 1
    assert seen == [{"id": 1}]


def test_publish_without_subscribers():
    assert EventBus().publish("nothing", {}) == 0
