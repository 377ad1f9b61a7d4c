from bounded import BoundedQueue


def test_hidden_capacity():
    q = BoundedQueue(4)
    for i in range(6):
        q.push(i)
    assert q.items == [2, 3, 4, 5]
    assert q.dropped == 2
