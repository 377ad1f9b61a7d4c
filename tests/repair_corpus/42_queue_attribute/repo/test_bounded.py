from bounded import BoundedQueue


def test_fifo():
    q = BoundedQueue(3)
    q.push(1)
    q.push(2)
    assert q.pop() == 1


def test_drop_oldest():
    q = BoundedQueue(2)
    for i in range(3):
        q.push(i)
    assert q.items == [1, 2]
    assert q.dropped == 1
